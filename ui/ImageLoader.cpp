// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ImageLoader.h"

#include "ui/ImageConversion.h"

#include <QtConcurrent/QtConcurrentRun>

namespace cropdeck::ui {

ImageLoader::ImageLoader(QObject* parent)
    : QObject(parent) {
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ImageLoader::deliver);
}

ImageLoader::~ImageLoader() {
    cancel();
    m_watcher.waitForFinished();
}

void ImageLoader::cancel() {
    if (m_cancel)
        m_cancel->store(true);
}

void ImageLoader::load(const QString& path, QSize target, qint64 maxPixels, DisplayOrientation orientation) {
    cancel();
    // The flag outlives this loader's next request: the old decode still reads its own flag.
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_path = path;
    std::shared_ptr<std::atomic_bool> flag = m_cancel;
    m_watcher.setFuture(QtConcurrent::run([path, target, maxPixels, orientation, flag] {
        return decodeForDisplay(path, target, maxPixels, flag.get(), orientation);
    }));
}

void ImageLoader::deliver() {
    // setFuture() on a running watcher disconnects the old future: finished() is the latest request's.
    const QFuture<Result<DisplayImage>> future = m_watcher.future();
    if (future.isCanceled() || future.resultCount() == 0)
        return;
    const Result<DisplayImage> result = future.result();
    if (!result) {
        emit failed(m_path, result.error().message);
        return;
    }
    LoadedImage image;
    image.path = m_path;
    image.picture = toQImage(result->pixels);
    image.sceneSize = result->fullSize;
    image.scaleDenom = result->scaleDenom;
    image.decoder = result->decoder;
    image.info = result->info;
    emit loaded(image);
}

} // namespace cropdeck::ui
