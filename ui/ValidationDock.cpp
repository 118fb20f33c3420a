// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's Validation dock, kept out of MainWindow.cpp: the open set, as edited, checked the way
// `cropdeck --validate` checks it (validationOptionsFor() builds the same options), again shortly after
// each edit; activating a finding shows its image and selects its box.
#include "batch/SetValidation.h"
#include "ui/AnnotationDocument.h"
#include "ui/CropCanvas.h"
#include "ui/DatasetModel.h"
#include "ui/MainWindow.h"
#include "ui/ValidationPanel.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QTimer>

namespace cropdeck::ui {
namespace {

// Long enough that a drag or a run of nudges is validated once, short enough to feel immediate.
constexpr int kRevalidateDelayMs = 600;

} // namespace

void MainWindow::createValidationDock() {
    m_validation = new ValidationPanel;
    auto* dock = new QDockWidget(tr("Validation"), this);
    dock->setObjectName(QStringLiteral("validationDock"));
    dock->setWidget(m_validation);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    dock->hide(); // shown by the View menu, and when a set has errors
    m_viewMenu->addAction(dock->toggleViewAction());
    m_revalidate = new QTimer(this);
    m_revalidate->setSingleShot(true);
    m_revalidate->setInterval(kRevalidateDelayMs);
    connect(m_revalidate, &QTimer::timeout, this, &MainWindow::validateOpenSet);
    connect(m_document, &AnnotationDocument::windowsChanged, m_revalidate, qOverload<>(&QTimer::start));
    connect(m_document, &AnnotationDocument::windowChanged, m_revalidate, qOverload<>(&QTimer::start));
    connect(this, &MainWindow::opened, this, [this] {
        m_revalidate->stop();
        m_validation->clear();
        validateOpenSet();
    });
    connect(m_validation, &ValidationPanel::validated, this, [this, dock](int errors, int) {
        m_dataset->setFindings(m_validation->report()); // badges on the image list's rows
        if (errors > 0)
            dock->show();
    });
    connect(m_validation, &ValidationPanel::findingActivated, this, &MainWindow::showFinding);
}

void MainWindow::validateOpenSet() {
    const PreparedBatch& batch = m_dataset->batch();
    if (m_document->imageCount() == 0)
        return;
    const BatchRequest& request = m_opened.request;
    const int minBoxSize = request.minBoxSize > 0 ? request.minBoxSize : kDefaultMinBoxSize;
    m_validation->validate(
        m_document->annotations(), batch.readerIssues,
        validationOptionsFor(request, batch.options.imageRoot, batch.options.imageList, minBoxSize));
}

void MainWindow::showFinding(int imageIndex, int windowIndex) {
    for (int row = 0; row < m_dataset->rowCount(); ++row) {
        if (m_dataset->image(row).imageIndex != imageIndex)
            continue;
        if (row == currentImage() && m_canvas->imageIndex() == imageIndex) {
            m_canvas->setSelectedWindows(windowIndex >= 0 ? QList<int>{windowIndex} : QList<int>{});
        } else {
            m_selectWhenShown = {imageIndex, windowIndex}; // once the picture and its windows are shown
            selectImage(row);
        }
        m_canvas->setFocus();
        return;
    }
}

} // namespace cropdeck::ui
