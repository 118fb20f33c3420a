// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// EXIF orientation (1..8) as a mapping of rectangles between the *stored* pixels and the *upright*
// image a viewer shows. Stored pixel (sx, sy) of a W×H image appears upright at:
//
//   1 (sx, sy)            2 (W-1-sx, sy)        3 (W-1-sx, H-1-sy)    4 (sx, H-1-sy)
//   5 (sy, sx)            6 (H-1-sy, sx)        7 (H-1-sy, W-1-sx)    8 (sy, W-1-sx)
//
// so 5..8 swap width and height. Rectangles are half-open and the mapping is exact (pixels map to
// pixels); the QRectF forms map continuous coordinates the same way (x → W - x on a mirrored axis).
// Values outside 1..8 are treated as 1, as viewers do. Every function takes the *stored* size.

#include <QRect>
#include <QRectF>
#include <QSize>

namespace cropdeck {

// `orientation` when it is 1..8, otherwise 1.
[[nodiscard]] int normalizedOrientation(int orientation);

// The orientation that undoes `orientation` (6 and 8 swap; the others undo themselves).
[[nodiscard]] int inverseOrientation(int orientation);

// Whether the upright image is the stored one transposed (orientations 5..8).
[[nodiscard]] bool swapsAxes(int orientation);

[[nodiscard]] QSize uprightSize(QSize storedSize, int orientation);

[[nodiscard]] QRect storedToUpright(const QRect& stored, QSize storedSize, int orientation);
[[nodiscard]] QRect uprightToStored(const QRect& upright, QSize storedSize, int orientation);
[[nodiscard]] QRectF storedToUpright(const QRectF& stored, QSize storedSize, int orientation);
[[nodiscard]] QRectF uprightToStored(const QRectF& upright, QSize storedSize, int orientation);

} // namespace cropdeck
