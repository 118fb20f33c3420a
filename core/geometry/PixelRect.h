// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one rounding rule from floating-point boxes to integer pixel windows.
//
// Both are 0-based and half-open: the box (x, y, w, h) covers [x, x+w) × [y, y+h). The window is the
// smallest integer rectangle that covers every pixel the box overlaps by more than kPixelEpsilon:
//
//     left  = floor(x + eps)        right  = ceil(x + w - eps)
//     top   = floor(y + eps)        bottom = ceil(y + h - eps)
//
// The epsilon keeps float noise from growing a window by a pixel: 10.0000001 and 9.9999999 both
// round to 10 on either edge, while 10.2 still reaches pixel 10 and 10.7 still reaches pixel 10.
//
// A box is invalid (std::nullopt) when w or h is <= 0, any value is NaN or infinite, an edge lies
// beyond ±kMaxPixelCoordinate (so later integer arithmetic cannot overflow), or it rounds to nothing
// (a box thinner than 2·eps). Windows may lie partly or wholly outside the image: bounds are the
// BoundsPolicy's business, not rounding's.

#include <QRect>
#include <QRectF>

#include <optional>

namespace cropdeck {

inline constexpr double kPixelEpsilon = 1e-6;
inline constexpr int kMaxPixelCoordinate = 1 << 28;

[[nodiscard]] std::optional<QRect> pixelRectFromBox(const QRectF& box);

} // namespace cropdeck
