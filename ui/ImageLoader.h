// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Decodes the image the canvas shows, off the GUI thread (core's decodeForDisplay on the global pool),
// and hands the result back on the GUI thread. A new load cancels the one in flight: only the latest
// request is ever delivered, so clicking through a folder never shows a stale picture.
//
// Owned by its parent (Qt ownership); the destructor cancels and waits for the decode in flight.

#include "engine/DisplayImage.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>

#include <atomic>
#include <memory>

namespace cropdeck::ui {

struct LoadedImage {
    QString path;
    QImage picture;  // possibly DCT-scaled
    QSize sceneSize; // full-resolution size in the boxes' orientation
    int scaleDenom = 1;
    QString decoder;
    ImageInfo info; // the header probe: stored size, orientation, format, MCU size
};

class ImageLoader : public QObject {
    Q_OBJECT

public:
    explicit ImageLoader(QObject* parent = nullptr);
    ~ImageLoader() override;

    // `target` in device pixels; `maxPixels` as the batch's limit.
    void load(const QString& path, QSize target, qint64 maxPixels, DisplayOrientation orientation);
    void cancel();
    bool isLoading() const { return m_watcher.isRunning(); }

signals:
    void loaded(const cropdeck::ui::LoadedImage& image);
    void failed(const QString& path, const QString& message);

private:
    void deliver();

    QFutureWatcher<Result<DisplayImage>> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QString m_path;
};

} // namespace cropdeck::ui
