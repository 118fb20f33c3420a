// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/BatchJobContext.h"

#include "engine/ImageCropper.h"
#include "io/AtomicFileWriter.h"
#include "io/DecodeCost.h"
#include "io/Encoder.h"
#include "io/ImageProbe.h"

#include <QDir>
#include <QFileInfo>
#include <QThread>

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
    , m_budget(m_options.memoryBudgetBytes > 0 ? m_options.memoryBudgetBytes : defaultMemoryBudget()) {
    m_clock.start();
}

Status BatchJobContext::openManifest() {
    if (!QDir().mkpath(m_options.outputDir))
        return makeError(ErrorKind::Io,
                         QStringLiteral("%1: cannot create the output folder").arg(m_options.outputDir));
    for (const QString& message : m_outputClaim.claim(m_options.outputDir).messages(m_options.outputDir))
        if (m_onNotice)
            m_onNotice({QString(), -1, QString(), message});
    return m_manifest.open(QDir(m_options.outputDir).filePath(kManifestFileName));
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

void BatchJobContext::record(const PlannedImage& image, const ManifestEntry& entry) {
    const Status appended = m_manifest.append(entry);
    if (!appended && !m_manifestFailed.exchange(true))
        reportFailure(image, -1,
                      makeError(ErrorKind::Io, appended.error().message +
                                                   QStringLiteral(" (outputs are still written, but --resume "
                                                                  "cannot skip them)")));
}

namespace {

QString rectText(const QRect& r) {
    return QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

} // namespace

void BatchJobContext::runImage(int planIndex) {
    if (m_cancel && m_cancel->load())
        return;
    const PlannedImage& image = m_plan.images[planIndex];
    const auto finishImage = [&](bool imageFailed) {
        m_imagesFailed += imageFailed ? 1 : 0;
        ++m_imagesDone;
    };

    QList<CropWindow> pending;
    QList<int> pendingIndex;
    for (int w = 0; w < image.outputs.size(); ++w)
        if (!image.outputs[w].alreadyDone) {
            pending.append(image.windows[w]);
            pendingIndex.append(w);
        }
    if (pending.isEmpty())
        return finishImage(false);

    const auto failWholeImage = [&](const Error& error) {
        reportFailure(image, -1, error);
        for (int w : pendingIndex) {
            record(image, {image.relativePath,
                           image.windows[w].id,
                           w,
                           image.outputs[w].relativePath,
                           QStringLiteral("error"),
                           0,
                           error.message,
                           {}});
        }
        m_windowsFailed += int(pendingIndex.size());
        finishImage(true);
    };
    if (!image.problem.isEmpty())
        return failWholeImage(makeError(ErrorKind::NotFound, image.problem));

    Result<ImageInfo> info = probeImage(image.absolutePath, m_options.settings.maxPixels);
    if (!info)
        return failWholeImage(info.error());

    // What the decoder really allocates (io/DecodeCost); an image that needs more than the whole budget
    // is refused rather than let through alone over it.
    const bool lossless = usesLosslessPath(*info, m_options.settings);
    const qint64 decodeBytes = estimateDecodeBytes(*info, lossless);
    if (decodeBytes > m_budget.total())
        return failWholeImage(
            decodeOverBudget(image.absolutePath, *info, decodeBytes, m_budget.total(), lossless));
    Result<CroppedImage> cropped = [&] {
        MemoryReservation reservation(m_budget, decodeBytes);
        return cropImage(image.absolutePath, *info, pending, m_options.settings, m_cancel);
    }();
    if (!cropped) {
        if (cropped.error().kind == ErrorKind::Cancelled)
            return;
        return failWholeImage(cropped.error());
    }
    m_sourcePixels += info->pixelCount();
    for (const CroppedWindow& window : cropped->windows)
        writeWindow(image, image.outputs[pendingIndex[window.windowIndex]], window);
    finishImage(false);
}

void BatchJobContext::writeWindow(const PlannedImage& image, const PlannedOutput& output,
                                  const CroppedWindow& window) {
    const int w = output.windowIndex;
    const QString& id = image.windows[w].id;
    const auto fail = [&](const Error& error) {
        reportFailure(image, w, error);
        record(
            image,
            {image.relativePath, id, w, output.relativePath, QStringLiteral("error"), 0, error.message, {}});
        ++m_windowsFailed;
    };
    if (window.error)
        return fail(*window.error);
    if (window.skipped) {
        record(image, {image.relativePath, id, w, QString(), QStringLiteral("skipped"), 0, QString(), {}});
        ++m_windowsSkipped;
        return;
    }
    QByteArray encoded = window.losslessJpeg;
    if (encoded.isEmpty()) {
        const OutputFormat format = formatFromExtension(QFileInfo(output.relativePath).suffix());
        Result<QByteArray> bytes =
            encodeImage(window.pixels, format, encodeOptionsFor(m_options.settings), image.relativePath);
        if (!bytes)
            return fail(bytes.error());
        encoded = std::move(bytes.value());
    }
    const QString target = QDir(m_options.outputDir).filePath(output.relativePath);
    if (Status written = writeFileAtomically(target, encoded); !written)
        return fail(written.error());
    QString note;
    if (window.mcuAligned) {
        // --lossless promised to say so: the output holds more than the box, on the MCU grid.
        note = QStringLiteral("aligned to the MCU grid: %1").arg(rectText(window.writtenRect));
        ++m_windowsAligned;
        if (m_onNotice)
            m_onNotice({image.relativePath, w, id,
                        QStringLiteral("%1 window %2: lossless crop moved to the JPEG's MCU grid: asked %3, "
                                       "written %4")
                            .arg(image.relativePath, id, rectText(window.sourceRect),
                                 rectText(window.writtenRect))});
    }
    record(image, {image.relativePath, id, w, output.relativePath, QStringLiteral("ok"), encoded.size(),
                   QString(), note, output.inputs});
    m_outputBytes += encoded.size();
    ++m_windowsWritten;
}

} // namespace cropdeck
