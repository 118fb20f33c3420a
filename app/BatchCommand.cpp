// SPDX-License-Identifier: GPL-3.0-or-later
#include "BatchCommand.h"

#include "ExitCodes.h"
#include "InterruptHandler.h"
#include "ProgressReporter.h"
#include "annotations/AnnotationIO.h"
#include "annotations/ValidationConvention.h"
#include "annotations/CsvColumns.h"
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

struct ImagesArgument {
    QString root;     // folder the annotation paths are relative to (empty: the annotation file's default)
    QStringList list; // a list file's images
};

Result<ImagesArgument> resolveImagesArgument(const QString& images) {
    ImagesArgument resolved;
    if (images.isEmpty())
        return resolved;
    const QFileInfo info(images);
    if (info.isDir()) {
        resolved.root = info.absoluteFilePath();
        return resolved;
    }
    if (!info.exists())
        return makeError(ErrorKind::NotFound,
                         QStringLiteral("--images %1: no such folder or list file").arg(images));
    Result<QStringList> list = readImageList(images);
    if (!list)
        return list.error();
    resolved.list = *list;
    return resolved;
}

std::optional<QSize> uprightSizeOf(const QString& path) {
    Result<ImageInfo> info = probeImage(path, std::numeric_limits<qint64>::max());
    if (!info)
        return std::nullopt;
    return QSize(info->uprightWidth(), info->uprightHeight());
}

Result<AnnotationSet> loadAnnotations(const CommandLine& line, const ImagesArgument& images,
                                      QList<AnnotationIssue>* issues) {
    if (line.generated.kind == GeneratedWindows::Kind::None) {
        ReadOptions options;
        if (!line.annotationFormat.isEmpty()) {
            const std::optional<AnnotationFormat> format = parseAnnotationFormat(line.annotationFormat);
            if (!format)
                return makeError(ErrorKind::Invalid,
                                 QStringLiteral("--annotation-format \"%1\": expected one of %2")
                                     .arg(line.annotationFormat, annotationFormatNames().join(", ")));
            options.format = *format;
        }
        if (!line.csvColumns.isEmpty()) {
            Result<CsvColumns> columns = CsvColumns::parse(line.csvColumns);
            if (!columns)
                return makeError(
                    ErrorKind::Invalid,
                    QStringLiteral("--csv-columns \"%1\": %2").arg(line.csvColumns, columns.error().message));
            options.csvColumns = *columns;
        }
        options.imageRoot = images.root;
        options.imageSize = uprightSizeOf;
        options.normalizedWindowSize = line.batch.settings.normalizedWindowSize;
        options.normalizedMaxFraction = line.batch.settings.normalizedMaxFraction;
        return readAnnotations(line.annotations, options, issues);
    }
    // Generated windows: every image gets its centre or seeded random windows, from its header size.
    QStringList paths = images.list;
    QString root = images.root;
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
int dryRun(const BatchPlan& plan, const BatchOptions& options, const CommandLine& line,
           ProgressReporter& reporter) {
    int problems = 0;
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
            const QRect& r = windowPlan->window;
            if (line.json) {
                printJsonLine({{"event", "planned"},
                               {"source", image.relativePath},
                               {"window", image.windows[w].id},
                               {"index", w},
                               {"output", out.filePath(output.relativePath)},
                               {"status", status},
                               {"x", r.x()},
                               {"y", r.y()},
                               {"w", r.width()},
                               {"h", r.height()}});
            } else {
                std::printf("%s\t%s [%d,%d %dx%d]\t-> %s\t%s\n", qPrintable(status),
                            qPrintable(image.relativePath), r.x(), r.y(), r.width(), r.height(),
                            qPrintable(out.filePath(output.relativePath)),
                            qPrintable(windowPlan->bounds.skip ? windowPlan->bounds.skipReason : QString()));
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
    const auto usageError = [&](const Error& error) {
        std::fprintf(stderr, "cropdeck: %s\n", qPrintable(error.message));
        return error.kind == ErrorKind::Io ? int(ExitFatal) : int(ExitUsage);
    };
    Result<ImagesArgument> images = resolveImagesArgument(line.images);
    if (!images)
        return usageError(images.error());
    QList<AnnotationIssue> issues;
    Result<AnnotationSet> annotations = loadAnnotations(line, *images, &issues);
    for (const AnnotationIssue& issue : issues)
        reporter.warning(issue.toString());
    if (!annotations)
        return usageError(annotations.error());

    BatchOptions options = line.batch;
    options.imageRoot = images->root.isEmpty() ? annotations->imageRoot : images->root;
    options.imageList = line.generated.kind == GeneratedWindows::Kind::None ? images->list : QStringList();
    adoptAnnotationSettings(*annotations, options.settings);
    Result<BatchPlan> plan = planBatch(*annotations, options);
    if (!plan)
        return usageError(plan.error());
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
    if (options.dryRun)
        return dryRun(*plan, options, line, reporter);

    BatchRunner runner;
    QEventLoop loop;
    int exitCode = ExitFatal;
    QObject::connect(&runner, &BatchRunner::progressed,
                     [&](const BatchProgress& p) { reporter.progress(p); });
    QObject::connect(&runner, &BatchRunner::failed, [&](const BatchFailure& f) { reporter.failure(f); });
    QObject::connect(&runner, &BatchRunner::noticed, [&](const BatchNotice& n) { reporter.warning(n.message); });
    QObject::connect(&runner, &BatchRunner::finished, [&](const BatchSummary& summary) {
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
