// SPDX-License-Identifier: GPL-3.0-or-later
#include "BatchCommand.h"

#include "ExitCodes.h"
#include "InterruptHandler.h"
#include "ProgressReporter.h"
#include "ReportError.h"
#include "batch/BatchRequestJson.h"
#include "batch/PlanInspection.h"
#include "batch/PrepareBatch.h"
#include "engine/BatchRunner.h"

#include <QDir>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace cropdeck::app {
namespace {

void printJsonLine(const QJsonObject& object) {
    std::printf("%s\n", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
}

QJsonObject rectObject(const QRect& r) {
    return {{"x", r.x()}, {"y", r.y()}, {"w", r.width()}, {"h", r.height()}};
}

// One planned window, as a JSON line or a text line.
void printPlanned(const InspectedWindow& inspected, const QDir& out, bool json) {
    const PlannedImage& image = *inspected.image;
    const int w = inspected.windowIndex;
    const QString output = out.filePath(image.outputs[w].relativePath);
    const QString status = actionName(inspected.action);
    const QRect& r = inspected.window;
    if (json) {
        QJsonObject planned{{"event", "planned"},
                            {"source", image.relativePath},
                            {"window", image.windows[w].id},
                            {"index", w},
                            {"output", output},
                            {"status", status}};
        const QJsonObject rect = rectObject(r);
        for (auto it = rect.begin(); it != rect.end(); ++it)
            planned.insert(it.key(), it.value());
        if (inspected.cut)
            planned.insert("cut", rectObject(*inspected.cut));
        if (!inspected.skipReason.isEmpty())
            planned.insert("reason", inspected.skipReason);
        printJsonLine(planned);
        return;
    }
    const QString cutText = inspected.cut ? QStringLiteral(" cut %1,%2 %3x%4")
                                                .arg(inspected.cut->x())
                                                .arg(inspected.cut->y())
                                                .arg(inspected.cut->width())
                                                .arg(inspected.cut->height())
                                          : QString();
    std::printf("%s\t%s [%d,%d %dx%d%s]\t-> %s\t%s\n", qPrintable(status), qPrintable(image.relativePath),
                r.x(), r.y(), r.width(), r.height(), qPrintable(cutText), qPrintable(output),
                qPrintable(inspected.skipReason));
}

// --dry-run: every header probed and every window planned, nothing decoded or written. Annotation
// lines or boxes the reader dropped count as one problem.
int dryRun(const PreparedBatch& batch, const CommandLine& line, ProgressReporter& reporter) {
    const QDir out(batch.options.outputDir);
    int problems = inspectPlan(batch, [&](const InspectedWindow& inspected) {
        if (inspected.error) {
            const PlannedImage& image = *inspected.image;
            const int w = inspected.windowIndex;
            reporter.failure({image.relativePath, w, w >= 0 ? image.windows[w].id : QString(),
                              inspected.error->kind, inspected.error->message});
            return;
        }
        printPlanned(inspected, out, line.json);
    });
    problems += batch.readerDropped ? 1 : 0;
    const BatchPlan& plan = batch.plan;
    if (line.json)
        printJsonLine({{"event", "summary"},
                       {"outcome", problems ? "problems" : "ok"},
                       {"images", int(plan.images.size())},
                       {"windows", plan.windowsTotal},
                       {"problems", problems}});
    else
        std::printf("dry run: %lld images, %d windows planned, %d already done, %d problems\n",
                    qlonglong(plan.images.size()), plan.windowsTotal, plan.windowsAlreadyDone, problems);
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

int run(PreparedBatch batch, const CommandLine& line, ProgressReporter& reporter) {
    BatchRunner runner;
    QEventLoop loop;
    int exitCode = ExitFatal;
    const QString outputDir = QDir(batch.options.outputDir).absolutePath();
    QObject::connect(&runner, &BatchRunner::progressed,
                     [&](const BatchProgress& p) { reporter.progress(p); });
    QObject::connect(&runner, &BatchRunner::failed, [&](const BatchFailure& f) { reporter.failure(f); });
    QObject::connect(&runner, &BatchRunner::noticed,
                     [&](const BatchNotice& n) { reporter.warning(n.message); });
    QObject::connect(&runner, &BatchRunner::finished, [&](BatchSummary summary) {
        if (batch.readerDropped && summary.outcome == BatchOutcome::Completed)
            summary.outcome = BatchOutcome::CompletedWithFailures;
        reporter.summary(summary, outputDir);
        if (summary.outcome == BatchOutcome::Cancelled && !line.json)
            std::fprintf(stderr, "cancelled: finished crops are kept; run again with --resume to continue\n");
        exitCode = exitCodeFor(summary);
        loop.quit();
    });
    InterruptHandler interrupts([&] { runner.cancel(); });
    runner.start(std::move(batch.plan), batch.options);
    loop.exec();
    return exitCode;
}

} // namespace

int runBatchCommand(const CommandLine& line) {
    ProgressReporter reporter(ProgressReporter::detectStyle(line.json), line.quiet);
    QList<AnnotationIssue> issues;
    const PrepareFor purpose = line.dryRun ? PrepareFor::DryRun : PrepareFor::Run;
    Result<PreparedBatch> batch = line.editedAnnotations
                                      ? prepareBatch(line.request, *line.editedAnnotations, purpose)
                                      : prepareBatch(line.request, purpose, &issues);
    for (const AnnotationIssue& issue : issues)
        reporter.warning(issue.toString(false)); // the reporter says "warning:" itself
    if (!batch)
        return reportInputError(batch.error());
    for (const BatchWarning& warning : batch->warnings)
        reporter.warning(warning.message);
    if (!line.saveRequest.isEmpty()) {
        if (Status saved = saveBatchRequest(line.request, line.saveRequest); !saved)
            return reportInputError(saved.error());
        if (!line.json)
            std::printf("saved the request to %s (run it with cropdeck --batch --request %s)\n",
                        qPrintable(line.saveRequest), qPrintable(line.saveRequest));
    }
    if (line.dryRun)
        return dryRun(*batch, line, reporter);
    return run(std::move(batch.value()), line, reporter);
}

} // namespace cropdeck::app
