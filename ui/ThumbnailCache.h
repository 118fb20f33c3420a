// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Thumbnails for the image list, made in the background by core (engine/Thumbnail.h: the EXIF thumbnail
// when it serves, else a DCT-scaled decode; upright as the engine orients) and kept in a bounded cache.
// Only what a view asks for is made, newest request first, so scrolling through 10,000 images makes the
// visible ones and not the ones scrolled past; requests that wait too long are dropped and asked again
// when their rows show. Made off the GUI thread; a slow image (a progressive JPEG) never holds up others.

#include "engine/DisplayImage.h"

#include <QCache>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QSize>
#include <QThreadPool>

#include <atomic>
#include <deque>
#include <memory>

namespace cropdeck::ui {

class ThumbnailCache : public QObject {
    Q_OBJECT

public:
    // `box`: the thumbnail size in device pixels.
    explicit ThumbnailCache(QSize box, QObject* parent = nullptr);
    ~ThumbnailCache() override; // stops the workers and waits for them

    // The thumbnail when it is made; a null pixmap otherwise, and it is asked for (ready() or failed()
    // follows; an image that failed is not tried again until reset()).
    QPixmap thumbnail(const QString& path);
    // A new set: forgets the waiting requests (and, when the orientation changes, the thumbnails).
    void reset(DisplayOrientation orientation, qint64 maxPixels);

    QSize box() const { return m_box; }
    int waiting() const { return int(m_queue.size()) + m_running; }
    int madeFromExif() const { return m_fromExif; }

    static constexpr int kMaxWaiting = 512;

signals:
    void ready(const QString& path);
    void failed(const QString& path, const QString& message);

private:
    void startMore();
    void finished(const QString& path, const QImage& image, const QString& error, bool fromExif,
                  quint64 generation);

    QSize m_box;
    DisplayOrientation m_orientation = DisplayOrientation::Upright;
    qint64 m_maxPixels = 0;
    QCache<QString, QPixmap> m_cache; // cost: KiB of pixels
    QSet<QString> m_requested;        // waiting or being made
    QSet<QString> m_failed;           // not asked again until the next set (failed() said why)
    std::deque<QString> m_queue;      // newest at the back
    int m_running = 0;
    int m_fromExif = 0;
    quint64 m_generation = 0; // results of an earlier set are dropped
    std::shared_ptr<std::atomic_bool> m_cancel;
    QThreadPool m_pool;
};

} // namespace cropdeck::ui
