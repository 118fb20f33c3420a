// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Benchmark tab: a thin shell over core's runBench() (core/bench/BenchRunner.h), the call behind
// `cropdeck --bench`. The setup (BenchSetupForm) gives the request; Run starts it, Cancel stops it at
// the next pass, the progress line shows the harness's own ProgressLine text, and the finished report
// fills the results table (BenchResultsModel), the charts for the case chosen above them (BenchCharts)
// and can be saved as JSON, CSV, Markdown or HTML by saveBenchReport() (ui/BenchReportFile.h), the call
// `--report` makes. Compare… shows two saved JSON reports, or a saved one and this run, side by side
// (BenchCompareView, core's compareReports(), as `--bench --compare` prints).
//
// Layout: the dock shares the window's height with others, so setup, table, charts and comparison are
// tabs under one row of buttons, each with the dock's whole height; a finished run shows its table.
//
// Threading: runBench() runs on a worker thread (QtConcurrent::run, watched by a QFutureWatcher); its
// progress lines are queued to the GUI thread, which never waits on the run. The cancel flag is a member
// the worker polls; the destructor sets it and waits for the worker, the one place that waits.

#include "bench/BenchReport.h"
#include "bench/BenchRunner.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;

namespace cropdeck::ui {

class BenchCharts;
class BenchCompareView;
class BenchResultsModel;
class BenchSetupForm;

class BenchmarkPanel : public QWidget {
    Q_OBJECT

public:
    enum class State { Idle, Running, Cancelling };

    explicit BenchmarkPanel(QWidget* parent = nullptr);
    ~BenchmarkPanel() override;

    State state() const { return m_state; }
    // The last finished run's report (none before the first, or after a failed or cancelled run).
    const std::optional<bench::BenchReport>& report() const { return m_report; }
    QString progressText() const;
    QString statusText() const;
    // Writes the report by the file's extension (.json, .csv, .md, .html) with saveBenchReport().
    Status saveReportTo(const QString& path) const;
    // Shows two saved JSON reports side by side (A, B) in the comparison tab; the error says what failed.
    Status compareReports(const QString& a, const QString& b);
    // Shows a saved JSON report (A) beside the last run's report (B); refused before a run.
    Status compareWithLastRun(const QString& saved);

    BenchSetupForm* setup() const { return m_setup; }
    BenchResultsModel* results() const { return m_results; }
    BenchCharts* charts() const { return m_charts; }
    QTableView* resultsTable() const { return m_table; }
    QComboBox* caseBox() const { return m_case; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* saveButton() const { return m_save; }
    QPushButton* compareButton() const { return m_compare; }
    BenchCompareView* comparison() const { return m_comparison; }
    QTabWidget* tabs() const { return m_tabs; }

public slots:
    void start();
    void cancel();
    void saveReportDialog();
    void compareDialog();

signals:
    void started();
    void progressed(const QString& line);
    // The run ended: `completed` with a report, or not (cancelled, or failed: `message` says why).
    void finished(bool completed, const QString& message);

private:
    QWidget* makeTablePage();
    QWidget* makeChartsPage();
    void showComparison(const Status& shown);
    void showProgress(const QString& line);
    void runEnded();
    void showCase(int index);
    void setState(State state);

    BenchSetupForm* m_setup;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QPushButton* m_save;
    QPushButton* m_compare;
    QLabel* m_progress;
    QLabel* m_status;
    QLabel* m_system;
    QTabWidget* m_tabs;
    QComboBox* m_case;
    QTableView* m_table;
    BenchResultsModel* m_results;
    BenchCharts* m_charts;
    BenchCompareView* m_comparison;

    QFutureWatcher<Result<bench::BenchReport>> m_running;
    std::atomic_bool m_cancelFlag{false};
    std::optional<bench::BenchReport> m_report;
    State m_state = State::Idle;
};

} // namespace cropdeck::ui
