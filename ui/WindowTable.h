// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The window list of the shown image: a table (label, x, y, w, h, bounds) over a WindowTableModel, editable
// in place (each edit an undo command). Its row selection mirrors the canvas's: setSelectedWindows() follows
// the canvas without echoing back; a selection the user makes here is announced by windowsSelected().

#include <QTableView>

namespace cropdeck::ui {

class AnnotationDocument;
class WindowTableModel;

class WindowTable : public QTableView {
    Q_OBJECT

public:
    explicit WindowTable(AnnotationDocument* document, QWidget* parent = nullptr);

    WindowTableModel* windowModel() const { return m_model; }
    void setImage(int imageIndex);
    // Selected rows (window indices), ascending.
    QList<int> selectedWindows() const;
    void setSelectedWindows(const QList<int>& windowIndices);

signals:
    void windowsSelected(const QList<int>& windowIndices); // by the user

private:
    void announceSelection();

    WindowTableModel* m_model;
    bool m_following = false; // inside setSelectedWindows: nothing to announce
};

} // namespace cropdeck::ui
