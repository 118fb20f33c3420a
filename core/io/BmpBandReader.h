// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// BMP region decode that reads only the rows the region covers and converts only its columns: through
// a memory map of the file, or, where mapping fails, one read per band of rows (per row when the region
// is a narrow slice of wide rows). Bottom-up and top-down files, rows padded to 4 bytes.
//
// Pixels equal OpenCV's cv::imdecode(IMREAD_UNCHANGED) of the file, cropped. Handled here: 1/4/8-bit
// palettes (gray output when every palette entry is gray, as OpenCV decides, else BGR), 16-bit 5-5-5 and
// (with a 40-byte header) 5-6-5 bit fields, 24-bit, 32-bit BI_RGB (BGR: the fourth byte is padding) and
// 32-bit bit fields (BGRA, bytes as stored, as OpenCV does). Everything else (RLE, OS/2 1.x headers that
// OpenCV turns gray, unusual masks, embedded JPEG/PNG) is Unsupported, for the OpenCV fallback.
//
// A file that ends before a needed row: Truncated, except with failOn=None, which returns the rows that
// exist and black for the rest. Cancellation is checked every band. Reentrant.

#include "Result.h"
#include "io/DecodeTypes.h"
#include "io/ImageInfo.h"

#include <QString>

namespace cropdeck {

enum class BmpAccess {
    Mapped, // memory-map the row bands on local storage; Read on network/FUSE storage or when mapping fails
    Read,   // read() calls only (tests use it to cover the fallback)
};

struct BmpReadOptions {
    BmpAccess access = BmpAccess::Mapped;
    qint64 mappedBandBytes = qint64(64) << 20; // at most this much of the file mapped at once
};

Result<DecodedRegion> decodeBmpRegion(const QString& path, const ImageInfo& info,
                                      const DecodeRequest& request, const BmpReadOptions& options = {});

} // namespace cropdeck
