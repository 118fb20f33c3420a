// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/DatasetModel.h"

#include <QFileInfo>

namespace cropdeck::ui {

DatasetModel::DatasetModel(QObject* parent)
    : QAbstractListModel(parent) {}

QString DatasetModel::windowCountText(qsizetype count) {
    return count == 1 ? tr("1 window") : tr("%1 windows").arg(count);
}

void DatasetModel::setBatch(PreparedBatch batch) {
    beginResetModel();
    m_batch = std::move(batch);
    endResetModel();
}

bool DatasetModel::boxesOnStoredPixels() const {
    return m_batch.annotations.coordinatesOnStoredPixels || !m_batch.options.settings.orientationFromExif;
}

int DatasetModel::totalWindows() const {
    return m_batch.plan.windowsTotal;
}

qsizetype DatasetModel::windowCount(const PlannedImage& image) const {
    return m_counter ? m_counter(image.imageIndex) : image.windows.size();
}

void DatasetModel::windowsEdited(int imageIndex) {
    for (int row = 0; row < rowCount(); ++row)
        if (m_batch.plan.images[row].imageIndex == imageIndex)
            emit dataChanged(index(row), index(row));
}

int DatasetModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_batch.plan.images.size());
}

QVariant DatasetModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const PlannedImage& image = m_batch.plan.images.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        const QString name = QFileInfo(image.relativePath).fileName();
        return tr("%1 — %2").arg(name, image.problem.isEmpty() ? windowCountText(windowCount(image))
                                                               : tr("problem"));
    }
    case Qt::ToolTipRole:
        return image.problem.isEmpty() ? image.absolutePath : image.problem;
    case Qt::AccessibleTextRole:
        return data(index, Qt::DisplayRole);
    case AbsolutePathRole:
        return image.absolutePath;
    case WindowCountRole:
        return int(windowCount(image));
    case ProblemRole:
        return image.problem;
    default:
        return {};
    }
}

} // namespace cropdeck::ui
