// SPDX-License-Identifier: GPL-3.0-or-later
// cropdeck_bench_seed: the seed workloads, every engine side by side in one run, through the harness in
// core/bench (the one `cropdeck --bench` uses), plus Qt's QImageReader engine, which needs QtGui. Not a
// test: it prints the table and optionally writes a report; the exit code is 1 when an engine's crops
// are wrong or failed, 2 on bad usage, 3 when it cannot run.
#include "bench/BenchRunner.h"
#include "bench/ReportText.h"
#include "ui/QtReaderEngine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QThread>

#include <cstdio>

using namespace cropdeck;

namespace {

void declareOptions(QCommandLineParser& parser) {
    parser.setApplicationDescription("Times cropping the seed workloads with CropDeck, OpenCV, Qt, Pillow, "
                                     "libvips and ImageMagick side by side, "
                                     "and checks every crop of every engine against OpenCV's full decode.");
    parser.addHelpOption();
    parser.addOptions({
        {"threads", "Worker threads for the parallel engines, a list such as 1,2 (default: all cores).",
         "LIST"},
        {"trials", "Timed trials after the warm-up run (default 3).", "N"},
        {"count", "Images per workload (default 32).", "N"},
        {"dir", "Dataset folder, generated once and reused (default /tmp/cropdeck-bench).", "DIR"},
        {"only", "Comma-separated workloads to run (default all).", "LIST"},
        {"engines", "Comma-separated engines to run (default all).", "LIST"},
        {"json", "Also write the report to FILE (.json, .csv or .md).", "FILE"},
        {"seed", "Dataset seed (default 1).", "N"},
        {"side", "Override the image side (quick runs; default each workload's own size).", "N"},
        {"no-peers", "Only the in-process engines (CropDeck, OpenCV, Qt)."},
        {"generate-only", "Generate (or check) the dataset, then exit without timing anything."},
        {"python", "Python interpreter for the Python peers (default /usr/bin/python3 if present).", "PATH"},
    });
}

int positive(const QCommandLineParser& parser, const QString& name, int fallback) {
    bool ok = true;
    const int value = parser.isSet(name) ? parser.value(name).toInt(&ok) : fallback;
    return ok && value > 0 ? value : -1;
}

std::optional<bench::BenchRequest> parseOptions(const QCommandLineParser& parser) {
    bench::BenchRequest r;
    r.seed.folder = parser.isSet("dir") ? parser.value("dir") : QStringLiteral("/tmp/cropdeck-bench");
    r.seed.count = positive(parser, "count", 32);
    r.seed.side = parser.isSet("side") ? positive(parser, "side", 0) : 0;
    r.seed.seed = parser.isSet("seed") ? parser.value("seed").toULongLong() : 1;
    r.seed.workloads = parser.value("only").split(',', Qt::SkipEmptyParts);
    r.options.trials = positive(parser, "trials", 3);
    r.options.threads.clear();
    for (const QString& t : parser.value("threads").split(',', Qt::SkipEmptyParts))
        if (std::find(r.options.threads.begin(), r.options.threads.end(), t.toInt()) ==
            r.options.threads.end())
            r.options.threads.push_back(t.toInt());
    if (r.options.threads.empty())
        r.options.threads = {QThread::idealThreadCount()};
    r.seed.threads = r.options.threads.back();
    r.engines = parser.value("engines").split(',', Qt::SkipEmptyParts);
    r.peers.python = parser.isSet("python")                  ? parser.value("python")
                     : QFileInfo::exists("/usr/bin/python3") ? QStringLiteral("/usr/bin/python3")
                                                             : QString();
    r.peers.vipsPeer = QStringLiteral(CROPDECK_BENCH_VIPS_PEER);
    r.cropdeckVersion = QStringLiteral("cropdeck_bench_seed");
    const bool bad =
        r.seed.count < 1 || r.seed.side < 0 || r.options.trials < 1 ||
        std::any_of(r.options.threads.begin(), r.options.threads.end(), [](int t) { return t < 1; });
    return bad ? std::nullopt : std::optional(r);
}

// --no-peers: the engines that run in this process.
void keepInProcessOnly(bench::BenchRequest& r) {
    if (!r.engines.isEmpty())
        return;
    for (const auto& engine : bench::makeEngines(r))
        if (engine->kind() != bench::EngineKind::Peer)
            r.engines << engine->name();
    r.engines << QStringLiteral("qt-cliprect");
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv); // QImageReader's plugins need an application object, not a GUI one
    QCommandLineParser parser;
    declareOptions(parser);
    parser.process(app);
    std::optional<bench::BenchRequest> request = parseOptions(parser);
    if (!request) {
        std::fprintf(stderr, "--threads, --trials, --count and --side take positive numbers\n");
        return 2;
    }
    const auto log = [](const QString& line) {
        std::fprintf(stderr, "%s\n", qPrintable(line));
    };
    if (parser.isSet("generate-only")) {
        Result<std::vector<bench::BenchCase>> cases = bench::seedCases(request->seed, log);
        return cases ? 0 : (log(cases.error().message), 3);
    }
    if (parser.isSet("no-peers"))
        keepInProcessOnly(*request);
    std::vector<std::unique_ptr<bench::BenchEngine>> extra;
    extra.push_back(ui::makeQtReaderEngine());
    Result<bench::BenchReport> report = bench::runBench(*request, log, std::move(extra));
    if (!report) {
        log(report.error().message);
        return report.error().kind == ErrorKind::Invalid ? 2 : 3;
    }
    std::printf("%s\n\n%s", qPrintable(bench::describe(report->system)),
                qPrintable(bench::reportTable(*report)));
    if (parser.isSet("json"))
        if (Status saved = bench::saveReport(*report, parser.value("json")); !saved) {
            log(saved.error().message);
            return 3;
        }
    for (const bench::EngineRun& run : report->runs)
        if (!run.skipped() && !run.correct())
            return 1;
    return 0;
}
