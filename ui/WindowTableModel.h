// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The windows of one image of an AnnotationDocument as a table: label, x, y, w, h (the box in the set's
// coordinates, half-open), and what the batch's bounds policy does to it (CutPreview::boundsText, core's
// answer; empty until the image's header and the batch settings are known). Editing a cell is a document edit
// (an undo command); the model follows the document's signals, so the table, the canvas and undo always
// agree. Centre/scale windows show their centre (x, y) and scale and are read-only.

#include "ui/CutPreview.h"

#include <QAbstractTableModel>

namespace cropdeck::ui {

class AnnotationDocument;

class WindowTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Label, X, Y, Width, Height, Bounds, ColumnCount };

    explicit WindowTableModel(AnnotationDocument* document, QObject* parent = nullptr);

    // The image whose windows are listed (-1: none). Another image forgets the cut preview.
    void setImage(int imageIndex);
    // What the batch will cut of the listed image's windows, for the Bounds column.
    void setCutPreview(const CutPreview& preview);
    int image() const { return m_image; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

private:
    void reload();

    AnnotationDocument* m_document;
    int m_image = -1;
    CutPreview m_preview;
};

} // namespace cropdeck::ui
