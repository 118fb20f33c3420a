// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Batch dock: the batch's settings (BatchSettingsForm), Start / Pause-Resume / Cancel, and the run
// as it goes: progress, images/s and MPx/s over time (ThroughputChart), ETA, windows written, bytes,
// the errors (double-click one to see its image), and at the end the summary `cropdeck --batch` prints.
//
// The job comes from a callback (setPrepare) that turns the request into a PreparedBatch: MainWindow's
// calls core's prepareBatch (PrepareFor::Run) on the opened set. The callback runs on a worker thread
// (QtConcurrent); the batch runs on a core BatchRunner, one per run, owned by the panel. The GUI thread
// never waits for either: the destructor is the one place that does (it cancels first).

#include "batch/PrepareBatch.h"
#include "engine/BatchProgress.h"

#include <QFutureWatcher>
#include <QHash>
#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QSplitter;

namespace cropdeck {
class BatchRunner;
}

namespace cropdeck::ui {

class BatchSettingsForm;
class ThroughputChart;

class BatchPanel : public QWidget {
    Q_OBJECT

public:
    using Prepare = std::function<Result<PreparedBatch>(const BatchRequest&)>;

    explicit BatchPanel(QWidget* parent = nullptr);
    ~BatchPanel() override;

    // Called on a worker thread: it must not touch widgets (copy what it needs into the function).
    void setPrepare(Prepare prepare) { m_prepare = std::move(prepare); }
    // The request the panel edits: its input is kept, its settings fill the form.
    void setRequest(const BatchRequest& request);
    // The base request with the form's settings; an error names the field that does not parse.
    Result<BatchRequest> request() const;

    enum class State { Idle, Preparing, Running };
    State state() const { return m_state; }
    bool isPaused() const { return m_paused; }
    QString summaryText() const { return m_summaryText; }
    QString statusText() const;

    BatchSettingsForm* form() const { return m_form; }
    ThroughputChart* chart() const { return m_chart; }
    QListWidget* problemList() const { return m_problems; }
    QProgressBar* progressBar() const { return m_progress; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* pauseButton() const { return m_pause; }
    QPushButton* cancelButton() const { return m_cancel; }

public slots:
    void start();
    void setPaused(bool paused);
    void cancel();

signals:
    void settingsChanged();
    void started(int images, int windows);
    void startFailed(const QString& message);
    void progressed(const cropdeck::BatchProgress& progress);
    void finished(const cropdeck::BatchSummary& summary);
    void imageRequested(const QString& absolutePath);

private:
    void prepared();
    void run(PreparedBatch batch);
    void showProgress(const BatchProgress& progress);
    void addProblem(const QString& text, const QString& source);
    void end(BatchSummary summary);
    void setState(State state);
    void openProblem(QListWidgetItem* item);
    void makeRoomForProgress();

    BatchSettingsForm* m_form;
    QPushButton* m_start;
    QPushButton* m_pause;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
    ThroughputChart* m_chart;
    QListWidget* m_problems;
    QLabel* m_summary;
    QScrollArea* m_liveScroll; // buttons, progress, chart, problems, summary: scrolled in a short dock
    QSplitter* m_splitter;     // the form above, m_liveScroll below

    Prepare m_prepare;
    BatchRequest m_base;
    QFutureWatcher<Result<PreparedBatch>> m_preparing;
    std::unique_ptr<BatchRunner> m_runner; // one per run: its end releases the output folder
    State m_state = State::Idle;
    bool m_paused = false;
    bool m_cancelAsked = false; // while preparing: do not start
    bool m_readerDropped = false;
    QString m_outputDir;
    QHash<QString, QString> m_sources; // source as the batch reports it → absolute path
    QString m_summaryText;
    BatchProgress m_last;
};

} // namespace cropdeck::ui
