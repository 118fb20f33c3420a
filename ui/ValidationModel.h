// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The findings of one validation (core's ValidationReport, the same as `cropdeck --validate`), one row
// each: severity, kind, image, box, message. Rows carry the image and window they are about, so that a
// view can jump to them.

#include "validation/ValidationReport.h"

#include <QAbstractTableModel>

namespace cropdeck::ui {

class ValidationModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { SeverityColumn, KindColumn, ImageColumn, BoxColumn, MessageColumn, ColumnCount };
    enum Role {
        ImageIndexRole = Qt::UserRole + 1, // int: index in the set's images, -1 for file findings
        WindowIndexRole,                   // int: index in the image's windows, -1 for image findings
        SeverityRole,                      // int: IssueSeverity
    };

    explicit ValidationModel(QObject* parent = nullptr);

    void setReport(ValidationReport report);
    const ValidationReport& report() const { return m_report; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ValidationReport m_report;
};

} // namespace cropdeck::ui
