// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Random access into baseline JPEGs with restart markers (DRI). A plain region decode still has to
// Huffman-decode every MCU above the region, and every MCU of its rows; here decoding starts at the last
// restart interval that begins on an MCU row at or before the region (one MCU row earlier when chroma
// upsampling needs the row above), so the rows above it are never touched, and where the intervals split
// every row alike only the intervals under the region's columns (one MCU wider on each side for chroma
// upsampling) are decoded. Pixels are identical to decodeJpegRegion.
//
// Works for any JPEG: without usable restart markers (none, progressive, arithmetic, multi-scan, or
// damaged markers) it is exactly decodeJpegRegion. Same errors and threading rules as that function;
// result.decoder says which path ran ("jpeg-restart" or "jpeg-region").

#include "Result.h"
#include "io/DecodeTypes.h"

#include <QByteArrayView>
#include <QString>

namespace cropdeck {

// True when decodeJpegRegionFromRestart would skip at least one MCU row for this request. Reads only
// the header: cheap enough for a planner to call per window.
bool jpegRestartAccessUseful(QByteArrayView data, const DecodeRequest& request);

Result<DecodedRegion> decodeJpegRegionFromRestart(QByteArrayView data, const DecodeRequest& request,
                                                  const QString& pathForMessages);

} // namespace cropdeck
