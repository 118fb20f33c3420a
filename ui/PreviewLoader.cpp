// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/PreviewLoader.h"

#include <QtConcurrent/QtConcurrentRun>

namespace cropdeck::ui {

PreviewLoader::PreviewLoader(QObject* parent)
    : QObject(parent)
    , m_sources(std::make_shared<PreviewSourceCache>()) {
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &PreviewLoader::deliver);
}

PreviewLoader::~PreviewLoader() {
    cancel();
    m_watcher.waitForFinished();
}

void PreviewLoader::cancel() {
    if (m_cancel)
        m_cancel->store(true);
}

void PreviewLoader::render(const QString& imagePath, const CropWindow& window, const CropSettings& settings) {
    cancel();
    // Each render reads its own flag: cancelling the old one never touches the new one.
    m_cancel = std::make_shared<std::atomic_bool>(false);
    std::shared_ptr<std::atomic_bool> flag = m_cancel;
    if (imagePath != m_imagePath)
        m_sources->keepOnly(imagePath);
    m_imagePath = imagePath;
    std::shared_ptr<PreviewSourceCache> sources = m_sources;
    m_watcher.setFuture(QtConcurrent::run([imagePath, window, settings, flag, sources] {
        return previewWindow(imagePath, window, settings, *sources, flag.get());
    }));
}

void PreviewLoader::deliver() {
    // setFuture() on a running watcher disconnects the old future: finished() is the newest request's.
    const QFuture<Result<WindowPreview>> future = m_watcher.future();
    if (future.isCanceled() || future.resultCount() == 0)
        return;
    const Result<WindowPreview> result = future.result();
    if (!result) {
        if (result.error().kind != ErrorKind::Cancelled)
            emit failed(result.error().message);
        return;
    }
    emit rendered(*result);
}

} // namespace cropdeck::ui
