// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's Labels dock, kept out of MainWindow.cpp: the set's labels with colour and count; rename
// one (F2 or double-click) to rename it everywhere, uncheck one to hide its windows on the canvas.
#include "ui/CropCanvas.h"
#include "ui/LabelModel.h"
#include "ui/MainWindow.h"

#include <QDockWidget>
#include <QListView>
#include <QMenu>
#include <QStatusBar>

namespace cropdeck::ui {

void MainWindow::createLabelDock() {
    m_labels = new LabelModel(m_document, this);
    auto* view = new QListView;
    view->setObjectName(QStringLiteral("labelList"));
    view->setModel(m_labels);
    view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    view->setAccessibleName(tr("Labels"));
    view->setAccessibleDescription(tr("The labels of the set with their window counts; uncheck one to hide "
                                      "its windows, rename one to rename it in every image"));
    auto* dock = new QDockWidget(tr("Labels"), this);
    dock->setObjectName(QStringLiteral("labelDock"));
    dock->setWidget(view);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    dock->hide(); // a View menu item away
    m_viewMenu->addAction(dock->toggleViewAction());
    connect(m_labels, &LabelModel::hiddenLabelsChanged, m_canvas, &CropCanvas::setHiddenLabels);
    connect(m_labels, &LabelModel::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 5000); });
}

} // namespace cropdeck::ui
