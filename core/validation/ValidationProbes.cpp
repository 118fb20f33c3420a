// SPDX-License-Identifier: GPL-3.0-or-later
#include "validation/ValidationProbes.h"

#include "io/ImageProbe.h"

#include <QDir>
#include <QMutexLocker>
#include <QSet>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

namespace cropdeck {

ImageProbeCache::ImageProbeCache(qint64 maxPixels)
    : m_maxPixels(maxPixels) {}

std::optional<ImageProbeCache::Outcome> ImageProbeCache::cached(const QString& key) const {
    const QMutexLocker lock(&m_mutex);
    const auto it = m_outcomes.constFind(key);
    if (it == m_outcomes.cend())
        return std::nullopt;
    return *it;
}

Result<ImageInfo> ImageProbeCache::probe(const QString& absolutePath) {
    const QString key = QDir::cleanPath(absolutePath);
    std::optional<Outcome> outcome = cached(key);
    if (!outcome) {
        // Probed outside the lock: two threads asking for the same new path both probe it, which is
        // harmless and keeps the lock short.
        Result<ImageInfo> probed = probeImage(key, m_maxPixels);
        outcome = probed ? Outcome{*probed, {}} : Outcome{std::nullopt, probed.error()};
        const QMutexLocker lock(&m_mutex);
        m_outcomes.insert(key, *outcome);
    }
    if (outcome->info)
        return *outcome->info;
    return outcome->error;
}

void ImageProbeCache::probeAll(const QStringList& absolutePaths, int threads) {
    QStringList pending;
    QSet<QString> seen;
    for (const QString& path : absolutePaths) {
        const QString key = QDir::cleanPath(path);
        if (!key.isEmpty() && !seen.contains(key) && !cached(key)) {
            seen.insert(key);
            pending << key;
        }
    }
    if (pending.isEmpty())
        return;
    QThreadPool pool;
    pool.setMaxThreadCount(threads > 0 ? threads : 2 * QThread::idealThreadCount());
    QtConcurrent::blockingMap(&pool, pending, [this](const QString& path) { (void)probe(path); });
}

ImageSizeProvider ImageProbeCache::sizeProvider(bool storedPixels) {
    return [this, storedPixels](const QString& imagePath) -> std::optional<QSize> {
        Result<ImageInfo> info = probe(imagePath);
        if (!info)
            return std::nullopt;
        return storedPixels ? QSize(info->width, info->height)
                            : QSize(info->uprightWidth(), info->uprightHeight());
    };
}

qsizetype ImageProbeCache::size() const {
    const QMutexLocker lock(&m_mutex);
    return m_outcomes.size();
}

} // namespace cropdeck
