// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The image with its crop windows (QGraphicsView). The scene is in the boxes' coordinates (see
// CanvasGeometry.h): the picture, perhaps a DCT-scaled decode, is stretched over the full-resolution
// rectangle, and each window is a WindowItem at its box. Zoom: fit (the default, kept on resize until the
// user zooms), 1:1, steps, wheel (around the cursor); pan by dragging or scroll bars.

#include "annotations/Annotation.h"

#include <QGraphicsView>
#include <QImage>
#include <QList>

class QGraphicsPixmapItem;

namespace cropdeck::ui {

class WindowItem;

class CropCanvas : public QGraphicsView {
    Q_OBJECT

public:
    explicit CropCanvas(QWidget* parent = nullptr);

    // Shows `picture` over a `sceneSize` image; clears the windows.
    void setPicture(const QImage& picture, QSize sceneSize);
    // Windows in scene coordinates (Kind::Box boxes as they are; centre/scale squares resolved).
    void setWindows(const QList<CropWindow>& windows, double maxFraction);
    void clear();

    QList<WindowItem*> windowItems() const;
    QSize sceneSize() const { return m_sceneSize; }
    double zoom() const;
    bool fitsView() const { return m_fit; }

    // Device pixels the view needs of an image, for choosing the decode scale.
    QSize devicePixelsNeeded() const;

public slots:
    void zoomToFit();
    void zoomOneToOne();
    void zoomIn() { zoomBy(1); }
    void zoomOut() { zoomBy(-1); }

signals:
    void zoomChanged(double zoom);
    void windowSelected(int windowIndex); // -1 when none

protected:
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void zoomBy(int steps);
    void setZoom(double zoom);

    QGraphicsPixmapItem* m_picture = nullptr;
    QSize m_sceneSize;
    bool m_fit = true;
};

} // namespace cropdeck::ui
