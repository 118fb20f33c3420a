// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The canvas's coordinate systems and the pure functions between them (no widget state):
//
//   widget     logical pixels of the view (what mouse events carry)
//   scene      the boxes' coordinates: full-resolution pixels of the image as the boxes see it (upright
//              unless the set's boxes refer to the stored pixels); a box (x, y, w, h) is drawn there as is
//   displayed  pixels of the decoded picture on screen, which may be a 1/2, 1/4 or 1/8 DCT-scaled decode
//   stored     pixels as the file stores them (before EXIF orientation)
//
// zoom is scene units → logical widget pixels; 1:1 means one image pixel per *device* pixel, so on a
// display with devicePixelRatio 2 it is zoom 0.5.

#include <QPointF>
#include <QRectF>
#include <QSize>
#include <QSizeF>
#include <QTransform>

namespace cropdeck::ui {

// The zoom that fits `scene` inside `viewport` (logical pixels) with `margin` pixels on each side, never
// enlarging past 1:1 on a display of `devicePixelRatio`. 1 for empty sizes.
[[nodiscard]] double fitZoom(QSizeF scene, QSizeF viewport, double margin, double devicePixelRatio);

// The zoom that makes `area` (a selection) fill `viewport` with `margin` pixels on each side: small boxes
// are enlarged, up to the largest zoom (64). 1 for empty sizes.
[[nodiscard]] double zoomToShow(QSizeF area, QSizeF viewport, double margin);

// The zoom at which one scene pixel is one device pixel.
[[nodiscard]] double oneToOneZoom(double devicePixelRatio);

// The next zoom step in or out (a factor of 1.25 per step, clamped to [1/64, 64]).
[[nodiscard]] double steppedZoom(double zoom, int steps);

// The transform that draws a `displayed`-sized picture over the whole `scene`-sized image rectangle
// (a DCT-scaled decode is ceil(W/s) × ceil(H/s), so the scale per axis is W / ceil(W/s)).
[[nodiscard]] QTransform displayedToScene(QSize displayed, QSize scene);

// Widget ↔ scene for a view showing scene point `sceneAtOrigin` at the widget's top-left.
[[nodiscard]] QPointF widgetToScene(QPointF widget, double zoom, QPointF sceneAtOrigin);
[[nodiscard]] QPointF sceneToWidget(QPointF scene, double zoom, QPointF sceneAtOrigin);

// A box in scene coordinates from the stored-pixel rectangle the engine reads, and back, for an image
// whose stored pixels are `storedSize` with EXIF `orientation`; identity when the boxes are on the
// stored pixels.
[[nodiscard]] QRectF storedToScene(const QRectF& stored, QSize storedSize, int orientation,
                                   bool boxesOnStoredPixels);
[[nodiscard]] QRectF sceneToStored(const QRectF& scene, QSize storedSize, int orientation,
                                   bool boxesOnStoredPixels);

} // namespace cropdeck::ui
