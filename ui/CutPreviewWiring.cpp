// SPDX-License-Identifier: GPL-3.0-or-later
// What the Batch dock's settings do to the shown image's windows, on the canvas and in the window table:
// both follow the settings as they are edited and the header of each image as it is shown.
#include "ui/BatchPanel.h"
#include "ui/CropCanvas.h"
#include "ui/ImageLoader.h"
#include "ui/MainWindow.h"
#include "ui/WindowTable.h"
#include "ui/WindowTableModel.h"

#include <memory>

namespace cropdeck::ui {

void MainWindow::connectCutPreview() {
    // The header of the picture being shown: the loader has it, imageShown() says when it is on screen.
    auto loaded = std::make_shared<LoadedImage>();
    const auto update = [this, loaded] {
        m_canvas->setCutPreview(settingsInEffect());
        if (m_canvas->imageIndex() >= 0 && m_canvas->imageIndex() == m_windowTable->windowModel()->image())
            m_windowTable->windowModel()->setCutPreview(m_canvas->cutPreview());
    };
    connect(m_loader, &ImageLoader::loaded, this, [loaded](const LoadedImage& image) {
        loaded->path = image.path;
        loaded->info = image.info;
    });
    connect(this, &MainWindow::imageShown, this, [this, loaded, update](const QString& path) {
        if (path == loaded->path)
            m_canvas->setImageInfo(loaded->info);
        update();
    });
    connect(m_batchPanel, &BatchPanel::settingsChanged, this, update);
}

} // namespace cropdeck::ui
