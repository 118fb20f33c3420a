// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// PNG region decode with libpng's row API: rows are decoded from the top down to the last row the region
// needs and decoding stops there (the rest of the file is never read, nor inflated). Only the region's
// columns are kept. Interlaced files must go through every pass, so they are read to the last pass's
// last needed row, with memory for the region's rows only.
//
// Pixels equal OpenCV's cv::imdecode(IMREAD_UNCHANGED) of the file, normalised as in
// normalizeDecoded() (16-bit scaled to 8 with rounding), cropped: gray stays 1 channel (a gray tRNS is
// ignored), gray+alpha becomes BGRA, RGB becomes BGR (BGRA with tRNS), palettes are expanded to BGR
// (BGRA with tRNS), 1/2/4-bit gray is scaled to 0..255. The same libpng transformations are used, so
// this holds by construction, and the tests check it.
//
// Damaged files follow request.failOn:
//   Error     - any CRC error, benign error or libpng warning in what is read fails (Corrupt), as does
//               a premature end (Truncated).
//   Truncated - CRC errors are tolerated (the data is used); a premature end fails (Truncated) and so
//               does undecodable data (Corrupt).
//   None      - CRC errors are ignored; when the data ends or breaks after some of the region's rows
//               were decoded, those rows are returned and the rest are black (interlaced: fails).
// Data after the region is never read, so damage there goes unnoticed whatever failOn says.
//
// Cancellation is checked every 32 rows. Reentrant.

#include "Result.h"
#include "io/DecodeTypes.h"
#include "io/ImageInfo.h"

#include <QString>

namespace cropdeck {

Result<DecodedRegion> decodePngRegion(const QString& path, const ImageInfo& info,
                                      const DecodeRequest& request);

} // namespace cropdeck
