// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The validation panel: core's findings for the whole open set (validateAnnotations() with the options
// `cropdeck --validate` uses, batch/SetValidation.h), listed with a summary line and a filter by
// severity. Activating a finding (double-click, Enter) asks to show its image and select its box.
// Validation reads image headers only, on its own threads, off the GUI thread; asking again while one runs
// queues the newest set, so results never arrive for a set that is no longer open.

#include "annotations/Annotation.h"
#include "validation/Validation.h"

#include <QFutureWatcher>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace cropdeck::ui {

class ValidationModel;

class ValidationPanel : public QWidget {
    Q_OBJECT

public:
    explicit ValidationPanel(QWidget* parent = nullptr);
    ~ValidationPanel() override;

    void validate(AnnotationSet set, QList<AnnotationIssue> readerIssues, ValidationOptions options);
    void clear();

    const ValidationReport& report() const;
    QTableView* view() const { return m_view; }
    bool isValidating() const { return m_running.isRunning() || m_queued.has_value(); }

signals:
    void validated(int errors, int warnings);
    void findingActivated(int imageIndex, int windowIndex);

private:
    struct Job {
        AnnotationSet set;
        QList<AnnotationIssue> readerIssues;
        ValidationOptions options;
    };
    void start(Job job);
    void finished();
    void activate(const QModelIndex& index);

    ValidationModel* m_model;
    QSortFilterProxyModel* m_filter;
    QTableView* m_view;
    QComboBox* m_severity;
    QLabel* m_summary;
    QFutureWatcher<ValidationReport> m_running;
    std::optional<Job> m_queued;
    bool m_discardRunning = false; // cleared while it ran: its result is for a set no longer open
};

} // namespace cropdeck::ui
