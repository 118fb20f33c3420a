// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The state one batch shares between its worker threads: the plan and options (read-only), the memory
// budget, the manifest, and the progress counters (atomics). runImage() is the whole life of one source
// image: probe → reserve memory → decode and cut → encode → atomic write → manifest line.
//
// Threading: runImage() runs on pool threads, concurrently; snapshot() may be called from any thread.

#include "engine/BatchPlan.h"
#include "engine/BatchProgress.h"
#include "engine/Manifest.h"
#include "engine/MemoryBudget.h"
#include "engine/StaleTemporaries.h"

#include <QElapsedTimer>

#include <atomic>
#include <functional>

namespace cropdeck {

class BatchJobContext {
public:
    using FailureSink = std::function<void(const BatchFailure&)>;
    using NoticeSink = std::function<void(const BatchNotice&)>;

    // The sinks are called from worker threads.
    BatchJobContext(BatchPlan plan, BatchOptions options, FailureSink onFailure, NoticeSink onNotice,
                    const std::atomic_bool* cancel);

    Status openManifest();
    void runImage(int planIndex);
    BatchProgress snapshot() const;
    const BatchPlan& plan() const { return m_plan; }
    qint64 peakDecodeBytes() const { return m_budget.peakInUse(); }

private:
    void reportFailure(const PlannedImage& image, int windowIndex, const Error& error);
    // Appends to the manifest; a manifest that cannot be written is reported once (the outputs are fine,
    // but --resume would redo them).
    void record(const PlannedImage& image, const ManifestEntry& entry);
    void writeWindow(const PlannedImage& image, const PlannedOutput& output,
                     const struct CroppedWindow& window);

    const BatchPlan m_plan;
    const BatchOptions m_options;
    const FailureSink m_onFailure;
    const NoticeSink m_onNotice;
    const std::atomic_bool* m_cancel;
    MemoryBudget m_budget;
    ManifestWriter m_manifest;
    OutputFolderClaim m_outputClaim; // held while the context lives: marks the output folder as in use
    QElapsedTimer m_clock;

    std::atomic_int m_imagesDone{0};
    std::atomic_int m_imagesFailed{0};
    std::atomic_int m_windowsWritten{0};
    std::atomic_int m_windowsFailed{0};
    std::atomic_int m_windowsSkipped{0};
    std::atomic_int m_windowsAligned{0};
    std::atomic_bool m_manifestFailed{false};
    std::atomic<qint64> m_sourcePixels{0};
    std::atomic<qint64> m_outputBytes{0};
};

// Budget when the user sets none: a quarter of physical memory, between 512 MiB and 8 GiB.
qint64 defaultMemoryBudget();

} // namespace cropdeck
