// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/BatchRunner.h"

#include "engine/BatchJobContext.h"
#include "engine/BatchWorkers.h"
#include "engine/OpenCvThreading.h"
#include "engine/OutputGroupWriter.h"
#include "io/DescriptorTable.h"

#include <QPointer>

namespace cropdeck {

BatchRunner::BatchRunner(QObject* parent)
    : QObject(parent) {
    qRegisterMetaType<cropdeck::BatchProgress>();
    qRegisterMetaType<cropdeck::BatchFailure>();
    qRegisterMetaType<cropdeck::BatchNotice>();
    qRegisterMetaType<cropdeck::BatchSummary>();
    m_progressTimer.setInterval(250);
    connect(&m_progressTimer, &QTimer::timeout, this, [this] { emit progressed(progress()); });
}

BatchRunner::~BatchRunner() {
    cancel();
    m_workers.reset(); // joins
}

void BatchRunner::finishFatal(const QString& message) {
    BatchSummary summary;
    summary.outcome = BatchOutcome::Fatal;
    summary.fatalError = message;
    summary.progress = m_context->snapshot();
    m_running = true; // until the queued signal below is delivered
    QMetaObject::invokeMethod(
        this,
        [this, summary] {
            m_running = false;
            emit finished(summary);
        },
        Qt::QueuedConnection);
}

void reserveBatchDescriptors(int workers) {
    // Beside the outputs: the files decoders read, the manifest, Qt's own.
    constexpr int kOtherDescriptors = 256;
    reserveDescriptorTable(kOtherDescriptors + OutputGroupWriter::filesHeldAtMost(workers));
}

void BatchRunner::start(BatchPlan plan, const BatchOptions& options) {
    Q_ASSERT(!isRunning());
    m_workers.reset();
    m_cancel = false;
    useSingleThreadedOpenCv(); // here, on the owner's thread, before any worker runs

    // Failures are reported from worker threads; deliver them on the runner's thread.
    QPointer<BatchRunner> self(this);
    auto onFailure = [self](const BatchFailure& failure) {
        QMetaObject::invokeMethod(
            self,
            [self, failure] {
                if (self)
                    emit self->failed(failure);
            },
            Qt::QueuedConnection);
    };
    auto onNotice = [self](const BatchNotice& notice) {
        QMetaObject::invokeMethod(
            self,
            [self, notice] {
                if (self)
                    emit self->noticed(notice);
            },
            Qt::QueuedConnection);
    };
    m_context = std::make_shared<BatchJobContext>(std::move(plan), options, onFailure, onNotice, &m_cancel);
    if (Status opened = m_context->openManifest(); !opened)
        return finishFatal(opened.error().message);

    std::shared_ptr<BatchJobContext> context = m_context;
    m_workers = std::make_unique<BatchWorkers>(
        int(context->plan().images.size()), [context](int index) { context->runImage(index); },
        context->stopFlag());
    context->setRangeRunner(
        [workers = m_workers.get()](int count, const std::function<void(int, int)>& body) {
            workers->forRanges(count, body);
        });
    const int threads = workerThreads(options);
    reserveBatchDescriptors(threads); // before the workers share the table
    m_running = true;
    const BatchWorkers::StartReport started = m_workers->start(threads, [this] {
        // On the last worker, while the destructor (if any) still waits in join(): `this` is alive.
        QMetaObject::invokeMethod(this, &BatchRunner::onWorkFinished, Qt::QueuedConnection);
    });
    if (started.started == 0) {
        m_workers.reset();
        return finishFatal(
            QStringLiteral("cannot start any worker thread (%1): lower the number of threads or "
                           "raise the process limit")
                .arg(started.problem));
    }
    if (started.started < started.asked)
        onNotice({QString(), -1, QString(),
                  QStringLiteral("only %1 of %2 worker threads could be started (%3): the batch runs on %1")
                      .arg(started.started)
                      .arg(started.asked)
                      .arg(started.problem)});
    m_progressTimer.start();
}

void BatchRunner::cancel() {
    m_cancel = true;
    if (m_context)
        m_context->requestStop();
    if (m_workers)
        m_workers->wake();
}

void BatchRunner::setPaused(bool paused) {
    if (m_workers)
        m_workers->setPaused(paused);
}

bool BatchRunner::isRunning() const {
    return m_running;
}

BatchProgress BatchRunner::progress() const {
    return m_context ? m_context->snapshot() : BatchProgress{};
}

void BatchRunner::onWorkFinished() {
    if (m_workers)
        m_workers->join(); // every worker has left its loop: this returns at once
    m_progressTimer.stop();
    m_context->closeManifest();
    BatchSummary summary;
    summary.progress = m_context->snapshot();
    summary.peakDecodeBytes = m_context->peakDecodeBytes();
    if (const QString fatal = m_context->fatalError(); !fatal.isEmpty()) {
        summary.outcome = BatchOutcome::Fatal;
        summary.fatalError = fatal;
    } else if (m_cancel) {
        summary.outcome = BatchOutcome::Cancelled;
    } else if (summary.progress.windowsFailed > 0 || summary.progress.imagesFailed > 0) {
        summary.outcome = BatchOutcome::CompletedWithFailures;
    } else {
        summary.outcome = BatchOutcome::Completed;
    }
    m_running = false;
    emit progressed(summary.progress);
    emit finished(summary);
}

} // namespace cropdeck
