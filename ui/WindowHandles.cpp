// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/WindowHandles.h"

#include "annotations/BoxConventions.h"

#include <algorithm>
#include <cmath>

namespace cropdeck::ui {
namespace {

bool movesLeft(WindowPart h) {
    return h == WindowPart::TopLeft || h == WindowPart::Left || h == WindowPart::BottomLeft;
}
bool movesRight(WindowPart h) {
    return h == WindowPart::TopRight || h == WindowPart::Right || h == WindowPart::BottomRight;
}
bool movesTop(WindowPart h) {
    return h == WindowPart::TopLeft || h == WindowPart::Top || h == WindowPart::TopRight;
}
bool movesBottom(WindowPart h) {
    return h == WindowPart::BottomLeft || h == WindowPart::Bottom || h == WindowPart::BottomRight;
}

// One axis of a resize: `fixed` stays, `moving` follows the pointer; flips past `fixed`, at least 1.
void spanAxis(double fixed, double moving, double& low, double& size) {
    moving = toWholePixel(moving);
    if (moving == fixed)
        moving = fixed + 1;
    low = std::min(fixed, moving);
    size = std::abs(moving - fixed);
}

QRectF resizedKeepingAspect(const QRectF& box, WindowPart handle, QPointF pointer) {
    const double aspect = box.width() / box.height();
    const bool horizontal = movesLeft(handle) || movesRight(handle);
    const bool vertical = movesTop(handle) || movesBottom(handle);
    const double fixedX = movesLeft(handle) ? box.right() : box.left();
    const double fixedY = movesTop(handle) ? box.bottom() : box.top();
    double w = horizontal ? std::abs(pointer.x() - fixedX) : 0;
    double h = vertical ? std::abs(pointer.y() - fixedY) : 0;
    if (horizontal && (!vertical || w / aspect >= h))
        h = w / aspect;
    else
        w = h * aspect;
    w = std::max(1.0, toWholePixel(w));
    h = std::max(1.0, toWholePixel(h));
    // Corners grow towards the pointer; an edge handle grows the other side about its centre.
    double x = box.center().x() - w / 2;
    double y = box.center().y() - h / 2;
    if (horizontal)
        x = (pointer.x() < fixedX) ? fixedX - w : fixedX;
    if (vertical)
        y = (pointer.y() < fixedY) ? fixedY - h : fixedY;
    return {toWholePixel(x), toWholePixel(y), w, h};
}

double clampedAxis(double position, double size, double moved, double extent) {
    if (extent <= 0)
        return moved;
    const double low = std::min(position, 0.0);
    const double high = std::max(position, extent - size);
    return std::clamp(moved, low, high);
}

} // namespace

QList<WindowPart> allHandles() {
    return {WindowPart::TopLeft, WindowPart::TopRight, WindowPart::BottomRight, WindowPart::BottomLeft,
            WindowPart::Top,     WindowPart::Right,    WindowPart::Bottom,      WindowPart::Left};
}

QPointF handleAnchor(const QRectF& box, WindowPart handle) {
    const double x = movesLeft(handle) ? box.left() : movesRight(handle) ? box.right() : box.center().x();
    const double y = movesTop(handle) ? box.top() : movesBottom(handle) ? box.bottom() : box.center().y();
    return {x, y};
}

QRectF handleRect(const QRectF& box, WindowPart handle, double zoom, double sizePx) {
    const double side = zoom > 0 ? sizePx / zoom : sizePx;
    const QPointF anchor = handleAnchor(box, handle);
    return {anchor.x() - side / 2, anchor.y() - side / 2, side, side};
}

WindowPart hitTest(const QRectF& box, QPointF pointer, double zoom, double sizePx, bool withHandles) {
    if (withHandles)
        for (WindowPart handle : allHandles())
            if (handleRect(box, handle, zoom, sizePx).contains(pointer))
                return handle;
    const bool inside = pointer.x() >= box.left() && pointer.x() < box.right() && pointer.y() >= box.top() &&
                        pointer.y() < box.bottom();
    return inside ? WindowPart::Body : WindowPart::Outside;
}

double toWholePixel(double value) {
    return std::floor(value + 0.5);
}

QRectF movedBox(const QRectF& start, QPointF delta) {
    return QRectF(roundedBox(start.translated(toWholePixel(delta.x()), toWholePixel(delta.y()))));
}

QRectF resizedBox(const QRectF& start, WindowPart handle, QPointF pointer, bool keepAspect) {
    const QRectF box(roundedBox(start));
    if (!isHandle(handle) || box.isEmpty())
        return box;
    if (keepAspect)
        return resizedKeepingAspect(box, handle, pointer);
    double x = box.left(), y = box.top(), w = box.width(), h = box.height();
    if (movesLeft(handle))
        spanAxis(box.right(), pointer.x(), x, w);
    if (movesRight(handle))
        spanAxis(box.left(), pointer.x(), x, w);
    if (movesTop(handle))
        spanAxis(box.bottom(), pointer.y(), y, h);
    if (movesBottom(handle))
        spanAxis(box.top(), pointer.y(), y, h);
    return {x, y, w, h};
}

QRectF draggedBox(QPointF from, QPointF to) {
    const double x1 = toWholePixel(std::min(from.x(), to.x())), x2 = toWholePixel(std::max(from.x(), to.x()));
    const double y1 = toWholePixel(std::min(from.y(), to.y())), y2 = toWholePixel(std::max(from.y(), to.y()));
    if (x2 - x1 < 1 || y2 - y1 < 1)
        return {};
    return {x1, y1, x2 - x1, y2 - y1};
}

QRectF duplicatedBox(const QRectF& box, QPointF offset, QSizeF imageSize) {
    const double x = clampedAxis(box.x(), box.width(), box.x() + offset.x(), imageSize.width());
    const double y = clampedAxis(box.y(), box.height(), box.y() + offset.y(), imageSize.height());
    return {x, y, box.width(), box.height()};
}

} // namespace cropdeck::ui
