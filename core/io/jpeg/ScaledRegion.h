// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to io/jpeg: the DecodeTypes.h rule for the pixels a downscaled decode returns.

#include <QRect>
#include <QSize>

#include <algorithm>

namespace cropdeck::jpeg {

// [floor(x/s), ceil((x+w)/s)) on each axis, clipped to the scaled image size (ceil(W/s) x ceil(H/s)).
inline QRect scaledRegion(const QRect& region, int scaleDenom, const QSize& scaledImage) {
    const auto ceilDiv = [](int a, int b) {
        return (a + b - 1) / b;
    };
    const int x0 = region.x() / scaleDenom;
    const int y0 = region.y() / scaleDenom;
    const int x1 = std::min(ceilDiv(region.x() + region.width(), scaleDenom), scaledImage.width());
    const int y1 = std::min(ceilDiv(region.y() + region.height(), scaleDenom), scaledImage.height());
    return QRect(x0, y0, x1 - x0, y1 - y0);
}

} // namespace cropdeck::jpeg
