// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shaping integer windows: margins, aspect lock, fixed-size windows, centre and seeded random crops,
// and the centre/scale squares of the parallel_image_crop lists. Pure functions, no I/O.
//
// Growing and shrinking keep the window's centre: a dimension going from length L to N starts at
// old start + floor((L - N) / 2), the rule centreCrop uses too. When L - N is odd the new centre is half
// a pixel up/left of the old one. Results may lie outside the image; BoundsPolicy deals with that.
// Functions return std::nullopt where the result would be empty or beyond kMaxPixelCoordinate.

#include "geometry/GeometryOptions.h"
#include "geometry/NormalizedSquare.h"

#include <QRect>
#include <QSize>

#include <optional>

namespace cropdeck {

// Adds `margin` on every side. Percent margins are a percentage of the window's width (left/right)
// and height (top/bottom). Each side's pixel amount is rounded away from zero (with kPixelEpsilon),
// so a positive margin never cuts into what was asked for. A negative margin shrinks the window;
// std::nullopt when it would vanish.
[[nodiscard]] std::optional<QRect> applyMargin(const QRect& window, Margin margin);

// Widens (or heightens) the window around its centre until width / height == aspect, rounding the
// new side up. aspect <= 0 leaves the window unchanged; NaN or infinite aspect gives std::nullopt.
[[nodiscard]] std::optional<QRect> lockAspect(const QRect& window, double aspect);

// A window of exactly `size` with the same centre as `window` (within half a pixel, see above).
// std::nullopt when size is empty.
[[nodiscard]] std::optional<QRect> fixedSizeAround(const QRect& window, QSize size);

// A window of `size` (non-empty) centred in an image of `image` size. Larger than the image: it sticks out on
// both sides (equally, up to the odd pixel).
[[nodiscard]] QRect centreCrop(QSize image, QSize size);

// A window of `size` (non-empty) at a position drawn uniformly among those that keep it inside the image (an
// axis where it does not fit is centred as in centreCrop). The position depends only on (seed, imageIndex,
// windowIndex) and is the same on every platform and run: it uses its own SplitMix64 stream.
[[nodiscard]] QRect randomCrop(QSize image, QSize size, quint64 seed, int imageIndex, int windowIndex);

// The square of a centre/scale list entry on an image of `image` size:
// side = max(1, floor(min(W, H) × min(scale, maxFraction))), capped at min(W, H);
// top-left = (floor(x·W), floor(y·H)) clamped so the square stays inside the image.
// std::nullopt for an empty image or a NaN/infinite value.
[[nodiscard]] std::optional<QRect> normalizedSquareWindow(const NormalizedSquare& square, QSize image,
                                                          double maxFraction);

} // namespace cropdeck
