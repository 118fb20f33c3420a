// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Renders one window's output preview (core's previewWindow) off the GUI thread and hands it back on
// the GUI thread. A new request cancels the one in flight and only the newest is ever delivered, so
// clicking through windows or dragging a setting never shows a stale preview.
//
// It keeps the current image's restart-marker copy (PreviewSourceCache) between requests, so that every
// window of a large JPEG after the first is cut from memory, decoding only its MCU rows; the copy is
// released when a request names another image.
//
// Owned by its parent (Qt ownership); the destructor cancels and waits for the render in flight. The
// copies are shared with the renders, so a cancelled render still finishing never outlives them.

#include "engine/PreviewSourceCache.h"
#include "engine/WindowPreview.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

namespace cropdeck::ui {

class PreviewLoader : public QObject {
    Q_OBJECT

public:
    explicit PreviewLoader(QObject* parent = nullptr);
    ~PreviewLoader() override;

    // `settings` as the batch runs them (annotation settings adopted).
    void render(const QString& imagePath, const CropWindow& window, const CropSettings& settings);
    void cancel();
    bool isRendering() const { return m_watcher.isRunning(); }
    // The restart-marker copies held for the current image (for tests and diagnostics).
    const PreviewSourceCache& sources() const { return *m_sources; }

signals:
    void rendered(const cropdeck::WindowPreview& preview);
    void failed(const QString& message);

private:
    void deliver();

    QFutureWatcher<Result<WindowPreview>> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::shared_ptr<PreviewSourceCache> m_sources;
    QString m_imagePath; // of the last request
};

} // namespace cropdeck::ui
