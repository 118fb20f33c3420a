// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The geometry of editing a window on the canvas, as pure functions (no widget state), in scene
// coordinates (the boxes' own, see CanvasGeometry.h):
//
//   * eight resize handles drawn at a fixed *screen* size: in scene units they are sizePx / zoom wide;
//   * hit-testing a pointer against a window: a handle (corners win over edges), the body, or outside;
//   * the box a move, resize, add-drag, nudge or duplicate gives. Every result is on whole pixels (each
//     edge rounded as roundedBox() does, halves towards +inf), so what the user sees is what the batch
//     cuts. Boxes stay half-open: (x, y, w, h) covers [x, x+w) × [y, y+h).
//
// Windows may extend outside the image (the batch's bounds policy decides what happens there); only
// duplicate keeps a copy from leaving the image further than its original does.

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>

namespace cropdeck::ui {

enum class WindowPart { Outside, Body, TopLeft, Top, TopRight, Right, BottomRight, Bottom, BottomLeft, Left };

[[nodiscard]] constexpr bool isHandle(WindowPart part) {
    return part != WindowPart::Outside && part != WindowPart::Body;
}

// The eight handles, corners first (the order hit-testing tries them in).
[[nodiscard]] QList<WindowPart> allHandles();

// The point on `box` a handle sits on (a corner or the middle of an edge).
[[nodiscard]] QPointF handleAnchor(const QRectF& box, WindowPart handle);

// A handle's square in scene coordinates: `sizePx` logical pixels wide at `zoom`, centred on its anchor.
[[nodiscard]] QRectF handleRect(const QRectF& box, WindowPart handle, double zoom, double sizePx);

// What of `box` the scene point `pointer` is on. Handles count only `withHandles` (a selected, editable
// window); each is `sizePx` logical pixels wide at `zoom`.
[[nodiscard]] WindowPart hitTest(const QRectF& box, QPointF pointer, double zoom, double sizePx,
                                 bool withHandles);

// A coordinate on the pixel grid: floor(v + 0.5), the roundedBox() rule.
[[nodiscard]] double toWholePixel(double value);

// `start` moved by `delta` (rounded to whole pixels), its edges on whole pixels.
[[nodiscard]] QRectF movedBox(const QRectF& start, QPointF delta);

// `start` resized by dragging `handle` to the scene point `pointer`: the opposite edges stay put; a
// drag past them flips the box; at least 1×1. `keepAspect` keeps start's width/height ratio: a corner
// follows the axis that moved further, an edge scales the other side about its centre.
[[nodiscard]] QRectF resizedBox(const QRectF& start, WindowPart handle, QPointF pointer, bool keepAspect);

// The box spanned by an add-drag from `from` to `to` (either direction), corners on whole pixels;
// empty when the drag covers less than one pixel in either direction.
[[nodiscard]] QRectF draggedBox(QPointF from, QPointF to);

// A duplicate of `box` moved by `offset`, each axis clamped so that the copy leaves `imageSize` no
// further than the original does (no clamping for an empty size).
[[nodiscard]] QRectF duplicatedBox(const QRectF& box, QPointF offset, QSizeF imageSize);

} // namespace cropdeck::ui
