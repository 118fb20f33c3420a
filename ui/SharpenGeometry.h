// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// When the canvas needs sharper pixels than its scaled picture, and which region to decode: pure
// arithmetic, tested alone (tests/ui/test_sharpen_geometry.cpp).

#include <QRect>
#include <QRectF>
#include <QSize>

#include <optional>

namespace cropdeck::ui {

// The scaled picture (1/pictureScaleDenom of the image) looks soft once a picture pixel covers more
// than one device pixel, i.e. when devicePixelsPerImagePixel × pictureScaleDenom > 1.
[[nodiscard]] bool pictureIsMagnified(double devicePixelsPerImagePixel, int pictureScaleDenom);

// The region to decode at full resolution for the `visible` part of an image of `imageSize` (image
// pixels): the visible rectangle grown by a quarter of its size on each side (so that small pans need no
// new decode), whole pixels, clipped to the image. Nothing when nothing is visible or when it would hold
// more than `maxPixels` (the view is not zoomed in far enough for the cost to be worth it).
[[nodiscard]] std::optional<QRect> sharpenRegion(const QRectF& visible, QSize imageSize, qint64 maxPixels);

} // namespace cropdeck::ui
