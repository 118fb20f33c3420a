// SPDX-License-Identifier: GPL-3.0-or-later
// cropdeck_bench_seed: the seed workloads, every engine side by side in one run. Not a test: it prints
// tables and optionally writes JSON; the exit code is 1 only when CropDeck's crops differ from the
// reference, 2 on bad usage.
#include "CaseRunner.h"
#include "InProcessEngines.h"
#include "PeerEngines.h"
#include "Report.h"
#include "SeedCases.h"
#include "SystemInfo.h"
#include "engine/OpenCvThreading.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QThread>

#include <opencv2/core/utility.hpp>

using namespace cropdeck;
using namespace cropdeck::benchmark;

namespace {

struct Options {
    SeedSetup setup;
    int threads = 0;
    int trials = 3;
    QStringList only;
    QString json;
    bool peers = true;
    bool generateOnly = false;
    QString python;
};

int positive(const QCommandLineParser& parser, const QString& name, int fallback, bool* ok) {
    if (!parser.isSet(name))
        return fallback;
    const int value = parser.value(name).toInt(ok);
    *ok = *ok && value > 0;
    return value;
}

void declareOptions(QCommandLineParser& parser) {
    parser.setApplicationDescription(
        "Times cropping one window per image on CropDeck's seed workloads with CropDeck, OpenCV, Qt, Pillow "
        "and "
        "libvips side by side, and checks every engine's pixels against OpenCV's full decode.");
    parser.addHelpOption();
    parser.addOptions({
        {"threads", "Worker threads for the parallel engines (default: all cores).", "N"},
        {"trials", "Timed trials after the warm-up run (default 3).", "N"},
        {"count", "Images per workload (default 32).", "N"},
        {"dir",
         "Dataset folder, generated once and reused (default /tmp/cropdeck-bench; a tmpfs such as "
         "/dev/shm takes the disk out of the figures).",
         "DIR"},
        {"only",
         "Comma-separated workloads to run (default all): gray-jpeg, gray-png, gray-bmp, color-jpeg-512, "
         "color-png-512, gray-jpeg-rst, color-jpeg-rst, color-jpeg.",
         "LIST"},
        {"json", "Also write the results as JSON to FILE.", "FILE"},
        {"seed", "Dataset seed (default 1).", "N"},
        {"side", "Override the image side (quick runs; default each workload's own size).", "N"},
        {"no-peers", "Skip the subprocess peers (Pillow, libvips, OpenCV-Python)."},
        {"generate-only", "Generate (or check) the dataset, then exit without timing anything."},
        {"python", "Python interpreter for the Python peers (default /usr/bin/python3 if present).", "PATH"},
    });
}

std::optional<Options> parseOptions(const QCoreApplication& app, QTextStream& err) {
    QCommandLineParser parser;
    declareOptions(parser);
    parser.process(app);
    Options o;
    bool ok = true, seedOk = true;
    o.threads = positive(parser, "threads", QThread::idealThreadCount(), &ok);
    o.trials = ok ? positive(parser, "trials", 3, &ok) : 0;
    o.setup.count = ok ? positive(parser, "count", 32, &ok) : 0;
    o.setup.side = ok ? positive(parser, "side", 0, &ok) : 0;
    o.setup.seed = parser.isSet("seed") ? parser.value("seed").toULongLong(&seedOk) : 1;
    o.setup.root = parser.isSet("dir") ? parser.value("dir") : QStringLiteral("/tmp/cropdeck-bench");
    o.setup.threads = o.threads;
    o.json = parser.value("json");
    o.peers = !parser.isSet("no-peers");
    o.generateOnly = parser.isSet("generate-only");
    o.python = parser.isSet("python")                  ? parser.value("python")
               : QFileInfo::exists("/usr/bin/python3") ? QStringLiteral("/usr/bin/python3")
                                                       : QStringLiteral("python3");
    if (parser.isSet("only"))
        o.only = parser.value("only").split(',', Qt::SkipEmptyParts);
    for (const QString& name : o.only)
        if (!seedWorkloadFromName(name)) {
            err << "unknown workload '" << name << "' (see --help)" << Qt::endl;
            return std::nullopt;
        }
    if (!ok || !seedOk) {
        err << "--threads, --trials, --count and --side take a positive number, --seed a non-negative one"
            << Qt::endl;
        return std::nullopt;
    }
    return o;
}

std::vector<int> checkIndices(const CropCase& crops) {
    const int last = int(crops.items.size()) - 1;
    return last > 0 ? std::vector<int>{0, last} : std::vector<int>{0};
}

// Runs every engine on one case; nullopt when the reference itself cannot be made.
std::optional<CaseResult> runCase(const CropCase& crops, const Options& o,
                                  const std::vector<PeerEngine>& peers, QTextStream& log) {
    CaseResult result{crops, {}};
    const std::vector<int> indices = checkIndices(crops);
    std::vector<cv::Mat> references;
    for (int index : indices) {
        Result<cv::Mat> reference = referenceCrop(crops.items[size_t(index)]);
        if (!reference) {
            log << "  reference failed: " << reference.error().message << Qt::endl;
            return std::nullopt;
        }
        references.push_back(reference.value());
    }
    log << crops.workload << " / " << crops.windows << ":" << Qt::flush;
    for (const InProcessEngine& engine : inProcessEngines())
        result.engines.push_back(runInProcess(engine, crops, o.threads, o.trials, indices, references));
    if (o.peers)
        for (const PeerEngine& peer : peers)
            result.engines.push_back(runPeer(peer, crops, o.threads, o.trials, indices, references));
    for (const EngineResult& e : result.engines)
        log << ' ' << e.engine << '='
            << (e.skipReason.isEmpty() ? QString::number(e.stats.median, 'g', 3) : "-");
    log << Qt::endl;
    return result;
}

bool cropDeckMatches(const std::vector<CaseResult>& results) {
    for (const CaseResult& r : results)
        for (const EngineResult& e : r.engines)
            if (e.engine == "cropdeck" && e.skipReason.isEmpty() && (!e.check.identical || e.failures))
                return false;
    return true;
}

PeerSetup peerSetup(const Options& o) {
    return {o.python, QStringLiteral(CROPDECK_BENCH_PEERS_DIR), QStringLiteral(CROPDECK_BENCH_VIPS_PEER)};
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv); // QImageReader's plugins need an application object, not a GUI one
    QTextStream out(stdout), err(stderr);
    const std::optional<Options> o = parseOptions(app, err);
    if (!o)
        return 2;
    useSingleThreadedOpenCv(); // one picture per task: OpenCV's own threads would only compete with the pool

    QDir().mkpath(o->setup.root);
    const SystemInfo system = collectSystemInfo(o->setup.root);
    out << describe(system) << "\nthreads " << o->threads << ", trials " << o->trials
        << ", images per workload " << o->setup.count << ", dataset " << o->setup.root << Qt::endl;
    const std::vector<PeerEngine> peers = o->peers ? detectPeers(peerSetup(*o)) : std::vector<PeerEngine>{};

    std::vector<CaseResult> results;
    for (const SeedWorkloadSpec& spec : seedWorkloads()) {
        if (!o->only.isEmpty() && !o->only.contains(QLatin1String(spec.name)))
            continue;
        Result<std::vector<CropCase>> cases = prepareSeedCases(spec, o->setup, out);
        if (!cases) {
            err << cases.error().message << Qt::endl;
            return 3;
        }
        if (o->generateOnly)
            continue;
        for (const CropCase& crops : cases.value())
            if (std::optional<CaseResult> r = runCase(crops, *o, peers, out))
                results.push_back(std::move(*r));
    }

    if (o->generateOnly)
        return 0;
    const RunParameters parameters{o->threads,    o->trials,     o->setup.count,
                                   o->setup.seed, o->setup.side, o->setup.root};
    printTables(out, results, parameters);
    const QString loadAtEnd = collectSystemInfo(o->setup.root).loadAverage;
    out << "Load average at the end: " << loadAtEnd << Qt::endl;
    if (!o->json.isEmpty()) {
        QJsonObject report = toJson(results, parameters, system);
        report.insert("load_average_end", loadAtEnd);
        QFile file(o->json);
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(report).toJson()) < 0) {
            err << o->json << ": cannot write: " << file.errorString() << Qt::endl;
            return 3;
        }
        out << "JSON written to " << o->json << Qt::endl;
    }
    return cropDeckMatches(results) ? 0 : 1;
}
