// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/DatasetModel.h"

#include "ui/ThumbnailCache.h"

#include <QColor>
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
    m_findings.clear(); // they were about the previous set
    m_unannotated = QSet<int>(m_batch.unannotatedImages.cbegin(), m_batch.unannotatedImages.cend());
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

qsizetype DatasetModel::windowCount(const PlannedImage& image) const {
    return m_counter ? m_counter(image.imageIndex) : image.windows.size();
}

void DatasetModel::windowsEdited(int imageIndex) {
    for (int row = 0; row < rowCount(); ++row)
        if (m_batch.plan.images[row].imageIndex == imageIndex)
            emit dataChanged(index(row), index(row));
}

void DatasetModel::setFindings(const ValidationReport& report) {
    constexpr int kTooltipMessages = 6;
    m_findings.clear();
    for (const ValidationFinding& finding : report.findings) {
        if (finding.imageIndex < 0)
            continue; // about the annotation file, not an image
        Findings& image = m_findings[finding.imageIndex];
        (finding.severity == IssueSeverity::Error ? image.errors : image.warnings) += 1;
        if (image.messages.size() < kTooltipMessages)
            image.messages << finding.message;
    }
    if (rowCount() > 0)
        emit dataChanged(index(0), index(rowCount() - 1),
                         {Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole});
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
        const QString text =
            tr("%1 — %2").arg(name, !image.problem.isEmpty() ? tr("problem")
                                    : m_unannotated.contains(image.imageIndex) && windowCount(image) == 0
                                        ? tr("not annotated") // in the images folder, named by no annotation
                                        : windowCountText(windowCount(image)));
        const Findings findings = m_findings.value(image.imageIndex);
        if (findings.errors > 0)
            return text + (findings.errors == 1 ? tr(" · 1 error") : tr(" · %1 errors").arg(findings.errors));
        if (findings.warnings > 0)
            return text + (findings.warnings == 1 ? tr(" · 1 warning")
                                                  : tr(" · %1 warnings").arg(findings.warnings));
        return text;
    }
    case Qt::ToolTipRole: {
        QStringList lines{image.problem.isEmpty() ? image.absolutePath : image.problem};
        lines << m_findings.value(image.imageIndex).messages;
        return lines.join(u'\n');
    }
    case Qt::ForegroundRole:
        if (m_findings.value(image.imageIndex).errors > 0 || !image.problem.isEmpty())
            return QColor(0xc0, 0x1c, 0x28); // legible on light and dark bases alike
        return {};
    case Qt::AccessibleTextRole:
        return data(index, Qt::DisplayRole);
    case Qt::DecorationRole:
        if (!m_thumbnails || !image.problem.isEmpty())
            return {};
        return m_thumbnails->thumbnail(image.absolutePath);
    case AbsolutePathRole:
        return image.absolutePath;
    case WindowCountRole:
        return int(windowCount(image));
    case ProblemRole:
        return image.problem;
    case ImageIndexRole:
        return image.imageIndex;
    case ErrorCountRole:
        return m_findings.value(image.imageIndex).errors;
    case WarningCountRole:
        return m_findings.value(image.imageIndex).warnings;
    default:
        return {};
    }
}

} // namespace cropdeck::ui
