// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Runs a planned batch on its own thread pool and reports back on the thread that owns the runner.
//
// Threading: create and call the runner on one thread with an event loop (the GUI thread, or the CLI's
// main thread). Work runs on the runner's own threads (engine/BatchWorkers: BatchOptions::threads, default
// one per core), one job per source image, an image with many windows spread over the idle threads; a
// MemoryBudget bounds the decoded pixels in flight. Signals are delivered on the owner's thread. When
// fewer threads could be started than asked, a notice says so and the batch runs on those; when none
// could, the batch ends at once as Fatal. The destructor cancels and waits.

#include "engine/BatchPlan.h"
#include "engine/BatchProgress.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace cropdeck {

class BatchJobContext;
class BatchWorkers;

// Makes room in the process's descriptor table for the files a batch on `workers` threads holds open
// (io/DescriptorTable: a growth while threads share the table makes them wait). start() calls it; a GUI
// calls it once at start-up, before its own threads exist, so that start() finds the room made.
void reserveBatchDescriptors(int workers);

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
    void finishFatal(const QString& message);

    QTimer m_progressTimer;
    std::shared_ptr<BatchJobContext> m_context;
    std::unique_ptr<BatchWorkers> m_workers; // destroyed (joined) before the context
    std::atomic_bool m_cancel{false};
    bool m_running = false;
};

} // namespace cropdeck
