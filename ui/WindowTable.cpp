// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/WindowTable.h"

#include "ui/WindowTableModel.h"

#include <QHeaderView>

#include <algorithm>

namespace cropdeck::ui {

WindowTable::WindowTable(AnnotationDocument* document, QWidget* parent)
    : QTableView(parent)
    , m_model(new WindowTableModel(document, this)) {
    setModel(m_model);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                    QAbstractItemView::AnyKeyPressed);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // The bounds text is the long one: it takes the room left and elides (its tooltip has it all).
    horizontalHeader()->setSectionResizeMode(WindowTableModel::Bounds, QHeaderView::Stretch);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    setAccessibleName(tr("Windows"));
    setAccessibleDescription(tr("The crop windows of the shown image: label, x, y, width and height in "
                                "image pixels, and what the batch's bounds policy does to each; edit a "
                                "cell to change the window"));
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this, &WindowTable::announceSelection);
    // A reset (another image, windows added or removed) drops the selection; the canvas restores it.
}

void WindowTable::setImage(int imageIndex) {
    m_following = true;
    m_model->setImage(imageIndex);
    m_following = false;
}

QList<int> WindowTable::selectedWindows() const {
    QList<int> rows;
    for (const QModelIndex& index : selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void WindowTable::setSelectedWindows(const QList<int>& windowIndices) {
    if (windowIndices == selectedWindows())
        return;
    m_following = true;
    QItemSelection selection;
    for (int row : windowIndices)
        if (row >= 0 && row < m_model->rowCount())
            selection.select(m_model->index(row, 0), m_model->index(row, WindowTableModel::ColumnCount - 1));
    selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (!windowIndices.isEmpty() && windowIndices.first() < m_model->rowCount()) {
        selectionModel()->setCurrentIndex(m_model->index(windowIndices.first(), 0),
                                          QItemSelectionModel::NoUpdate);
        scrollTo(m_model->index(windowIndices.first(), 0));
    }
    m_following = false;
}

void WindowTable::announceSelection() {
    if (!m_following)
        emit windowsSelected(selectedWindows());
}

} // namespace cropdeck::ui
