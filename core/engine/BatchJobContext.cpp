// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/BatchJobContext.h"

#include "engine/ImageCropper.h"
#include "engine/OutputGroupWriter.h"
#include "io/AtomicFileWriter.h"
#include "io/DecodeCost.h"
#include "io/FileIdentity.h"
#include "io/ImageProbe.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

#if defined(Q_OS_LINUX) || defined(Q_OS_MACOS)
#include <unistd.h>
#endif

namespace cropdeck {

qint64 defaultMemoryBudget() {
    qint64 physical = 0;
#if defined(_SC_PHYS_PAGES) && defined(_SC_PAGESIZE)
    physical = qint64(sysconf(_SC_PHYS_PAGES)) * qint64(sysconf(_SC_PAGESIZE));
#endif
    if (physical <= 0)
        physical = 8ll << 30;
    return std::clamp<qint64>(physical / 4, 512ll << 20, 8ll << 30);
}

BatchJobContext::BatchJobContext(BatchPlan plan, BatchOptions options, FailureSink onFailure,
                                 NoticeSink onNotice, const std::atomic_bool* cancel)
    : m_plan(std::move(plan))
    , m_options(std::move(options))
    , m_onFailure(std::move(onFailure))
    , m_onNotice(std::move(onNotice))
    , m_cancel(cancel)
    , m_budget(m_options.memoryBudgetBytes > 0 ? m_options.memoryBudgetBytes : defaultMemoryBudget())
    , m_committer(GroupCommitter::threadsFor(workerThreads(m_options)),
                  GroupCommitter::waitingFor(workerThreads(m_options))) {
    m_clock.start();
}

Status BatchJobContext::openManifest() {
    if (Status made = createFolders(m_options.outputDir); !made)
        return makeError(ErrorKind::Io, QStringLiteral("%1: cannot create the output folder: %2")
                                            .arg(m_options.outputDir, made.error().message));
    m_outputIdentity = deviceAndInode(m_options.outputDir);
    m_madeFolders.insert(QDir::cleanPath(QDir(m_options.outputDir).absolutePath()));
    for (const QString& message : m_outputClaim.claim(m_options.outputDir).messages(m_options.outputDir))
        if (m_onNotice)
            m_onNotice({QString(), -1, QString(), message});
    return m_manifest.open(QDir(m_options.outputDir).filePath(kManifestFileName));
}

QString BatchJobContext::fatalError() const {
    std::lock_guard lock(m_mutex);
    return m_fatalError;
}

void BatchJobContext::fail(const Error& error) {
    {
        std::lock_guard lock(m_mutex);
        if (m_fatalError.isEmpty())
            m_fatalError = error.message;
    }
    m_fatal = true;
    m_stop = true;
}

Status BatchJobContext::checkOutputFolder() const {
    if (!m_outputIdentity)
        return Status::success(); // no device and inode numbers here: nothing to compare
    const auto now = deviceAndInode(m_options.outputDir);
    if (!now)
        return makeError(ErrorKind::Io, QStringLiteral("%1: the output folder was deleted during the run; "
                                                       "the crops written since are lost")
                                            .arg(m_options.outputDir));
    if (*now != *m_outputIdentity)
        return makeError(ErrorKind::Io, QStringLiteral("%1: the output folder was replaced by another one "
                                                       "during the run")
                                            .arg(m_options.outputDir));
    return Status::success();
}

Status BatchJobContext::prepareFolderFor(const QString& target) {
    const QString folder = QFileInfo(target).absolutePath();
    {
        std::lock_guard lock(m_mutex);
        if (m_madeFolders.contains(folder))
            return Status::success();
    }
    // Never recreate a vanished output folder under a subfolder's mkdir -p.
    if (Status same = checkOutputFolder(); !same)
        return same;
    if (Status made = createFolders(folder); !made)
        return makeError(ErrorKind::Io,
                         QStringLiteral("cannot write %1: %2").arg(target, made.error().message));
    std::lock_guard lock(m_mutex);
    m_madeFolders.insert(folder);
    return Status::success();
}

BatchProgress BatchJobContext::snapshot() const {
    BatchProgress p;
    p.imagesTotal = int(m_plan.images.size());
    p.imagesDone = m_imagesDone;
    p.imagesFailed = m_imagesFailed;
    p.windowsTotal = m_plan.windowsTotal;
    p.windowsWritten = m_windowsWritten;
    p.windowsFailed = m_windowsFailed;
    p.windowsSkipped = m_windowsSkipped;
    p.windowsAligned = m_windowsAligned;
    p.windowsResumed = m_plan.windowsAlreadyDone;
    p.sourceMegapixels = double(m_sourcePixels.load()) / 1e6;
    p.outputBytes = m_outputBytes;
    p.elapsedSeconds = double(m_clock.nsecsElapsed()) / 1e9;
    return p;
}

void BatchJobContext::reportFailure(const PlannedImage& image, int windowIndex, const Error& error) {
    BatchFailure failure;
    failure.source = image.relativePath;
    failure.windowIndex = windowIndex;
    if (windowIndex >= 0)
        failure.windowId = image.windows[windowIndex].id;
    failure.kind = error.kind;
    failure.message = error.message;
    if (m_onFailure)
        m_onFailure(failure);
}

void BatchJobContext::notice(const PlannedImage& image, int windowIndex, const QString& message) {
    if (m_onNotice)
        m_onNotice({image.relativePath, windowIndex,
                    windowIndex >= 0 ? image.windows[windowIndex].id : QString(), message});
}

void BatchJobContext::record(const PlannedImage& image, const ManifestEntry& entry) {
    record(image, std::vector<ManifestEntry>{entry});
}

void BatchJobContext::record(const PlannedImage& image, const std::vector<ManifestEntry>& entries) {
    const Status appended = m_manifest.append(entries);
    if (!appended && !m_manifestFailed.exchange(true))
        reportFailure(image, -1,
                      makeError(ErrorKind::Io, appended.error().message +
                                                   QStringLiteral(" (outputs are still written, but --resume "
                                                                  "cannot skip them)")));
}

void BatchJobContext::windowFailed(const PlannedImage& image, int w, const Error& error) {
    reportFailure(image, w, error);
    recordWindowError(image, w, error);
}

void BatchJobContext::recordWindowError(const PlannedImage& image, int w, const Error& error) {
    record(image, {image.relativePath,
                   image.windows[w].id,
                   w,
                   image.outputs[w].relativePath,
                   QStringLiteral("error"),
                   0,
                   error.message,
                   {},
                   {},
                   {}});
    ++m_windowsFailed;
}

void BatchJobContext::windowSkipped(const PlannedImage& image, int w, const CroppedWindow& window) {
    record(image, {image.relativePath,
                   image.windows[w].id,
                   w,
                   QString(),
                   QStringLiteral("skipped"),
                   0,
                   QString(),
                   window.skipReason,
                   {},
                   {}});
    ++m_windowsSkipped;
}

void BatchJobContext::windowsWritten(const PlannedImage& image, const std::vector<WrittenOutput>& outputs) {
    std::vector<ManifestEntry> entries;
    entries.reserve(outputs.size());
    for (const WrittenOutput& file : outputs) {
        const int w = file.windowIndex;
        const PlannedOutput& output = image.outputs[w];
        entries.push_back({image.relativePath, image.windows[w].id, w, output.relativePath,
                           QStringLiteral("ok"), file.bytes, QString(), file.note, output.inputs,
                           file.damage});
        m_outputBytes += file.bytes;
        m_windowsAligned += file.aligned ? 1 : 0;
    }
    record(image, entries);
    // Counted once recorded, so a progress snapshot never shows more than the manifest holds.
    m_windowsWritten += int(outputs.size());
}

void BatchJobContext::runImage(int planIndex) {
    if (stopped())
        return;
    const PlannedImage& image = m_plan.images[planIndex];
    const auto finishImage = [&](bool imageFailed) {
        m_imagesFailed += imageFailed ? 1 : 0;
        ++m_imagesDone;
    };

    // The windows still to cut; all of the image's (no copy) unless a resumed run has some.
    QList<int> pendingIndex;
    pendingIndex.reserve(image.outputs.size());
    for (int w = 0; w < image.outputs.size(); ++w)
        if (!image.outputs[w].alreadyDone)
            pendingIndex.append(w);
    if (pendingIndex.isEmpty())
        return finishImage(false);
    QList<CropWindow> resumedPending;
    if (pendingIndex.size() < image.windows.size()) {
        resumedPending.reserve(pendingIndex.size());
        for (const int w : std::as_const(pendingIndex))
            resumedPending.append(image.windows[w]);
    }
    const QList<CropWindow>& pending = resumedPending.isEmpty() ? image.windows : resumedPending;

    // Which pending windows reached a writer (each range sets its own entries).
    std::vector<char> delivered(pending.size(), 0);
    const auto failWholeImage = [&](const Error& error) {
        reportFailure(image, -1, error);
        for (qsizetype k = 0; k < pendingIndex.size(); ++k) {
            if (delivered[k])
                continue; // already written or reported on its own
            recordWindowError(image, pendingIndex[k], error);
        }
        finishImage(true);
    };
    if (!image.problem.isEmpty())
        return failWholeImage(makeError(ErrorKind::NotFound, image.problem));

    Result<ImageInfo> info = probeImage(image.absolutePath, m_options.settings.maxPixels);
    if (!info)
        return failWholeImage(info.error());

    // What the decoder really allocates (io/DecodeCost); an image that needs more than the whole budget
    // is refused rather than let through alone over it. Windows are encoded and written as they are cut,
    // so the reservation covers everything the image holds.
    const bool lossless = usesLosslessPath(*info, m_options.settings);
    const qint64 decodeBytes = estimateDecodeBytes(*info, lossless);
    if (decodeBytes > m_budget.total())
        return failWholeImage(
            decodeOverBudget(image.absolutePath, *info, decodeBytes, m_budget.total(), lossless));
    MemoryReservation reservation(m_budget, decodeBytes);
    // "x" chopped: exactly what QDir::filePath() puts before a relative name, worked out once.
    const QString outputPrefix = QDir(m_options.outputDir).filePath(QStringLiteral("x")).chopped(1);
    OutputGroupWriter::Shared shared{*this,       image,        pendingIndex, delivered,
                                     m_committer, outputPrefix, {false},      {}};
    const CropStream stream{[&] { return std::make_unique<OutputGroupWriter>(shared); }, m_rangeRunner};
    Result<CropReport> cropped =
        cropImageEach(image.absolutePath, *info, pending, m_options.settings, &m_stop, stream);
    shared.commits.waitForAll(); // every delivered window is recorded (or reported) from here on
    if (!cropped) {
        if (cropped.error().kind == ErrorKind::Cancelled || stopped())
            return;
        return failWholeImage(cropped.error());
    }
    m_sourcePixels += info->pixelCount();
    finishImage(false);
}

} // namespace cropdeck
