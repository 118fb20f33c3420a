// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/DatasetModel.h"

#include "ui/ThumbnailCache.h"

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
    m_rowOfPath.clear();
    for (int row = 0; row < m_batch.plan.images.size(); ++row)
        m_rowOfPath.insert(m_batch.plan.images[row].absolutePath, row);
    if (m_thumbnails)
        m_thumbnails->reset(boxesOnStoredPixels() ? DisplayOrientation::Stored : DisplayOrientation::Upright,
                            m_batch.options.settings.maxPixels);
    endResetModel();
}

void DatasetModel::setThumbnails(ThumbnailCache* thumbnails) {
    if (m_thumbnails)
        disconnect(m_thumbnails, nullptr, this, nullptr);
    m_thumbnails = thumbnails;
    if (m_thumbnails)
        connect(m_thumbnails, &ThumbnailCache::ready, this, &DatasetModel::thumbnailReady);
}

void DatasetModel::thumbnailReady(const QString& path) {
    const auto it = m_rowOfPath.constFind(path);
    if (it == m_rowOfPath.cend())
        return;
    const QModelIndex changed = index(*it);
    emit dataChanged(changed, changed, {Qt::DecorationRole});
}

bool DatasetModel::boxesOnStoredPixels() const {
    return m_batch.annotations.coordinatesOnStoredPixels || !m_batch.options.settings.orientationFromExif;
}

int DatasetModel::totalWindows() const {
    return m_batch.plan.windowsTotal;
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
        return tr("%1 — %2").arg(name, image.problem.isEmpty() ? windowCountText(image.windows.size())
                                                               : tr("problem"));
    }
    case Qt::ToolTipRole:
        return image.problem.isEmpty() ? image.absolutePath : image.problem;
    case Qt::AccessibleTextRole:
        return data(index, Qt::DisplayRole);
    case Qt::DecorationRole:
        if (!m_thumbnails || !image.problem.isEmpty())
            return {};
        return m_thumbnails->thumbnail(image.absolutePath);
    case AbsolutePathRole:
        return image.absolutePath;
    case WindowCountRole:
        return int(image.windows.size());
    case ProblemRole:
        return image.problem;
    default:
        return {};
    }
}

} // namespace cropdeck::ui
