// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/SharpenGeometry.h"

#include <cmath>

namespace cropdeck::ui {
namespace {

// A little past exactly 1:1 against the picture, so rounding in the view's transform does not trigger a
// decode that would look the same.
constexpr double kMagnifiedSlack = 1.05;
constexpr double kGrowFraction = 0.25;

} // namespace

bool pictureIsMagnified(double devicePixelsPerImagePixel, int pictureScaleDenom) {
    return devicePixelsPerImagePixel * std::max(1, pictureScaleDenom) > kMagnifiedSlack;
}

std::optional<QRect> sharpenRegion(const QRectF& visible, QSize imageSize, qint64 maxPixels) {
    const QRectF image(QPointF(0, 0), QSizeF(imageSize));
    const QRectF seen = visible.intersected(image);
    if (seen.isEmpty())
        return std::nullopt;
    const double dx = seen.width() * kGrowFraction, dy = seen.height() * kGrowFraction;
    const QRectF grown = seen.adjusted(-dx, -dy, dx, dy).intersected(image);
    const QPoint topLeft(int(std::floor(grown.left())), int(std::floor(grown.top())));
    const QPoint end(int(std::ceil(grown.right())), int(std::ceil(grown.bottom())));
    const QRect region(topLeft, QSize(end.x() - topLeft.x(), end.y() - topLeft.y()));
    if (region.isEmpty() || qint64(region.width()) * region.height() > maxPixels)
        return std::nullopt;
    return region;
}

} // namespace cropdeck::ui
