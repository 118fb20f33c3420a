// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/CanvasGeometry.h"

#include "geometry/Orientation.h"

#include <algorithm>
#include <cmath>

namespace cropdeck::ui {
namespace {
constexpr double kZoomStep = 1.25;
constexpr double kMinZoom = 1.0 / 64;
constexpr double kMaxZoom = 64;
} // namespace

double oneToOneZoom(double devicePixelRatio) {
    return devicePixelRatio > 0 ? 1.0 / devicePixelRatio : 1.0;
}

double fitZoom(QSizeF scene, QSizeF viewport, double margin, double devicePixelRatio) {
    const QSizeF room(viewport.width() - 2 * margin, viewport.height() - 2 * margin);
    if (scene.isEmpty() || room.isEmpty())
        return 1.0;
    const double fit = std::min(room.width() / scene.width(), room.height() / scene.height());
    return std::min(fit, oneToOneZoom(devicePixelRatio));
}

double zoomToShow(QSizeF area, QSizeF viewport, double margin) {
    const QSizeF room(viewport.width() - 2 * margin, viewport.height() - 2 * margin);
    if (area.isEmpty() || room.isEmpty())
        return 1.0;
    return std::clamp(std::min(room.width() / area.width(), room.height() / area.height()), kMinZoom,
                      kMaxZoom);
}

double steppedZoom(double zoom, int steps) {
    return std::clamp(zoom * std::pow(kZoomStep, steps), kMinZoom, kMaxZoom);
}

QTransform displayedToScene(QSize displayed, QSize scene) {
    if (displayed.isEmpty() || scene.isEmpty())
        return {};
    return QTransform::fromScale(double(scene.width()) / displayed.width(),
                                 double(scene.height()) / displayed.height());
}

QPointF widgetToScene(QPointF widget, double zoom, QPointF sceneAtOrigin) {
    return sceneAtOrigin + widget / zoom;
}

QPointF sceneToWidget(QPointF scene, double zoom, QPointF sceneAtOrigin) {
    return (scene - sceneAtOrigin) * zoom;
}

QRectF storedToScene(const QRectF& stored, QSize storedSize, int orientation, bool boxesOnStoredPixels) {
    return boxesOnStoredPixels ? stored : storedToUpright(stored, storedSize, orientation);
}

QRectF sceneToStored(const QRectF& scene, QSize storedSize, int orientation, bool boxesOnStoredPixels) {
    return boxesOnStoredPixels ? scene : uprightToStored(scene, storedSize, orientation);
}

} // namespace cropdeck::ui
