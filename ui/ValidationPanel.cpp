// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ValidationPanel.h"

#include "ui/ValidationModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace cropdeck::ui {
namespace {

// Shows all rows, or those of one severity.
class SeverityFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setSeverity(std::optional<IssueSeverity> severity) {
        m_severity = severity;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        if (!m_severity)
            return true;
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        return index.data(ValidationModel::SeverityRole).toInt() == int(*m_severity);
    }

private:
    std::optional<IssueSeverity> m_severity;
};

} // namespace

ValidationPanel::ValidationPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new ValidationModel(this))
    , m_filter(new SeverityFilter(this))
    , m_view(new QTableView)
    , m_severity(new QComboBox)
    , m_summary(new QLabel) {
    m_filter->setSourceModel(m_model);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAccessibleName(tr("Validation findings"));
    m_view->setAccessibleDescription(tr("Problems found in the annotations and images; activate one to show "
                                        "its image and box"));
    m_severity->addItem(tr("All findings"));
    m_severity->addItem(tr("Errors"), int(IssueSeverity::Error));
    m_severity->addItem(tr("Warnings"), int(IssueSeverity::Warning));
    m_severity->setAccessibleName(tr("Show findings"));
    m_summary->setAccessibleName(tr("Validation summary"));
    m_summary->setWordWrap(true);

    auto* top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_severity);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_view);

    connect(m_severity, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant severity = m_severity->currentData();
        static_cast<SeverityFilter*>(m_filter)->setSeverity(
            severity.isValid() ? std::optional(IssueSeverity(severity.toInt())) : std::nullopt);
    });
    connect(m_view, &QAbstractItemView::activated, this, &ValidationPanel::activate);
    connect(&m_running, &QFutureWatcherBase::finished, this, &ValidationPanel::finished);
}

ValidationPanel::~ValidationPanel() {
    m_queued.reset();
    m_running.waitForFinished();
}

void ValidationPanel::validate(AnnotationSet set, QList<AnnotationIssue> readerIssues,
                               ValidationOptions options) {
    Job job{std::move(set), std::move(readerIssues), std::move(options)};
    if (m_running.isRunning()) {
        m_queued = std::move(job); // validation cannot be interrupted; the newest set waits
        return;
    }
    start(std::move(job));
}

void ValidationPanel::clear() {
    m_queued.reset();
    m_discardRunning = m_running.isRunning(); // its set is no longer open
    m_model->setReport({});
    m_summary->clear();
}

const ValidationReport& ValidationPanel::report() const {
    return m_model->report();
}

void ValidationPanel::start(Job job) {
    m_summary->setText(tr("Validating %n image(s)…", nullptr, int(job.set.images.size())));
    m_running.setFuture(QtConcurrent::run(
        [job = std::move(job)] { return validateAnnotations(job.set, job.readerIssues, job.options); }));
}

void ValidationPanel::finished() {
    if (m_queued) {
        Job next = std::move(*m_queued);
        m_queued.reset();
        m_discardRunning = false;
        start(std::move(next));
        return;
    }
    if (std::exchange(m_discardRunning, false))
        return;
    ValidationReport report = m_running.result();
    m_summary->setText(report.findings.isEmpty() ? tr("%1: no problems found").arg(report.summary())
                                                 : report.summary());
    const int errors = report.errorCount(), warnings = report.warningCount();
    m_model->setReport(std::move(report));
    m_view->resizeColumnsToContents();
    emit validated(errors, warnings);
}

void ValidationPanel::activate(const QModelIndex& index) {
    const QModelIndex source = m_filter->mapToSource(index);
    const int image = source.data(ValidationModel::ImageIndexRole).toInt();
    if (image >= 0)
        emit findingActivated(image, source.data(ValidationModel::WindowIndexRole).toInt());
}

} // namespace cropdeck::ui
