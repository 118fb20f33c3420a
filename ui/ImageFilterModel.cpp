// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ImageFilterModel.h"

#include "ui/AnnotationDocument.h"
#include "ui/DatasetModel.h"

#include <QFileInfo>

namespace cropdeck::ui {

ImageFilterModel::ImageFilterModel(AnnotationDocument* document, QObject* parent)
    : QSortFilterProxyModel(parent)
    , m_document(document) {
    // Edits change window counts and labels, validation the findings: rows are looked at again.
    setDynamicSortFilter(true);
}

void ImageFilterModel::setText(const QString& text) {
    if (text.trimmed() == m_text)
        return;
    m_text = text.trimmed();
    invalidateFilter();
}

void ImageFilterModel::setShow(Show show) {
    if (show == m_show)
        return;
    m_show = show;
    invalidateFilter();
}

bool ImageFilterModel::matchesText(const QModelIndex& index) const {
    if (m_text.isEmpty())
        return true;
    const QString path = index.data(DatasetModel::AbsolutePathRole).toString();
    if (QFileInfo(path).fileName().contains(m_text, Qt::CaseInsensitive))
        return true;
    const int image = index.data(DatasetModel::ImageIndexRole).toInt();
    for (const CropWindow& window : m_document->windows(image))
        if (window.label.contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

bool ImageFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    switch (m_show) {
    case Show::All:
        break;
    case Show::WithFindings:
        if (index.data(DatasetModel::ErrorCountRole).toInt() +
                    index.data(DatasetModel::WarningCountRole).toInt() ==
                0 &&
            index.data(DatasetModel::ProblemRole).toString().isEmpty())
            return false;
        break;
    case Show::WithErrors:
        if (index.data(DatasetModel::ErrorCountRole).toInt() == 0 &&
            index.data(DatasetModel::ProblemRole).toString().isEmpty())
            return false;
        break;
    case Show::WithoutWindows:
        if (index.data(DatasetModel::WindowCountRole).toInt() > 0)
            return false;
        break;
    }
    return matchesText(index);
}

} // namespace cropdeck::ui
