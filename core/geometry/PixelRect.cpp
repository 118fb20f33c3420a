// SPDX-License-Identifier: GPL-3.0-or-later
#include "geometry/PixelRect.h"

#include <cmath>

namespace cropdeck {

namespace {

bool finiteWithinLimits(double value) {
    return std::isfinite(value) && std::abs(value) <= double(kMaxPixelCoordinate);
}

} // namespace

std::optional<QRect> pixelRectFromBox(const QRectF& box) {
    const double x0 = box.x();
    const double y0 = box.y();
    const double x1 = box.x() + box.width();
    const double y1 = box.y() + box.height();
    // `!(w > 0)` also rejects NaN sizes.
    if (!(box.width() > 0) || !(box.height() > 0))
        return std::nullopt;
    if (!finiteWithinLimits(x0) || !finiteWithinLimits(y0) || !finiteWithinLimits(x1) ||
        !finiteWithinLimits(y1))
        return std::nullopt;

    const int left = int(std::floor(x0 + kPixelEpsilon));
    const int top = int(std::floor(y0 + kPixelEpsilon));
    const int right = int(std::ceil(x1 - kPixelEpsilon));
    const int bottom = int(std::ceil(y1 - kPixelEpsilon));
    if (right <= left || bottom <= top)
        return std::nullopt;
    return QRect(left, top, right - left, bottom - top);
}

} // namespace cropdeck
