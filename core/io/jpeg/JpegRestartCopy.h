// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A lossless re-encoding of a JPEG with restart markers that split every MCU row alike (intervals of at
// most 4 MCUs, each row starting one), so that decodeJpegRegionFromRestart can decode only the MCU rows
// and columns under a region instead of entropy-decoding every row above it and every column beside it. The
// DCT coefficients (and quantisation tables) are copied, never requantised (libjpeg's jpeg_read_coefficients
// → jpeg_write_coefficients, jpegtran's transcoding), so every decoder gives the copy exactly the source's
// pixels. A progressive or arithmetic-coded source becomes baseline Huffman (libjpeg's standard tables);
// metadata is not copied (EXIF orientation stays the caller's, from the source's probe).
//
// ErrorKind::Unsupported, with the reason, where a copy could not promise the source's pixels; the caller
// then decodes the source itself:
// - anything but 8-bit gray, YCbCr or RGB (12-bit, lossless SOF3, CMYK/YCCK): the 8-bit transcoder or the
//   region decoder does not take them;
// - damaged or truncated data (any libjpeg warning): the source's own decode reports the damage as the
//   batch's failOn decides, and a clean copy would hide it;
// - a progressive scan script that leaves one of the first AC coefficients unrefined: libjpeg then
//   smooths the source's blocks when decoding it (block smoothing), a baseline copy would not.
// Any other error (Corrupt, Truncated, TooLarge) means the same: no copy, decode the source. Cancelled
// when `stop` returns true (asked once per MCU row while reading and while writing). Reentrant.

#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>

namespace cropdeck {

Result<QByteArray> makeJpegRestartCopy(QByteArrayView source, const std::function<bool()>& stop,
                                       const QString& pathForMessages);

} // namespace cropdeck
