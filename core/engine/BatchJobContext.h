// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The state one batch shares between its worker threads: the plan and options (read-only), the memory
// budget, the manifest, the output folder, and the progress counters (atomics). runImage() is the whole
// life of one source image: probe → reserve memory → decode and cut → each window encoded and written
// as it is cut (engine/OutputGroupWriter) → manifest lines once the written files are durable.
//
// A fatal error (the output folder deleted or replaced midway) stops the whole batch: fail() keeps the
// first one, and every worker stops at its next window.
//
// Threading: runImage() runs on worker threads, concurrently; snapshot() may be called from any thread.
// The members under "for the output writers" are called from worker threads too.

#include "engine/BatchPlan.h"
#include "engine/BatchProgress.h"
#include "engine/GroupCommitter.h"
#include "engine/Manifest.h"
#include "engine/MemoryBudget.h"
#include "engine/StaleTemporaries.h"

#include <QElapsedTimer>
#include <QSet>

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <utility>

namespace cropdeck {

struct CroppedWindow;

// An output that is complete and durable on disk, to be recorded.
struct WrittenOutput {
    int windowIndex = 0; // in the image
    qint64 bytes = 0;
    QString note;
    bool aligned = false; // lossless crop moved to the MCU grid
    QString damage;       // why some pixels are not from the file (FailOn::None); empty when whole
};

class BatchJobContext {
public:
    using FailureSink = std::function<void(const BatchFailure&)>;
    using NoticeSink = std::function<void(const BatchNotice&)>;
    using RangeRunner = std::function<void(int count, const std::function<void(int, int)>& body)>;

    // The sinks are called from worker threads. `cancel` is the owner's flag (requestStop() sets it too).
    BatchJobContext(BatchPlan plan, BatchOptions options, FailureSink onFailure, NoticeSink onNotice,
                    const std::atomic_bool* cancel);

    // Creates the output folder, claims it, records its identity and opens the manifest.
    Status openManifest();
    void closeManifest() { m_manifest.close(); }
    // How one image's windows are spread over the workers (BatchWorkers::forRanges); unset: one thread.
    void setRangeRunner(RangeRunner runner) { m_rangeRunner = std::move(runner); }
    void runImage(int planIndex);
    BatchProgress snapshot() const;
    const BatchPlan& plan() const { return m_plan; }
    qint64 peakDecodeBytes() const { return m_budget.peakInUse(); }

    void requestStop() { m_stop = true; }
    // Set by requestStop(), the owner's cancel and fail(): workers stop at their next window.
    const std::atomic_bool* stopFlag() const { return &m_stop; }
    QString fatalError() const;

    // ---- for the output writers --------------------------------------------------------------------
    const BatchOptions& options() const { return m_options; }
    bool stopped() const { return m_stop.load() || (m_cancel && m_cancel->load()); }
    bool hasFatalError() const { return m_fatal.load(); }
    // Ends the batch with `error` (the first one given wins).
    void fail(const Error& error);
    // OK while the output folder is the one the batch started with; else a fatal error naming it.
    Status checkOutputFolder() const;
    // Creates the folder of an output (once per batch: made folders are remembered).
    Status prepareFolderFor(const QString& target);

    void windowFailed(const PlannedImage& image, int windowIndex, const Error& error);
    // The manifest's error record for one window, counted as failed (the failure is reported by the caller).
    void recordWindowError(const PlannedImage& image, int windowIndex, const Error& error);
    void windowSkipped(const PlannedImage& image, int windowIndex, const CroppedWindow& window);
    // Where writers hand their groups to be synced, named and recorded (engine/GroupCommitter).
    GroupCommitter& committer() { return m_committer; }
    // Records a group of outputs in one manifest write.
    void windowsWritten(const PlannedImage& image, const std::vector<WrittenOutput>& outputs);
    void notice(const PlannedImage& image, int windowIndex, const QString& message);

private:
    void reportFailure(const PlannedImage& image, int windowIndex, const Error& error);
    // Appends to the manifest; a manifest that cannot be written is reported once (the outputs are fine,
    // but --resume would redo them).
    void record(const PlannedImage& image, const ManifestEntry& entry);
    void record(const PlannedImage& image, const std::vector<ManifestEntry>& entries);

    const BatchPlan m_plan;
    const BatchOptions m_options;
    const FailureSink m_onFailure;
    const NoticeSink m_onNotice;
    const std::atomic_bool* m_cancel;
    MemoryBudget m_budget;
    ManifestWriter m_manifest;
    OutputFolderClaim m_outputClaim; // held while the context lives: marks the output folder as in use
    std::optional<std::pair<quint64, quint64>> m_outputIdentity; // device and inode at the start
    RangeRunner m_rangeRunner;
    QElapsedTimer m_clock;

    std::atomic_bool m_stop{false};
    std::atomic_bool m_fatal{false};
    mutable std::mutex m_mutex; // guards m_fatalError and m_madeFolders
    QString m_fatalError;
    QSet<QString> m_madeFolders;

    std::atomic_int m_imagesDone{0};
    std::atomic_int m_imagesFailed{0};
    std::atomic_int m_windowsWritten{0};
    std::atomic_int m_windowsFailed{0};
    std::atomic_int m_windowsSkipped{0};
    std::atomic_int m_windowsAligned{0};
    std::atomic_bool m_manifestFailed{false};
    std::atomic<qint64> m_sourcePixels{0};
    std::atomic<qint64> m_outputBytes{0};

    // Last, so that it ends first: its thread may call the members above until then.
    GroupCommitter m_committer;
};

// Budget when the user sets none: a quarter of physical memory, between 512 MiB and 8 GiB.
qint64 defaultMemoryBudget();

} // namespace cropdeck
