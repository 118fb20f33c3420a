// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ValidationModel.h"

#include <QApplication>
#include <QStyle>

namespace cropdeck::ui {
namespace {

QString severityText(IssueSeverity severity) {
    return severity == IssueSeverity::Error ? ValidationModel::tr("Error") : ValidationModel::tr("Warning");
}

QString boxText(const ValidationFinding& finding) {
    if (finding.windowIndex < 0)
        return {};
    // Box numbers as --validate prints them: the index in the image, and the id when it is another.
    const QString number = QString::number(finding.windowIndex);
    return finding.windowId.isEmpty() || finding.windowId == number
               ? number
               : ValidationModel::tr("%1 (id %2)").arg(number, finding.windowId);
}

QString placeText(const ValidationFinding& finding) {
    if (!finding.image.isEmpty())
        return finding.image;
    if (finding.line > 0)
        return ValidationModel::tr("%1, line %2").arg(finding.file).arg(finding.line);
    return finding.file;
}

} // namespace

ValidationModel::ValidationModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void ValidationModel::setReport(ValidationReport report) {
    beginResetModel();
    m_report = std::move(report);
    endResetModel();
}

int ValidationModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_report.findings.size());
}

int ValidationModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ValidationModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_report.findings.size())
        return {};
    const ValidationFinding& finding = m_report.findings.at(index.row());
    switch (role) {
    case ImageIndexRole:
        return finding.imageIndex;
    case WindowIndexRole:
        return finding.windowIndex;
    case SeverityRole:
        return int(finding.severity);
    case Qt::ToolTipRole:
        return finding.toString();
    case Qt::DecorationRole:
        if (index.column() != SeverityColumn)
            return {};
        return QApplication::style()->standardIcon(finding.severity == IssueSeverity::Error
                                                       ? QStyle::SP_MessageBoxCritical
                                                       : QStyle::SP_MessageBoxWarning);
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case SeverityColumn:
            return severityText(finding.severity);
        case KindColumn:
            return QString::fromLatin1(findingKindName(finding.kind));
        case ImageColumn:
            return placeText(finding);
        case BoxColumn:
            return boxText(finding);
        case MessageColumn:
            return finding.closestMatch.isEmpty()
                       ? finding.message
                       : tr("%1 (did you mean %2?)").arg(finding.message, finding.closestMatch);
        }
        return {};
    default:
        return {};
    }
}

QVariant ValidationModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case KindColumn:
        return tr("Finding");
    case ImageColumn:
        return tr("Image");
    case BoxColumn:
        return tr("Box");
    case MessageColumn:
        return tr("Problem");
    }
    return {};
}

} // namespace cropdeck::ui
