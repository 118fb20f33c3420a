// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The labels of the open set for the Labels dock: one row per label, with its colour (the canvas's),
// the number of windows carrying it over the whole set, and whether it is shown. Renaming a row renames
// the label in every image (one undo step, AnnotationDocument::renameLabel); unchecking it hides its
// windows on the canvas. Follows the document: counts refresh shortly after edits, coalesced, so a drag
// does not recount on every move.

#include <QAbstractListModel>
#include <QSet>
#include <QStringList>

class QTimer;

namespace cropdeck::ui {

class AnnotationDocument;

class LabelModel : public QAbstractListModel {
    Q_OBJECT

public:
    explicit LabelModel(AnnotationDocument* document, QObject* parent = nullptr);

    enum Role { CountRole = Qt::UserRole + 1, NameRole };

    QString label(int row) const { return m_labels.value(row); }
    int count(int row) const { return m_counts.value(row); }
    const QSet<QString>& hiddenLabels() const { return m_hidden; }
    // Counts now, instead of after the coalescing delay.
    void refresh();

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

signals:
    void hiddenLabelsChanged(const QSet<QString>& labels);
    // A rename that could not happen (an empty name): why.
    void message(const QString& text);

private:
    AnnotationDocument* m_document;
    QStringList m_labels; // sorted
    QList<int> m_counts;
    QSet<QString> m_hidden;
    QTimer* m_recount;
};

} // namespace cropdeck::ui
