// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Runs a planned batch on its own thread pool and reports back on the thread that owns the runner.
//
// Threading: create and call the runner on one thread with an event loop (the GUI thread, or the CLI's
// main thread). Work runs on the runner's private QThreadPool (size = BatchOptions::threads, default one
// per core), one task per source image; a MemoryBudget bounds the decoded pixels in flight. Signals are
// delivered on the owner's thread. The destructor cancels and waits.

#include "engine/BatchPlan.h"
#include "engine/BatchProgress.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>
#include <vector>

namespace cropdeck {

class BatchJobContext;

class BatchRunner : public QObject {
    Q_OBJECT
public:
    explicit BatchRunner(QObject* parent = nullptr);
    ~BatchRunner() override;

    // Starts the batch and returns at once. The plan must come from planBatch() with the same options.
    void start(BatchPlan plan, const BatchOptions& options);
    void cancel();
    void setPaused(bool paused);
    bool isRunning() const;
    BatchProgress progress() const;

    void setProgressInterval(int milliseconds) { m_progressTimer.setInterval(milliseconds); }

signals:
    void progressed(const cropdeck::BatchProgress& progress);
    void failed(const cropdeck::BatchFailure& failure);
    void noticed(const cropdeck::BatchNotice& notice);
    void finished(const cropdeck::BatchSummary& summary);

private:
    void onWorkFinished();

    QThreadPool m_pool;
    QFutureWatcher<void> m_watcher;
    QTimer m_progressTimer;
    std::shared_ptr<BatchJobContext> m_context;
    // QtConcurrent::map iterates the sequence in place: it must outlive the run, so it lives here.
    std::vector<int> m_imageIndices;
    std::atomic_bool m_cancel{false};
};

} // namespace cropdeck
