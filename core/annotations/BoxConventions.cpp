// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/BoxConventions.h"

#include "geometry/WindowShaping.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace cropdeck {

QRectF boxFromCorners(const Corners& c, CornerConvention convention) {
    if (convention == CornerConvention::OneBasedInclusive)
        return QRectF(c.x1 - 1.0, c.y1 - 1.0, c.x2 - c.x1 + 1.0, c.y2 - c.y1 + 1.0);
    return QRectF(c.x1, c.y1, c.x2 - c.x1, c.y2 - c.y1);
}

Corners cornersFromBox(const QRectF& box, CornerConvention convention) {
    if (convention == CornerConvention::OneBasedInclusive)
        return Corners{box.x() + 1.0, box.y() + 1.0, box.x() + box.width(), box.y() + box.height()};
    return Corners{box.x(), box.y(), box.x() + box.width(), box.y() + box.height()};
}

double roundToMicroPixel(double value) {
    const double scaled = std::round(value * 1e6);
    // Beyond 2^53 µpx (9e9 px) the product has no fraction left to round; keep the value as it is.
    return std::abs(scaled) < 9e15 ? scaled / 1e6 : value;
}

QRectF boxFromNormalized(const NormalizedBox& n, QSize imageSize) {
    const double width = imageSize.width();
    const double height = imageSize.height();
    const double w = roundToMicroPixel(n.w * width);
    const double h = roundToMicroPixel(n.h * height);
    const double x = roundToMicroPixel((n.cx - n.w / 2.0) * width);
    const double y = roundToMicroPixel((n.cy - n.h / 2.0) * height);
    return QRectF(x, y, w, h);
}

NormalizedBox normalizedFromBox(const QRectF& box, QSize imageSize) {
    const double width = imageSize.width();
    const double height = imageSize.height();
    return NormalizedBox{(box.x() + box.width() / 2.0) / width, (box.y() + box.height() / 2.0) / height,
                         box.width() / width, box.height() / height};
}

QRectF boxFromPoints(QPointF a, QPointF b) {
    const double x1 = std::min(a.x(), b.x());
    const double y1 = std::min(a.y(), b.y());
    return QRectF(x1, y1, std::max(a.x(), b.x()) - x1, std::max(a.y(), b.y()) - y1);
}

QRectF boundingBoxOf(const QList<QPointF>& points) {
    if (points.isEmpty())
        return QRectF();
    double x1 = points.first().x(), x2 = x1, y1 = points.first().y(), y2 = y1;
    for (const QPointF& p : points) {
        x1 = std::min(x1, p.x());
        x2 = std::max(x2, p.x());
        y1 = std::min(y1, p.y());
        y2 = std::max(y2, p.y());
    }
    return QRectF(x1, y1, x2 - x1, y2 - y1);
}

// Clamped to ±2^30 so that the int conversion stays defined for any input (readers refuse far less).
static double roundEdge(double value) {
    return std::clamp(std::floor(value + 0.5), -1073741824.0, 1073741824.0);
}

QRect roundedBox(const QRectF& box) {
    const double x1 = roundEdge(box.x());
    const double y1 = roundEdge(box.y());
    const double x2 = roundEdge(box.x() + box.width());
    const double y2 = roundEdge(box.y() + box.height());
    return QRect(int(x1), int(y1), int(x2 - x1), int(y2 - y1));
}

bool isWholePixelBox(const QRectF& box) {
    auto whole = [](double v) {
        return std::floor(v) == v;
    };
    return whole(box.x()) && whole(box.y()) && whole(box.width()) && whole(box.height());
}

QRect resolveNormalizedSquare(const NormalizedSquare& square, QSize imageSize, double maxFraction) {
    // The crop engine's rule, so that a written box is exactly the window a batch would crop.
    return normalizedSquareWindow(square, imageSize, maxFraction).value_or(QRect());
}

QString formatCoordinate(double value) {
    if (std::floor(value) == value && std::abs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

} // namespace cropdeck
