// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// PNG region decode that inflates the whole image with one libdeflate call (about twice zlib's speed),
// then unfilters rows from the top down to the region's last row and converts only the region's rows and
// columns. libpng's row decoder (PngRowDecoder.h) stops inflating after the region's last row instead, so
// this path pays only for regions that reach far down the image; RegionReader chooses.
//
// Pixels are those of decodePngRegion() for the same file and region (the same conversions, see
// PngSampleConvert.h). Only intact, ordinary files are decoded here (see PngChunkWalk.h); any other file
// (a bad CRC, a broken, short or long zlib stream, a bad filter type, odd PLTE/tRNS...) is handed to
// decodePngRegion(), which reports the damage and applies request.failOn exactly as documented there;
// the result's `decoder` then names that path ("png-rows").
//
// Errors: Invalid (region, scale, not a PNG), NotFound/Io (the file), Cancelled, and Unsupported for
// interlaced files and for files or raw images over 1 GiB (libpng decodes those a row at a time).
//
// Memory: the file and the raw image (height × (1 + row bytes)) live in buffers kept per thread and
// reused by the next image, so that a worker does not page-fault them afresh per image; buffers over
// kRetainedScratchBytes (io/ScratchRetention.h) are released after each image.
//
// Cancellation is checked before and after the inflate, then every 32 rows. Reentrant.

#include "Result.h"
#include "io/DecodeTypes.h"
#include "io/ImageInfo.h"

#include <QString>

namespace cropdeck {

Result<DecodedRegion> decodePngRegionWholeInflate(const QString& path, const ImageInfo& info,
                                                  const DecodeRequest& request);

} // namespace cropdeck
