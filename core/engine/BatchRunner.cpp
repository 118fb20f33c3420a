// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/BatchRunner.h"

#include "engine/BatchJobContext.h"
#include "engine/OpenCvThreading.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentMap>

#include <numeric>
#include <vector>

namespace cropdeck {

BatchRunner::BatchRunner(QObject* parent)
    : QObject(parent) {
    qRegisterMetaType<cropdeck::BatchProgress>();
    qRegisterMetaType<cropdeck::BatchFailure>();
    qRegisterMetaType<cropdeck::BatchNotice>();
    qRegisterMetaType<cropdeck::BatchSummary>();
    m_progressTimer.setInterval(250);
    connect(&m_progressTimer, &QTimer::timeout, this, [this] { emit progressed(progress()); });
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, &BatchRunner::onWorkFinished);
}

BatchRunner::~BatchRunner() {
    cancel();
    m_watcher.waitForFinished();
    m_pool.waitForDone();
}

void BatchRunner::start(BatchPlan plan, const BatchOptions& options) {
    Q_ASSERT(!isRunning());
    m_cancel = false;
    useSingleThreadedOpenCv(); // here, on the owner's thread, before any worker runs
    m_pool.setMaxThreadCount(options.threads > 0 ? options.threads : QThread::idealThreadCount());

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
    if (Status opened = m_context->openManifest(); !opened) {
        BatchSummary summary;
        summary.outcome = BatchOutcome::Fatal;
        summary.fatalError = opened.error().message;
        summary.progress = m_context->snapshot();
        QMetaObject::invokeMethod(
            this, [this, summary] { emit finished(summary); }, Qt::QueuedConnection);
        return;
    }
    m_imageIndices.resize(m_context->plan().images.size());
    std::iota(m_imageIndices.begin(), m_imageIndices.end(), 0);
    std::shared_ptr<BatchJobContext> context = m_context;
    m_watcher.setFuture(QtConcurrent::map(&m_pool, m_imageIndices.begin(), m_imageIndices.end(),
                                          [context](int index) { context->runImage(index); }));
    m_progressTimer.start();
}

void BatchRunner::cancel() {
    m_cancel = true;
    m_watcher.cancel();
}

void BatchRunner::setPaused(bool paused) {
    if (paused)
        m_watcher.suspend();
    else
        m_watcher.resume();
}

bool BatchRunner::isRunning() const {
    return m_watcher.isRunning();
}

BatchProgress BatchRunner::progress() const {
    return m_context ? m_context->snapshot() : BatchProgress{};
}

void BatchRunner::onWorkFinished() {
    m_progressTimer.stop();
    BatchSummary summary;
    summary.progress = m_context->snapshot();
    summary.peakDecodeBytes = m_context->peakDecodeBytes();
    if (m_cancel)
        summary.outcome = BatchOutcome::Cancelled;
    else if (summary.progress.windowsFailed > 0 || summary.progress.imagesFailed > 0)
        summary.outcome = BatchOutcome::CompletedWithFailures;
    else
        summary.outcome = BatchOutcome::Completed;
    emit progressed(summary.progress);
    emit finished(summary);
}

} // namespace cropdeck
