// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ThumbnailCache.h"

#include "engine/Thumbnail.h"
#include "ui/ImageConversion.h"

#include <QMetaObject>

namespace cropdeck::ui {
namespace {

constexpr int kCacheKiB = 256 * 1024; // 256 MiB of thumbnails: about 10,000 at 160×120

} // namespace

ThumbnailCache::ThumbnailCache(QSize box, QObject* parent)
    : QObject(parent)
    , m_box(box)
    , m_cache(kCacheKiB)
    , m_cancel(std::make_shared<std::atomic_bool>(false)) {
    // Thumbnails are small decodes that mostly wait on the disk and the entropy decoder: one per core.
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
}

ThumbnailCache::~ThumbnailCache() {
    m_cancel->store(true);
    m_queue.clear();
    m_pool.waitForDone();
}

QPixmap ThumbnailCache::thumbnail(const QString& path) {
    if (const QPixmap* made = m_cache.object(path))
        return *made;
    if (m_failed.contains(path))
        return {};
    if (m_requested.contains(path)) {
        // Asked again (its row shows again): move it to the front of the line.
        const auto it = std::find(m_queue.begin(), m_queue.end(), path);
        if (it != m_queue.end()) {
            m_queue.erase(it);
            m_queue.push_back(path);
        }
        return {};
    }
    m_requested.insert(path);
    m_queue.push_back(path);
    while (int(m_queue.size()) > kMaxWaiting) { // scrolled past long ago: asked again if shown again
        m_requested.remove(m_queue.front());
        m_queue.pop_front();
    }
    startMore();
    return {};
}

void ThumbnailCache::reset(DisplayOrientation orientation, qint64 maxPixels) {
    for (const QString& path : m_queue)
        m_requested.remove(path);
    m_queue.clear();
    m_failed.clear();
    if (orientation != m_orientation || maxPixels != m_maxPixels)
        m_cache.clear();
    m_orientation = orientation;
    m_maxPixels = maxPixels;
    ++m_generation;
}

void ThumbnailCache::startMore() {
    while (!m_queue.empty() && m_running < m_pool.maxThreadCount()) {
        const QString path = m_queue.back();
        m_queue.pop_back();
        ++m_running;
        const QSize box = m_box;
        const qint64 maxPixels = m_maxPixels;
        const DisplayOrientation orientation = m_orientation;
        const quint64 generation = m_generation;
        std::shared_ptr<std::atomic_bool> cancel = m_cancel;
        m_pool.start([this, path, box, maxPixels, orientation, generation, cancel] {
            if (cancel->load())
                return;
            const Result<Thumbnail> made = makeThumbnail(path, box, maxPixels, cancel.get(), orientation);
            QImage image;
            if (made)
                image = toQImage(made->pixels).scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation);
            const QString error = made ? QString() : made.error().message;
            const bool fromExif = made && made->fromExif;
            // Back on the GUI thread; dropped by Qt if the cache is gone by then.
            QMetaObject::invokeMethod(
                this, [=, this] { finished(path, image, error, fromExif, generation); },
                Qt::QueuedConnection);
        });
    }
}

void ThumbnailCache::finished(const QString& path, const QImage& image, const QString& error, bool fromExif,
                              quint64 generation) {
    --m_running;
    m_requested.remove(path);
    if (generation == m_generation) {
        if (error.isEmpty()) {
            m_fromExif += fromExif ? 1 : 0;
            m_cache.insert(path, new QPixmap(QPixmap::fromImage(image)), int(image.sizeInBytes() / 1024) + 1);
            emit ready(path);
        } else {
            m_failed.insert(path);
            emit failed(path, error);
        }
    }
    startMore();
}

} // namespace cropdeck::ui
