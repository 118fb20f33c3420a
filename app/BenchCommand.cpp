// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchCommand.h"

#include "ExitCodes.h"
#include "InterruptHandler.h"
#include "ReportError.h"
#include "bench/ReportText.h"
#include "bench/Scenarios.h"
#include "ui/BenchReportFile.h"
#include "ui/QtReaderEngine.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <cstdio>
#include <unistd.h>

namespace cropdeck::app {
namespace {

void printOut(const QString& text) {
    std::fputs(text.toUtf8().constData(), stdout);
    std::fflush(stdout);
}

// On a terminal one line rewritten in place; in a log one line per step.
bench::ProgressLine progressPrinter(bool quiet) {
    const bool terminal = isatty(fileno(stderr));
    return [quiet, terminal](const QString& line) {
        if (quiet)
            return;
        if (terminal)
            std::fprintf(stderr, "\r\033[K%s", qPrintable(line.left(160)));
        else
            std::fprintf(stderr, "%s\n", qPrintable(line));
        std::fflush(stderr);
    };
}

int listEngines(const bench::BenchRequest& request) {
    printOut(QStringLiteral("Engines (--engines):\n"));
    std::vector<std::unique_ptr<bench::BenchEngine>> engines = bench::makeEngines(request);
    engines.push_back(ui::makeQtReaderEngine());
    for (const auto& engine : engines) {
        const QString reason = engine->unavailableReason();
        printOut(QStringLiteral("%1  %2\n")
                     .arg(engine->name().leftJustified(22),
                          reason.isEmpty() ? QStringLiteral("available: ") + engine->detail()
                                           : QStringLiteral("unavailable: ") + reason));
    }
    printOut(QStringLiteral("\nScenarios (--scenario), after the studies CropDeck grew from:\n"));
    for (const bench::Scenario& scenario : bench::scenarios())
        printOut(QStringLiteral("%1  %2\n%3  runs %4\n")
                     .arg(scenario.name.leftJustified(20), scenario.study, QString(20, u' '), scenario.runs));
    return ExitOk;
}

int compare(const QStringList& files) {
    Result<bench::BenchReport> a = bench::loadReport(files[0]);
    if (!a)
        return reportInputError(a.error());
    Result<bench::BenchReport> b = bench::loadReport(files[1]);
    if (!b)
        return reportInputError(b.error());
    printOut(bench::compareReports(*a, files[0], *b, files[1]));
    return ExitOk;
}

// The run on a worker thread while this one waits in an event loop, so that Ctrl-C (InterruptHandler,
// as --batch handles it) can set the cancel flag the harness polls between passes.
Result<bench::BenchReport> runInterruptible(const bench::BenchRequest& request,
                                            const bench::ProgressLine& progress) {
    std::atomic_bool cancel{false};
    QFutureWatcher<Result<bench::BenchReport>> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    const InterruptHandler interrupts([&cancel] { cancel = true; });
    watcher.setFuture(QtConcurrent::run([&] {
        std::vector<std::unique_ptr<bench::BenchEngine>> qt;
        qt.push_back(ui::makeQtReaderEngine()); // QtGui's reader: core cannot make it
        return bench::runBench(request, progress, std::move(qt), &cancel);
    }));
    if (!watcher.isFinished())
        loop.exec();
    return watcher.result();
}

bool allCorrect(const bench::BenchReport& report) {
    for (const bench::EngineRun& run : report.runs)
        if (!run.skipped() && !run.correct())
            return false;
    return true;
}

} // namespace

int runBenchCommand(const CommandLine& line) {
    const BenchCommandLine& options = line.bench;
    if (!options.compare.isEmpty())
        return compare(options.compare);
    bench::BenchRequest request = options.request;
    request.cropdeckVersion = QCoreApplication::applicationVersion(); // with the commit (main.cpp)
    if (options.list)
        return listEngines(request);
    const bench::ProgressLine progress = progressPrinter(line.quiet);
    Result<bench::BenchReport> report = runInterruptible(request, progress);
    progress(report || report.error().kind != ErrorKind::Cancelled ? QStringLiteral("done")
                                                                   : QStringLiteral("cancelled"));
    if (!line.quiet && isatty(fileno(stderr)))
        std::fprintf(stderr, "\n");
    if (!report && report.error().kind == ErrorKind::Cancelled)
        return ExitFatal; // as --batch: 3, fatal or cancelled; no partial report is printed or written
    if (!report && (report.error().kind == ErrorKind::Invalid || report.error().kind == ErrorKind::NotFound))
        return reportInputError(report.error()); // an unknown engine or workload, images that are not there
    if (!report) {
        std::fprintf(stderr, "cropdeck: %s\n", qPrintable(report.error().message));
        return ExitFatal;
    }
    printOut(bench::describe(report->system) +
             QStringLiteral("\noutputs: %2; %1 trials after a warm-up, engines interleaved; "
                            "median, spread = (max - min) / median\n\n")
                 .arg(report->parameters.trials)
                 .arg(report->parameters.output));
    printOut(bench::reportTable(*report));
    if (!options.report.isEmpty()) {
        if (Status saved = ui::saveBenchReport(*report, options.report); !saved) {
            std::fprintf(stderr, "cropdeck: %s\n", qPrintable(saved.error().message));
            return ExitFatal;
        }
        printOut(QStringLiteral("report written to %1\n").arg(options.report));
    }
    return allCorrect(*report) ? ExitOk : ExitSomeFailed;
}

} // namespace cropdeck::app
