// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/LabelModel.h"

#include "ui/AnnotationDocument.h"
#include "ui/WindowItem.h"

#include <QTimer>

namespace cropdeck::ui {
namespace {

// Long enough to coalesce a drag's many changes, short enough to look immediate.
constexpr int kRecountDelayMs = 150;

} // namespace

LabelModel::LabelModel(AnnotationDocument* document, QObject* parent)
    : QAbstractListModel(parent)
    , m_document(document)
    , m_recount(new QTimer(this)) {
    m_recount->setSingleShot(true);
    m_recount->setInterval(kRecountDelayMs);
    connect(m_recount, &QTimer::timeout, this, &LabelModel::refresh);
    connect(document, &AnnotationDocument::windowsChanged, m_recount, qOverload<>(&QTimer::start));
    connect(document, &AnnotationDocument::windowChanged, m_recount, qOverload<>(&QTimer::start));
    connect(document, &AnnotationDocument::reset, this, [this] {
        // A new set: every label shown again.
        if (!m_hidden.isEmpty()) {
            m_hidden.clear();
            emit hiddenLabelsChanged(m_hidden);
        }
        refresh();
    });
    refresh();
}

void LabelModel::refresh() {
    m_recount->stop();
    const QMap<QString, int> counts = m_document->labelCounts();
    const QStringList labels = counts.keys(); // QMap: sorted
    QList<int> values = counts.values();
    if (labels == m_labels) {
        // The same rows: only counts change, and an open editor or the selection stays.
        for (int row = 0; row < m_labels.size(); ++row)
            if (std::exchange(m_counts[row], values[row]) != values[row])
                emit dataChanged(index(row), index(row), {Qt::DisplayRole, CountRole});
        return;
    }
    beginResetModel();
    m_labels = labels;
    m_counts = std::move(values);
    endResetModel();
}

int LabelModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_labels.size());
}

QVariant LabelModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_labels.size())
        return {};
    const QString& label = m_labels[index.row()];
    const int count = m_counts[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 (%2)").arg(label.isEmpty() ? tr("(no label)") : label).arg(count);
    case Qt::EditRole:
    case NameRole:
        return label;
    case CountRole:
        return count;
    case Qt::DecorationRole:
        return labelColour(label);
    case Qt::CheckStateRole:
        return m_hidden.contains(label) ? Qt::Unchecked : Qt::Checked;
    case Qt::ToolTipRole:
        return count == 1 ? tr("1 window labelled %1").arg(label)
                          : tr("%1 windows labelled %2").arg(count).arg(label);
    case Qt::AccessibleTextRole:
        return tr("%1, %2 windows, %3")
            .arg(label)
            .arg(count)
            .arg(m_hidden.contains(label) ? tr("hidden") : tr("shown"));
    default:
        return {};
    }
}

bool LabelModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.row() >= m_labels.size())
        return false;
    const QString label = m_labels[index.row()];
    if (role == Qt::CheckStateRole) {
        const bool shown = value.toInt() == Qt::Checked;
        if (shown == !m_hidden.contains(label))
            return false;
        if (shown)
            m_hidden.remove(label);
        else
            m_hidden.insert(label);
        emit dataChanged(index, index, {Qt::CheckStateRole});
        emit hiddenLabelsChanged(m_hidden);
        return true;
    }
    if (role != Qt::EditRole)
        return false;
    const QString name = value.toString().trimmed();
    if (name.isEmpty()) {
        emit message(tr("A label needs a name."));
        return false;
    }
    if (!m_document->renameLabel(label, name))
        return false;
    if (m_hidden.remove(label)) { // a hidden label stays hidden under its new name
        m_hidden.insert(name);
        emit hiddenLabelsChanged(m_hidden);
    }
    refresh();
    return true;
}

Qt::ItemFlags LabelModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemIsUserCheckable;
}

} // namespace cropdeck::ui
