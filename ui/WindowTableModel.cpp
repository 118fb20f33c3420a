// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/WindowTableModel.h"

#include "annotations/BoxConventions.h"
#include "ui/AnnotationDocument.h"

namespace cropdeck::ui {

WindowTableModel::WindowTableModel(AnnotationDocument* document, QObject* parent)
    : QAbstractTableModel(parent)
    , m_document(document) {
    connect(document, &AnnotationDocument::reset, this, [this] { setImage(-1); });
    connect(document, &AnnotationDocument::windowsChanged, this, [this](int image) {
        if (image == m_image)
            reload();
    });
    connect(document, &AnnotationDocument::windowChanged, this, [this](int image, int window) {
        if (image == m_image)
            emit dataChanged(index(window, 0), index(window, ColumnCount - 1));
    });
}

void WindowTableModel::setImage(int imageIndex) {
    if (imageIndex != m_image)
        m_preview = {};
    m_image = imageIndex;
    reload();
}

void WindowTableModel::setCutPreview(const CutPreview& preview) {
    m_preview = preview;
    if (rowCount() > 0)
        emit dataChanged(index(0, Bounds), index(rowCount() - 1, Bounds));
}

void WindowTableModel::reload() {
    beginResetModel();
    endResetModel();
}

int WindowTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_document->windows(m_image).size());
}

int WindowTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WindowTableModel::data(const QModelIndex& index, int role) const {
    const CropWindow* window = m_document->window(m_image, index.row());
    if (!window || index.column() >= ColumnCount)
        return {};
    const bool box = AnnotationDocument::isEditable(*window);
    if (role == Qt::ToolTipRole && !box)
        return tr("Centre/scale window (x, y: centre; w, h: scale): read-only");
    if (index.column() == Bounds)
        return role == Qt::DisplayRole || role == Qt::ToolTipRole ? m_preview.boundsText(*window)
                                                                  : QVariant();
    if (role == Qt::TextAlignmentRole && index.column() != Label)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    double value = 0;
    switch (index.column()) {
    case Label:
        return window->label;
    case X:
        value = box ? window->box.x() : window->square.x;
        break;
    case Y:
        value = box ? window->box.y() : window->square.y;
        break;
    case Width:
        value = box ? window->box.width() : window->square.scale;
        break;
    case Height:
        value = box ? window->box.height() : window->square.scale;
        break;
    default:
        return {};
    }
    // Text both ways: the exact shortest form, edited as typed (no spin box rounding to 2 decimals).
    return formatCoordinate(value);
}

QVariant WindowTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case Label:
        return tr("Label");
    case X:
        return tr("x");
    case Y:
        return tr("y");
    case Width:
        return tr("w");
    case Height:
        return tr("h");
    case Bounds:
        return tr("Bounds");
    default:
        return {};
    }
}

Qt::ItemFlags WindowTableModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    const CropWindow* window = m_document->window(m_image, index.row());
    if (window && index.column() != Bounds &&
        (index.column() == Label || AnnotationDocument::isEditable(*window)))
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool WindowTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    const CropWindow* window = m_document->window(m_image, index.row());
    if (!window || role != Qt::EditRole)
        return false;
    if (index.column() == Label)
        return m_document->setLabel(m_image, index.row(), value.toString().trimmed());
    bool ok = false;
    const double number = value.toString().trimmed().toDouble(&ok);
    if (!ok || !AnnotationDocument::isEditable(*window))
        return false;
    QRectF box = window->box;
    switch (index.column()) {
    case X:
        box.moveLeft(number);
        break;
    case Y:
        box.moveTop(number);
        break;
    case Width:
        if (number <= 0)
            return false;
        box.setWidth(number);
        break;
    case Height:
        if (number <= 0)
            return false;
        box.setHeight(number);
        break;
    default:
        return false;
    }
    return m_document->setBox(m_image, index.row(), box);
}

} // namespace cropdeck::ui
