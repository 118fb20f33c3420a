// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Sharpens what the canvas shows of a large image once the user zooms in past its scaled picture: the
// visible region (with some room around it) is decoded at full resolution by core
// (engine/DisplayRegion.h: only those rows and columns), off the GUI thread, and laid over the picture.
// Zooming and panning ask again after a short pause; a new request cancels the one in flight and only
// the newest is shown; another image clears it.
//
// Owned by its parent (Qt ownership); the canvas must outlive it. The destructor cancels and waits.

#include "engine/DisplayRegion.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <memory>

class QTimer;

namespace cropdeck::ui {

class CropCanvas;
class SharpPatch;

class CanvasSharpener : public QObject {
    Q_OBJECT

public:
    CanvasSharpener(CropCanvas* canvas, QObject* parent = nullptr);
    ~CanvasSharpener() override;

    // The image the canvas now shows: its picture is 1/pictureScaleDenom of the image.
    void setImage(const QString& path, int pictureScaleDenom, qint64 maxPixels,
                  DisplayOrientation orientation);
    // Nothing to sharpen (the canvas was cleared or shows an error).
    void clear();

    // The region shown sharp now (image pixels), empty when none.
    QRect sharpRegion() const;
    bool isDecoding() const { return m_watcher.isRunning(); }
    int pictureScaleDenom() const { return m_pictureScaleDenom; }

signals:
    void sharpened(const QRect& region);

private:
    void viewChanged();
    void update();
    void deliver();

    CropCanvas* m_canvas;
    QTimer* m_settle;
    QString m_path;
    int m_pictureScaleDenom = 1;
    qint64 m_maxPixels = 0;
    DisplayOrientation m_orientation = DisplayOrientation::Upright;
    QPointer<SharpPatch> m_patch; // in the canvas's scene, which deletes it when it is cleared
    QRect m_requested;
    QFutureWatcher<Result<DisplayRegion>> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace cropdeck::ui
