// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What decoding an image costs in memory, per decoder path.
//
// The engine reserves estimateDecodeBytes() against the batch's memory budget before it decodes an image
// (and refuses an image whose estimate alone is over the budget), so the budget bounds what the decoders
// really allocate: the file's bytes where a decoder holds them, the decoded pixels, and the libraries' own
// buffers (libjpeg's coefficient arrays, libpng's rows, OpenCV's TIFF strip and RGBA buffers, 16-bit
// samples before they become 8-bit...). The figures are upper bounds taken from how each path allocates,
// checked against measured peak RSS in tests/io/test_decode_cost.cpp.
//
// Files too small to hold the pixels they declare are refused earlier, by the probe
// (io/PlausibleFileSize.h).

#include "Result.h"
#include "io/ImageInfo.h"

#include <QRect>
#include <QString>

namespace cropdeck {

enum class DecodePath {
    JpegRegion,      // io/jpeg/JpegRegionDecoder: crop + skip scanlines, or row bands in one pass
    JpegRestart,     // io/jpeg/JpegRestartDecoder: a shorter stream built from restart intervals
    JpegLossless,    // io/jpeg/JpegLosslessCrop: coefficients copied without re-encoding
    PngRows,         // io/PngRowDecoder: libpng, row by row
    PngWholeInflate, // io/PngDeflateDecoder: the whole image inflated by libdeflate
    BmpBands,        // io/BmpBandReader: the needed rows only
    OpenCv,          // io/OpenCvDecoder: cv::imdecode of the whole file
};

const char* decodePathName(DecodePath path);

// Peak bytes `path` allocates to decode `region` (stored pixels) of the image `info` describes, the file
// bytes it holds included.
qint64 decodePathBytes(DecodePath path, const ImageInfo& info, const QRect& region);

// The most the engine's region reader may allocate for any set of windows of this image: the costliest
// path it may pick for the format, including the OpenCV fallback where the specialised decoder can decline
// the file. `losslessJpeg`: the windows are cut from the JPEG without re-encoding.
qint64 estimateDecodeBytes(const ImageInfo& info, bool losslessJpeg = false);

// The path estimateDecodeBytes() charged for, for messages.
DecodePath costliestDecodePath(const ImageInfo& info, bool losslessJpeg = false);

// "<file>: decoding it needs about N MiB (...), more than the memory budget (max memory) of M MiB".
Error decodeOverBudget(const QString& path, const ImageInfo& info, qint64 neededBytes, qint64 budgetBytes,
                       bool losslessJpeg = false);

} // namespace cropdeck
