// SPDX-License-Identifier: GPL-3.0-or-later
#include "geometry/Orientation.h"

#include <utility>

namespace cropdeck {

namespace {

// Edges of a half-open rectangle; the same code maps int and double coordinates.
template <typename T> struct Edges { T x0, y0, x1, y1; };

template <typename T> Edges<T> mapEdges(Edges<T> e, T width, T height, int orientation) {
    const bool mirrorX = orientation == 2 || orientation == 3 || orientation == 7 || orientation == 8;
    const bool mirrorY = orientation == 3 || orientation == 4 || orientation == 6 || orientation == 7;
    // Mirroring happens in stored coordinates; for 5..8 the axes are then swapped. Mirroring the stored
    // y axis of 6 and 7 is what puts stored row 0 on the upright right edge.
    if (mirrorX)
        e = {width - e.x1, e.y0, width - e.x0, e.y1};
    if (mirrorY)
        e = {e.x0, height - e.y1, e.x1, height - e.y0};
    if (orientation >= 5)
        e = {e.y0, e.x0, e.y1, e.x1};
    return e;
}

QRect toRect(Edges<int> e) {
    return QRect(e.x0, e.y0, e.x1 - e.x0, e.y1 - e.y0);
}
QRectF toRect(Edges<double> e) {
    return QRectF(e.x0, e.y0, e.x1 - e.x0, e.y1 - e.y0);
}

Edges<int> edgesOf(const QRect& r) {
    return {r.x(), r.y(), r.x() + r.width(), r.y() + r.height()};
}
Edges<double> edgesOf(const QRectF& r) {
    return {r.x(), r.y(), r.x() + r.width(), r.y() + r.height()};
}

template <typename Rect> Rect forward(const Rect& rect, QSize storedSize, int orientation) {
    using T = decltype(edgesOf(rect).x0);
    return toRect(mapEdges(edgesOf(rect), T(storedSize.width()), T(storedSize.height()),
                           normalizedOrientation(orientation)));
}

} // namespace

int normalizedOrientation(int orientation) {
    return orientation >= 1 && orientation <= 8 ? orientation : 1;
}

int inverseOrientation(int orientation) {
    const int o = normalizedOrientation(orientation);
    return o == 6 ? 8 : o == 8 ? 6 : o;
}

bool swapsAxes(int orientation) {
    return normalizedOrientation(orientation) >= 5;
}

QSize uprightSize(QSize storedSize, int orientation) {
    return swapsAxes(orientation) ? storedSize.transposed() : storedSize;
}

QRect storedToUpright(const QRect& stored, QSize storedSize, int orientation) {
    return forward(stored, storedSize, orientation);
}

QRectF storedToUpright(const QRectF& stored, QSize storedSize, int orientation) {
    return forward(stored, storedSize, orientation);
}

// Undoing an orientation is applying its inverse to the upright image.
QRect uprightToStored(const QRect& upright, QSize storedSize, int orientation) {
    return forward(upright, uprightSize(storedSize, orientation), inverseOrientation(orientation));
}

QRectF uprightToStored(const QRectF& upright, QSize storedSize, int orientation) {
    return forward(upright, uprightSize(storedSize, orientation), inverseOrientation(orientation));
}

} // namespace cropdeck
