// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/CropCanvas.h"

#include "annotations/BoxConventions.h"
#include "ui/CanvasGeometry.h"
#include "ui/WindowItem.h"

#include <QGraphicsPixmapItem>
#include <QGraphicsScene>
#include <QPixmap>
#include <QWheelEvent>

namespace cropdeck::ui {
namespace {
constexpr double kFitMargin = 8;
} // namespace

CropCanvas::CropCanvas(QWidget* parent)
    : QGraphicsView(parent) {
    setScene(new QGraphicsScene(this));
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setRenderHint(QPainter::SmoothPixmapTransform);
    setBackgroundRole(QPalette::Dark);
    setAccessibleName(tr("Image and crop windows"));
    connect(scene(), &QGraphicsScene::selectionChanged, this, [this] {
        const QList<QGraphicsItem*> selected = scene()->selectedItems();
        const auto* item = selected.isEmpty() ? nullptr : dynamic_cast<WindowItem*>(selected.first());
        emit windowSelected(item ? item->windowIndex() : -1);
    });
}

void CropCanvas::clear() {
    scene()->clear();
    m_picture = nullptr;
    m_sceneSize = {};
}

void CropCanvas::setPicture(const QImage& picture, QSize sceneSize) {
    clear();
    m_sceneSize = sceneSize;
    m_picture = scene()->addPixmap(QPixmap::fromImage(picture));
    m_picture->setTransformationMode(Qt::SmoothTransformation);
    m_picture->setTransform(displayedToScene(picture.size(), sceneSize));
    m_picture->setZValue(-1);
    scene()->setSceneRect(QRectF(QPointF(0, 0), QSizeF(sceneSize)));
    if (m_fit)
        zoomToFit();
}

void CropCanvas::setWindows(const QList<CropWindow>& windows, double maxFraction) {
    for (WindowItem* item : windowItems())
        delete item;
    for (int i = 0; i < windows.size(); ++i) {
        const CropWindow& window = windows[i];
        const QRectF rect = window.kind == CropWindow::Kind::Box
                                ? window.box
                                : QRectF(resolveNormalizedSquare(window.square, m_sceneSize, maxFraction));
        scene()->addItem(new WindowItem(i, rect, window.label));
    }
}

QList<WindowItem*> CropCanvas::windowItems() const {
    QList<WindowItem*> items;
    for (QGraphicsItem* item : scene()->items(Qt::AscendingOrder))
        if (auto* window = dynamic_cast<WindowItem*>(item))
            items.append(window);
    return items;
}

double CropCanvas::zoom() const {
    return transform().m11();
}

QSize CropCanvas::devicePixelsNeeded() const {
    const double dpr = devicePixelRatioF();
    return (viewport()->size() * dpr).expandedTo(QSize(1, 1));
}

void CropCanvas::setZoom(double zoom) {
    setTransform(QTransform::fromScale(zoom, zoom));
    emit zoomChanged(zoom);
}

void CropCanvas::zoomToFit() {
    m_fit = true;
    setZoom(fitZoom(QSizeF(m_sceneSize), QSizeF(viewport()->size()), kFitMargin, devicePixelRatioF()));
    centerOn(QRectF(QPointF(0, 0), QSizeF(m_sceneSize)).center());
}

void CropCanvas::zoomOneToOne() {
    m_fit = false;
    setZoom(oneToOneZoom(devicePixelRatioF()));
}

void CropCanvas::zoomBy(int steps) {
    m_fit = false;
    setZoom(steppedZoom(zoom(), steps));
}

void CropCanvas::wheelEvent(QWheelEvent* event) {
    const int steps = event->angleDelta().y() / 120;
    if (steps == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomBy(steps); // AnchorUnderMouse keeps the point under the cursor in place
    event->accept();
}

void CropCanvas::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (m_fit)
        zoomToFit();
}

} // namespace cropdeck::ui
