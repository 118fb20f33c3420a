// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's Batch and Output Preview docks, kept out of MainWindow.cpp: the batch panel runs the
// opened set with its settings, and the preview shows the selected window under the same settings.
#include "ui/BatchPanel.h"
#include "ui/CropCanvas.h"
#include "ui/DatasetModel.h"
#include "ui/MainWindow.h"
#include "ui/PreviewPanel.h"

#include <QAction>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>

namespace cropdeck::ui {

void MainWindow::createRunDocks() {
    m_preview = new PreviewPanel;
    m_batchPanel = new BatchPanel;
    auto* previewDock = new QDockWidget(tr("Output Preview"), this);
    previewDock->setObjectName(QStringLiteral("previewDock"));
    previewDock->setWidget(m_preview);
    addDockWidget(Qt::RightDockWidgetArea, previewDock);
    auto* batchDock = new QDockWidget(tr("Batch"), this);
    batchDock->setObjectName(QStringLiteral("batchDock"));
    batchDock->setWidget(m_batchPanel);
    addDockWidget(Qt::RightDockWidgetArea, batchDock);
    // The canvas keeps most of the width; the settings form scrolls.
    resizeDocks({previewDock, batchDock}, {460, 460}, Qt::Horizontal);
    resizeDocks({previewDock, batchDock}, {220, 580}, Qt::Vertical);
    for (QAction* action : menuBar()->actions())
        if (QMenu* view = action->menu(); view && view->title() == tr("&View")) {
            view->addSeparator();
            view->addAction(previewDock->toggleViewAction());
            view->addAction(batchDock->toggleViewAction());
        }

    // For now the job is the opened set as prepareBatch reads it; runs on a worker thread.
    m_batchPanel->setPrepare(
        [](const BatchRequest& request) { return prepareBatch(request, PrepareFor::Run); });
    connect(this, &MainWindow::opened, this, [this] {
        BatchRequest request = m_pending.request;
        if (const Result<BatchRequest> current = m_batchPanel->request();
            current && request.outputDir.isEmpty())
            request.outputDir = current->outputDir; // the folder chosen for the last set stays
        m_batchPanel->setRequest(request);
        m_preview->clear();
        m_previewWindow = -1;
    });
    connect(m_canvas, &CropCanvas::windowSelected, this, &MainWindow::previewSelectedWindow);
    connect(this, &MainWindow::imageShown, this, [this] {
        m_previewWindow = -1;
        m_preview->clear();
    });
    connect(m_batchPanel, &BatchPanel::settingsChanged, this, [this] {
        if (m_previewWindow >= 0)
            m_preview->setSettings(settingsInEffect());
    });
    connect(m_batchPanel, &BatchPanel::imageRequested, this, [this](const QString& path) {
        for (int row = 0; row < m_dataset->rowCount(); ++row)
            if (QFileInfo(m_dataset->image(row).absolutePath) == QFileInfo(path))
                return selectImage(row);
    });
}

void MainWindow::previewSelectedWindow(int windowIndex) {
    const int row = currentImage();
    if (row < 0 || windowIndex < 0 || windowIndex >= m_dataset->image(row).windows.size()) {
        m_previewWindow = -1;
        m_preview->clear();
        return;
    }
    m_previewWindow = windowIndex;
    const PlannedImage& image = m_dataset->image(row);
    m_preview->showWindow(image.absolutePath, image.windows[windowIndex], settingsInEffect());
}

// The batch panel's settings as prepareBatch will run them: the annotation set's settings adopted. While
// a field does not parse, the opened set's own settings.
CropSettings MainWindow::settingsInEffect() const {
    const Result<BatchRequest> request = m_batchPanel->request();
    if (!request)
        return m_dataset->batch().options.settings;
    CropSettings settings = request->settings;
    adoptAnnotationSettings(m_dataset->batch().annotations, settings);
    return settings;
}

} // namespace cropdeck::ui
