// SPDX-License-Identifier: GPL-3.0-or-later
#include "geometry/WindowShaping.h"

#include "geometry/PixelRect.h"

#include <algorithm>
#include <cmath>

namespace cropdeck {

namespace {

// Edges in 64 bits so that growth can be checked against the limits before it becomes a QRect.
std::optional<QRect> rectFromEdges(qint64 left, qint64 top, qint64 right, qint64 bottom) {
    const qint64 limit = kMaxPixelCoordinate;
    if (right <= left || bottom <= top)
        return std::nullopt;
    if (std::max({std::abs(left), std::abs(top), std::abs(right), std::abs(bottom)}) > limit)
        return std::nullopt;
    return QRect(int(left), int(top), int(right - left), int(bottom - top));
}

qint64 floorHalf(qint64 value) {
    return value >= 0 ? value / 2 : -((-value + 1) / 2);
}

// Changes one dimension by `delta` pixels (either sign): start += floor((old - new) / 2).
void growAxis(qint64& start, qint64& end, qint64 delta) {
    const qint64 startShift = floorHalf(-delta);
    start += startShift;
    end += delta + startShift;
}

// Pixels for a margin amount, rounded away from zero so that float noise does not add a pixel.
qint64 marginPixels(double amount) {
    const double magnitude = std::ceil(std::abs(amount) - kPixelEpsilon);
    return amount < 0 ? -qint64(magnitude) : qint64(std::max(0.0, magnitude));
}

// Start of a `length` window on an axis of `extent`: centred where it does not fit.
qint64 centredStart(qint64 extent, qint64 length) {
    return floorHalf(extent - length);
}

quint64 splitMix64(quint64& state) {
    state += 0x9E3779B97F4A7C15ULL;
    quint64 z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// Uniform in [0, bound) without modulo bias (rejection of the short last interval).
quint64 uniformBelow(quint64& state, quint64 bound) {
    const quint64 threshold = (0 - bound) % bound;
    for (;;) {
        const quint64 r = splitMix64(state);
        if (r >= threshold)
            return r % bound;
    }
}

} // namespace

std::optional<QRect> applyMargin(const QRect& window, Margin margin) {
    if (!std::isfinite(margin.value))
        return std::nullopt;
    const double scaleX = margin.percent ? window.width() / 100.0 : 1.0;
    const double scaleY = margin.percent ? window.height() / 100.0 : 1.0;
    const double limit = 4.0 * kMaxPixelCoordinate;
    const double amountX = std::clamp(margin.value * scaleX, -limit, limit);
    const double amountY = std::clamp(margin.value * scaleY, -limit, limit);
    const qint64 dx = marginPixels(amountX);
    const qint64 dy = marginPixels(amountY);
    return rectFromEdges(qint64(window.left()) - dx, qint64(window.top()) - dy,
                         qint64(window.x()) + window.width() + dx, qint64(window.y()) + window.height() + dy);
}

std::optional<QRect> lockAspect(const QRect& window, double aspect) {
    if (!std::isfinite(aspect))
        return std::nullopt;
    if (aspect <= 0 || window.isEmpty())
        return window;
    qint64 left = window.x();
    qint64 top = window.y();
    qint64 right = left + window.width();
    qint64 bottom = top + window.height();
    const double limit = 4.0 * kMaxPixelCoordinate;
    const double wantedWidth = std::min(std::ceil(window.height() * aspect - kPixelEpsilon), limit);
    const double wantedHeight = std::min(std::ceil(window.width() / aspect - kPixelEpsilon), limit);
    if (wantedWidth > window.width())
        growAxis(left, right, qint64(wantedWidth) - window.width());
    else if (wantedHeight > window.height())
        growAxis(top, bottom, qint64(wantedHeight) - window.height());
    return rectFromEdges(left, top, right, bottom);
}

std::optional<QRect> fixedSizeAround(const QRect& window, QSize size) {
    if (size.isEmpty())
        return std::nullopt;
    qint64 left = window.x();
    qint64 top = window.y();
    qint64 right = left + window.width();
    qint64 bottom = top + window.height();
    growAxis(left, right, qint64(size.width()) - window.width());
    growAxis(top, bottom, qint64(size.height()) - window.height());
    return rectFromEdges(left, top, right, bottom);
}

QRect centreCrop(QSize image, QSize size) {
    return QRect(int(centredStart(image.width(), size.width())),
                 int(centredStart(image.height(), size.height())), size.width(), size.height());
}

QRect randomCrop(QSize image, QSize size, quint64 seed, int imageIndex, int windowIndex) {
    // Each index is folded in through a full mixing step, so neighbouring indices give unrelated draws.
    quint64 state = seed;
    state = splitMix64(state) ^ quint64(qint64(imageIndex));
    state = splitMix64(state) ^ quint64(qint64(windowIndex));
    const auto start = [&state](int extent, int length) -> qint64 {
        if (length > extent)
            return centredStart(extent, length);
        return qint64(uniformBelow(state, quint64(extent - length) + 1));
    };
    const qint64 x = start(image.width(), size.width());
    const qint64 y = start(image.height(), size.height());
    return QRect(int(x), int(y), size.width(), size.height());
}

std::optional<QRect> normalizedSquareWindow(const NormalizedSquare& square, QSize image, double maxFraction) {
    if (image.isEmpty())
        return std::nullopt;
    if (!std::isfinite(square.x) || !std::isfinite(square.y) || !std::isfinite(square.scale) ||
        !std::isfinite(maxFraction))
        return std::nullopt;
    const int shorter = std::min(image.width(), image.height());
    const double fraction = std::min(square.scale, maxFraction);
    const double side = std::clamp(std::floor(shorter * fraction), 1.0, double(shorter));
    const int sideInt = int(side);
    // Clamp in double first: x·W may be far outside int range for silly x.
    const auto start = [sideInt](double relative, int extent) {
        const double wanted = std::floor(relative * extent);
        return int(std::clamp(wanted, 0.0, double(extent - sideInt)));
    };
    return QRect(start(square.x, image.width()), start(square.y, image.height()), sideInt, sideInt);
}

} // namespace cropdeck
