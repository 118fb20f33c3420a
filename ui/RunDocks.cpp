// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's Batch and Output Preview docks, kept out of MainWindow.cpp: the batch panel runs the
// opened set with its settings, and the preview shows the selected window under the same settings.
#include "ui/AnnotationDocument.h"
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

#include <memory>
#include <mutex>

namespace cropdeck::ui {
namespace {

struct EditedSetSnapshot {
    std::mutex mutex;
    AnnotationSet set;    // every image shown (a copy sharing the document's data)
    QSet<int> listedOnly; // left out of the batch while they have no windows
};

} // namespace

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
    // Tabs under the window list: the preview while editing, the batch when running it; each gets the
    // height of both (the settings form, the live chart and the errors need it).
    tabifyDockWidget(previewDock, batchDock);
    previewDock->raise();
    resizeDocks({previewDock}, {460}, Qt::Horizontal); // the canvas keeps most of the width
    if (auto* windows = findChild<QDockWidget*>(QStringLiteral("windowListDock")))
        resizeDocks({windows, previewDock}, {5, 6}, Qt::Vertical);
    m_viewMenu->addAction(previewDock->toggleViewAction());
    m_viewMenu->addAction(batchDock->toggleViewAction());

    // The job is the set as the user sees it, edits included, with the panel's settings. The callback
    // runs on a worker thread: it reads a snapshot the GUI thread refreshes after every edit (copies
    // share their data until the next edit, so a snapshot costs little).
    auto snapshot = std::make_shared<EditedSetSnapshot>();
    const auto refresh = [this, snapshot] {
        const std::lock_guard lock(snapshot->mutex);
        snapshot->set = m_document->annotations();
        snapshot->listedOnly = m_document->listedOnly();
    };
    connect(m_document, &AnnotationDocument::windowsChanged, this, refresh);
    connect(m_document, &AnnotationDocument::windowChanged, this, refresh);
    m_batchPanel->setPrepare([snapshot](const BatchRequest& request) {
        AnnotationSet set;
        QSet<int> listedOnly;
        {
            const std::lock_guard lock(snapshot->mutex);
            set = snapshot->set;
            listedOnly = snapshot->listedOnly;
        }
        return prepareBatch(request, AnnotationDocument::withoutEmptyListed(set, listedOnly),
                            PrepareFor::Run);
    });
    connect(this, &MainWindow::opened, this, [this, refresh] {
        // The settings last used (output folder, format, ...) stay, unless the set brings its own.
        m_batchPanel->setRequest(requestWithRememberedSettings(m_opened));
        refresh();
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
    const CropWindow* window =
        row < 0 ? nullptr : m_document->window(m_dataset->image(row).imageIndex, windowIndex);
    if (!window) {
        m_previewWindow = -1;
        m_preview->clear();
        return;
    }
    m_previewWindow = windowIndex;
    // The window as edited: what the batch will cut.
    m_preview->showWindow(m_dataset->image(row).absolutePath, *window, settingsInEffect());
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
