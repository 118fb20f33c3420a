// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Lossless JPEG crop with TurboJPEG's transform: the DCT coefficients of the kept MCUs are copied into
// a new JPEG, nothing is decoded or re-encoded, so the output has exactly the source's quality.
//
// `rect` is in stored pixels. The crop must start on the MCU grid, so its left and top edges move down
// to MCU multiples; its right and bottom edges stay where they are (clipped to the image), so the crop
// always covers `rect`. For exifOrientation 2..8 the crop is also transformed losslessly (flip, rotate,
// transpose) so the output is upright and carries no EXIF; such transforms need whole MCUs on the
// edges they move, so the far edges are widened to the MCU grid when the image allows it. When the
// crop needs the partial MCU at the image's right or bottom edge for such a transform, the result is
// ErrorKind::Unsupported (the engine then decodes and re-encodes instead).
//
// No metadata is copied (no stale orientation, EXIF or ICC). Errors: Invalid for a rect outside the
// image or an orientation outside 1..8; Corrupt/Truncated for damaged data (any libjpeg warning fails);
// Unsupported for files TurboJPEG cannot transform (12-bit, lossless, unusual sampling). Reentrant.

#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QRect>
#include <QString>

namespace cropdeck {

struct LosslessJpegCrop {
    QByteArray jpeg;
    QRect croppedRect;    // the stored pixels the output holds (before orientation); contains rect
    bool aligned = false; // croppedRect differs from rect (moved to the MCU grid)
};

Result<LosslessJpegCrop> cropJpegLossless(QByteArrayView data, QRect rect, int exifOrientation,
                                          const QString& pathForMessages);

} // namespace cropdeck
