// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's Benchmark dock, kept out of MainWindow.cpp: a tab beside the Batch dock that times every
// way of cropping (ui/BenchmarkPanel.h); the set opened in the window is offered as its dataset.
#include "ui/BenchSetupForm.h"
#include "ui/BenchmarkPanel.h"
#include "ui/MainWindow.h"

#include <QDockWidget>
#include <QMenu>

namespace cropdeck::ui {

void MainWindow::createBenchmarkDock() {
    m_benchmark = new BenchmarkPanel;
    auto* dock = new QDockWidget(tr("Benchmark"), this);
    dock->setObjectName(QStringLiteral("benchmarkDock"));
    dock->setWidget(m_benchmark);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    if (auto* batchDock = findChild<QDockWidget*>(QStringLiteral("batchDock")))
        tabifyDockWidget(batchDock, dock);
    if (auto* previewDock = findChild<QDockWidget*>(QStringLiteral("previewDock")))
        previewDock->raise(); // editing comes first; the benchmark is a tab away
    m_viewMenu->addAction(dock->toggleViewAction());
    // The set as saved on disk: the benchmark reads its files as `cropdeck --bench --images --annotations`.
    connect(this, &MainWindow::opened, this, [this] {
        m_benchmark->setup()->setOpenSet(m_opened.request.images, m_opened.request.annotations);
    });
}

} // namespace cropdeck::ui
