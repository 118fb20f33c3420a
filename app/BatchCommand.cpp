// SPDX-License-Identifier: GPL-3.0-or-later
#include "BatchCommand.h"

#include "AnnotationInput.h"
#include "ExitCodes.h"
#include "InterruptHandler.h"
#include "ProgressReporter.h"
#include "annotations/AnnotationIO.h"
#include "annotations/ValidationConvention.h"
#include "engine/BatchRunner.h"
#include "engine/ImageListing.h"
#include "geometry/WindowPipeline.h"
#include "geometry/WindowShaping.h"
#include "io/ImageProbe.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <limits>

namespace cropdeck::app {
namespace {

std::optional<QSize> uprightSizeOf(const QString& path) {
    Result<ImageInfo> info = probeImage(path, std::numeric_limits<qint64>::max());
    if (!info)
        return std::nullopt;
    return QSize(info->uprightWidth(), info->uprightHeight());
}

// Generated windows: every image gets its centre or seeded random windows, from its header size.
Result<AnnotationSet> generateWindows(const CommandLine& line, const AnnotationInput& images) {
    QStringList paths = images.imageList;
    QString root = images.imageRoot;
    if (!root.isEmpty()) {
        Result<QStringList> listed = listImagesInFolder(root, true);
        if (!listed)
            return listed.error();
        // Earlier outputs inside the images folder are not inputs.
        const QString out = QDir(line.batch.outputDir).absolutePath() + u'/';
        paths.clear();
        for (const QString& path : *listed)
            if (!path.startsWith(out))
                paths.append(path);
    } else {
        root = QFileInfo(line.images).absolutePath();
    }
    AnnotationSet set = annotationSetForImages(paths, root);
    for (int i = 0; i < set.images.size(); ++i) {
        const std::optional<QSize> size = uprightSizeOf(paths[i]);
        const QSize image = size.value_or(line.generated.size); // unreadable: the run reports it per image
        for (int w = 0; w < line.generated.count; ++w) {
            CropWindow window;
            window.id = QString::number(w);
            const QRect rect = line.generated.kind == GeneratedWindows::Kind::Centre
                                   ? centreCrop(image, line.generated.size)
                                   : randomCrop(image, line.generated.size, line.generated.seed, i, w);
            window.box = QRectF(rect);
            window.label = line.generated.kind == GeneratedWindows::Kind::Centre ? QStringLiteral("centre")
                                                                                 : QStringLiteral("random");
            set.images[i].windows.append(window);
            if (line.generated.kind == GeneratedWindows::Kind::Centre)
                break;
        }
    }
    return set;
}

void printJsonLine(const QJsonObject& object) {
    std::printf("%s\n", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
}

// --dry-run: every header probed and every window planned, nothing decoded or written.
// `readerDropped`: the annotation reader dropped lines or boxes, which counts as one problem.
int dryRun(const BatchPlan& plan, const BatchOptions& options, const CommandLine& line,
           ProgressReporter& reporter, bool readerDropped) {
    int problems = readerDropped ? 1 : 0;
    const QDir out(options.outputDir);
    for (const PlannedImage& image : plan.images) {
        const auto report = [&](int window, const Error& error) {
            reporter.failure({image.relativePath, window, window >= 0 ? image.windows[window].id : QString(),
                              error.kind, error.message});
            ++problems;
        };
        if (!image.problem.isEmpty()) {
            report(-1, makeError(ErrorKind::NotFound, image.problem));
            continue;
        }
        Result<ImageInfo> info = probeImage(image.absolutePath, options.settings.maxPixels);
        if (!info) {
            report(-1, info.error());
            continue;
        }
        for (int w = 0; w < image.windows.size(); ++w) {
            Result<WindowPlan> windowPlan =
                planWindow(image.windows[w], QSize(info->width, info->height), info->orientation,
                           !options.settings.orientationFromExif, options.settings);
            if (!windowPlan) {
                report(w, makeError(
                              windowPlan.error().kind,
                              QStringLiteral("%1: %2").arg(image.relativePath, windowPlan.error().message)));
                continue;
            }
            const PlannedOutput& output = image.outputs[w];
            const QString status = output.alreadyDone        ? QStringLiteral("done")
                                   : windowPlan->bounds.skip ? QStringLiteral("skip")
                                                             : QStringLiteral("crop");
            // The window as shaped (margin, aspect, size), and the pixels the bounds policy cuts from
            // it when that differs (clip, shift, pad): both in the annotation's coordinates.
            const QRect& r = windowPlan->window;
            const BoundsPlan& bounds = windowPlan->bounds;
            const bool cutDiffers = bounds.cuts() && bounds.sourceRect != r;
            const QRect& cut = bounds.sourceRect;
            if (line.json) {
                QJsonObject planned{{"event", "planned"},
                                    {"source", image.relativePath},
                                    {"window", image.windows[w].id},
                                    {"index", w},
                                    {"output", out.filePath(output.relativePath)},
                                    {"status", status},
                                    {"x", r.x()},
                                    {"y", r.y()},
                                    {"w", r.width()},
                                    {"h", r.height()}};
                if (cutDiffers)
                    planned.insert(
                        "cut",
                        QJsonObject{{"x", cut.x()}, {"y", cut.y()}, {"w", cut.width()}, {"h", cut.height()}});
                if (bounds.skip)
                    planned.insert("reason", bounds.skipReason);
                printJsonLine(planned);
            } else {
                const QString cutText = cutDiffers ? QStringLiteral(" cut %1,%2 %3x%4")
                                                         .arg(cut.x())
                                                         .arg(cut.y())
                                                         .arg(cut.width())
                                                         .arg(cut.height())
                                                   : QString();
                std::printf("%s\t%s [%d,%d %dx%d%s]\t-> %s\t%s\n", qPrintable(status),
                            qPrintable(image.relativePath), r.x(), r.y(), r.width(), r.height(),
                            qPrintable(cutText), qPrintable(out.filePath(output.relativePath)),
                            qPrintable(bounds.skip ? bounds.skipReason : QString()));
            }
        }
    }
    const QString summary =
        QStringLiteral("dry run: %1 images, %2 windows planned, %3 already done, %4 problems")
            .arg(plan.images.size())
            .arg(plan.windowsTotal)
            .arg(plan.windowsAlreadyDone)
            .arg(problems);
    if (line.json)
        printJsonLine({{"event", "summary"},
                       {"outcome", problems ? "problems" : "ok"},
                       {"images", int(plan.images.size())},
                       {"windows", plan.windowsTotal},
                       {"problems", problems}});
    else
        std::printf("%s\n", qPrintable(summary));
    return problems > 0 ? ExitSomeFailed : ExitOk;
}

int exitCodeFor(const BatchSummary& summary) {
    switch (summary.outcome) {
    case BatchOutcome::Completed:
        return ExitOk;
    case BatchOutcome::CompletedWithFailures:
        return ExitSomeFailed;
    case BatchOutcome::Cancelled:
    case BatchOutcome::Fatal:
        return ExitFatal;
    }
    return ExitFatal;
}

} // namespace

int runBatchCommand(const CommandLine& line) {
    ProgressReporter reporter(ProgressReporter::detectStyle(line.json), line.quiet);
    const bool generated = line.generated.kind != GeneratedWindows::Kind::None;
    QList<AnnotationIssue> issues;
    Result<AnnotationInput> input =
        generated ? resolveImagesArgument(line.images) : readAnnotationInput(line, uprightSizeOf, issues);
    for (const AnnotationIssue& issue : issues)
        reporter.warning(issue.toString(false)); // the reporter says "warning:" itself
    if (!input)
        return reportInputError(input.error());
    if (generated) {
        Result<AnnotationSet> windows = generateWindows(line, *input);
        if (!windows)
            return reportInputError(windows.error());
        input->set = std::move(windows.value());
    }
    const AnnotationSet* annotations = &input->set;

    BatchOptions options = line.batch;
    options.imageRoot = input->imageRoot.isEmpty() ? annotations->imageRoot : input->imageRoot;
    options.imageList = generated ? QStringList() : input->imageList;
    adoptAnnotationSettings(*annotations, options.settings);
    Result<BatchPlan> plan = planBatch(*annotations, options);
    if (!plan)
        return reportInputError(plan.error());
    for (const QString& warning : plan->warnings)
        reporter.warning(warning);
    // Declared sizes that fit the other EXIF convention mean the boxes would cut the wrong pixels.
    QStringList plannedPaths(annotations->images.size());
    for (const PlannedImage& image : plan->images)
        plannedPaths[image.imageIndex] = image.problem.isEmpty() ? image.absolutePath : QString();
    if (const std::optional<QString> hint =
            exifConventionWarning(*annotations, plannedPaths, !options.settings.orientationFromExif,
                                  options.settings.maxPixels, options.threads))
        reporter.warning(*hint);
    // Annotation lines or boxes the reader dropped are failed items too: the crops they would have
    // given are missing, so neither the summary nor the exit code may say "all done".
    // (The issue list is capped, with a last entry counting the rest, so it cannot give the number.)
    const bool readerDropped = hasErrors(issues);
    if (readerDropped)
        reporter.warning(QStringLiteral("the annotation reader dropped lines or boxes (listed above): their "
                                        "crops are missing, so the batch counts as having failures"));
    if (options.dryRun)
        return dryRun(*plan, options, line, reporter, readerDropped);

    BatchRunner runner;
    QEventLoop loop;
    int exitCode = ExitFatal;
    QObject::connect(&runner, &BatchRunner::progressed,
                     [&](const BatchProgress& p) { reporter.progress(p); });
    QObject::connect(&runner, &BatchRunner::failed, [&](const BatchFailure& f) { reporter.failure(f); });
    QObject::connect(&runner, &BatchRunner::noticed,
                     [&](const BatchNotice& n) { reporter.warning(n.message); });
    QObject::connect(&runner, &BatchRunner::finished, [&](BatchSummary summary) {
        if (readerDropped && summary.outcome == BatchOutcome::Completed)
            summary.outcome = BatchOutcome::CompletedWithFailures;
        reporter.summary(summary, QDir(options.outputDir).absolutePath());
        if (summary.outcome == BatchOutcome::Cancelled && !line.json)
            std::fprintf(stderr, "cancelled: finished crops are kept; run again with --resume to continue\n");
        exitCode = exitCodeFor(summary);
        loop.quit();
    });
    InterruptHandler interrupts([&] { runner.cancel(); });
    runner.start(std::move(plan.value()), options);
    loop.exec();
    return exitCode;
}

} // namespace cropdeck::app
