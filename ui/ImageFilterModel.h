// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Which of the open set's images the image list shows: those whose file name or one of whose window
// labels contains the typed text (case-insensitive), narrowed to images with validation findings or
// without windows when asked. A proxy over DatasetModel: rows stay the dataset's, nothing is copied.

#include <QSortFilterProxyModel>

namespace cropdeck::ui {

class AnnotationDocument;

class ImageFilterModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    enum class Show { All, WithFindings, WithErrors, WithoutWindows };

    // `document`: the windows as edited, for their labels.
    explicit ImageFilterModel(AnnotationDocument* document, QObject* parent = nullptr);

    void setText(const QString& text);
    void setShow(Show show);
    QString text() const { return m_text; }
    Show show() const { return m_show; }
    bool isFiltering() const { return !m_text.isEmpty() || m_show != Show::All; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool matchesText(const QModelIndex& index) const;

    AnnotationDocument* m_document;
    QString m_text;
    Show m_show = Show::All;
};

} // namespace cropdeck::ui
