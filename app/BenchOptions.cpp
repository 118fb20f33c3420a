// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchOptions.h"

#include "FlagValues.h"
#include "batch/SettingNames.h"
#include "bench/Scenarios.h"

#include <QDir>

namespace cropdeck::app {
namespace {

// The flags --bench reads besides its own.
const QStringList kSharedFlags = {"images", "annotations", "seed",      "threads", "quiet",
                                  "format", "quality",     "png-level", "out"};

// The flag's integer from `low` to `high`, or `fallback` when it is not given.
Result<int> intFlag(const QCommandLineParser& parser, const char* flag, int fallback, int low, int high) {
    const QString name = QLatin1String(flag);
    return parser.isSet(name) ? parseInt(name, parser.value(name), low, high) : Result<int>(fallback);
}

Result<int> positiveFlag(const QCommandLineParser& parser, const char* flag, int fallback, int high) {
    return intFlag(parser, flag, fallback, 1, high);
}

Result<std::vector<int>> threadList(const QCommandLineParser& parser, const bench::BenchRequest& r) {
    if (!parser.isSet("threads"))
        return r.scenario.isEmpty() ? bench::defaultThreadCounts() : r.options.threads;
    Result<std::vector<int>> counts = bench::parseThreadCounts(parser.value("threads"));
    if (!counts)
        return makeError(ErrorKind::Invalid, QStringLiteral("--threads: %1").arg(counts.error().message));
    return counts;
}

Status checkBenchFlags(const QCommandLineParser& parser) {
    QStringList allowed = kSharedFlags;
    for (const QCommandLineOption& option : benchOnlyOptions())
        allowed << option.names();
    for (const QString& name : parser.optionNames())
        if (!allowed.contains(name))
            return makeError(
                ErrorKind::Invalid,
                QStringLiteral("--%1 does not apply to --bench (see cropdeck --help)").arg(name));
    return {};
}

// A scenario (bench/Scenarios.h) names its dataset, windows, engines and threads; --images (where its
// windows are its own), --count, --side, --threads, --trials and --engines refine it.
Status applyScenarioFlag(const QCommandLineParser& parser, bench::BenchRequest& r) {
    const QString name = parser.value("scenario");
    if (Status applied = bench::applyScenario(name, r); !applied)
        return applied;
    for (const char* own : {"annotations", "random-windows", "dataset", "workloads"})
        if (parser.isSet(QLatin1String(own)))
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("--%1 does not apply to --scenario %2 (it names its own dataset)")
                                 .arg(QLatin1String(own), name));
    if (parser.isSet("images") && r.shapes.empty())
        return makeError(
            ErrorKind::Invalid,
            QStringLiteral("--images does not apply to --scenario %1: it runs the seed workloads' "
                           "own windows")
                .arg(name));
    if (!r.outputs.empty())
        for (const char* output : {"output", "format", "quality", "png-level"})
            if (parser.isSet(QLatin1String(output)))
                return makeError(ErrorKind::Invalid, QStringLiteral("--%1 does not apply to --scenario %2 "
                                                                    "(it sets its own outputs)")
                                                         .arg(QLatin1String(output), name));
    if (parser.isSet("images")) { // the user's pictures, listed; the scenario's windows replace these
        r.source = bench::BenchRequest::Source::RandomWindows;
        r.images = parser.value("images");
        r.randomWindows = 1;
    }
    return {};
}

// Which images and windows: the seed workloads (default), a set with annotations, or random windows.
Status applySource(const QCommandLineParser& parser, bench::BenchRequest& r) {
    if (parser.isSet("scenario"))
        return applyScenarioFlag(parser, r);
    const bool images = parser.isSet("images"), annotations = parser.isSet("annotations");
    const bool random = parser.isSet("random-windows");
    if (parser.isSet("dataset") && parser.value("dataset") != QLatin1String("seed"))
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--dataset \"%1\": the only named dataset is seed; give "
                                        "your own with --images (and --annotations or "
                                        "--random-windows)")
                             .arg(parser.value("dataset")));
    if (parser.isSet("dataset") && (images || annotations || random))
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--dataset seed and --images/--annotations/--random-windows "
                                        "exclude each other"));
    if (annotations && random)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--annotations and --random-windows exclude each other"));
    if (images && !annotations && !random)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--images needs --annotations FILE or --random-windows N"));
    if (random && !images)
        return makeError(ErrorKind::Invalid, QStringLiteral("--random-windows needs --images DIR"));
    for (const char* seedOnly : {"count", "side", "workloads", "dataset-dir"})
        if ((images || annotations) && parser.isSet(QLatin1String(seedOnly)))
            return makeError(
                ErrorKind::Invalid,
                QStringLiteral("--%1 applies to --dataset seed only").arg(QLatin1String(seedOnly)));
    r.images = parser.value("images");
    r.annotations = parser.value("annotations");
    r.source = annotations ? bench::BenchRequest::Source::AnnotatedSet
               : random    ? bench::BenchRequest::Source::RandomWindows
                           : bench::BenchRequest::Source::Seed;
    if (random) {
        Result<int> windows = positiveFlag(parser, "random-windows", 1, 100000);
        if (!windows)
            return windows.error();
        r.randomWindows = *windows;
    }
    return {};
}

Status applySeedAndCounts(const QCommandLineParser& parser, bench::BenchRequest& r) {
    quint64 seed = 0;
    if (parser.isSet("seed")) {
        bool ok = false;
        seed = parser.value("seed").toULongLong(&ok);
        if (!ok)
            return makeError(
                ErrorKind::Invalid,
                QStringLiteral("--seed \"%1\": expected a non-negative integer").arg(parser.value("seed")));
    }
    r.randomSeed = seed;
    r.seed.seed = parser.isSet("seed") ? seed : 1;
    for (bench::WindowShape& shape : r.shapes) // a scenario's random windows follow --seed too
        if (shape.kind == bench::WindowShape::Kind::Random)
            shape.seed = r.seed.seed;
    r.seed.folder =
        parser.isSet("dataset-dir") ? parser.value("dataset-dir") : QDir::temp().filePath("cropdeck-bench");
    if (parser.isSet("workloads"))
        r.seed.workloads = parser.value("workloads").split(u',', Qt::SkipEmptyParts);
    Result<int> count = positiveFlag(parser, "count", r.seed.count, 100000); // 32, or the scenario's
    Result<int> side = positiveFlag(parser, "side", 0, 65535);
    Result<int> trials = positiveFlag(parser, "trials", r.options.trials, 1000);
    for (const Result<int>* value : {&count, &side, &trials})
        if (!*value)
            return value->error();
    r.seed.count = *count;
    r.seed.side = *side;
    r.options.trials = *trials;
    Result<int> tolerance = intFlag(parser, "tolerance", r.options.tolerance, 0, 255);
    if (!tolerance)
        return tolerance.error();
    r.options.tolerance = *tolerance;
    return {};
}

Status applyEngines(const QCommandLineParser& parser, bench::BenchRequest& r) {
    if (parser.isSet("engines"))
        r.engines = parser.value("engines").split(u',', Qt::SkipEmptyParts);
    for (QString& name : r.engines)
        name = name.trimmed();
    for (const QString& text : parser.values("engine-cmd")) {
        Result<bench::CommandSpec> command = bench::parseEngineCommand(text);
        if (!command)
            return command.error();
        r.commands.push_back(*command);
    }
    r.peers.python = parser.value("python");
    return {};
}

// What the engines make of their crops: --output, --format, --quality, --png-level, --out.
Status applyOutput(const QCommandLineParser& parser, bench::BenchRequest& r) {
    bench::OutputSpec& output = r.output;
    if (parser.isSet("output")) {
        Result<bench::OutputTarget> target = bench::parseOutputTarget(parser.value("output"));
        if (!target)
            return target.error();
        output.target = *target;
    }
    if (parser.isSet("format")) {
        Result<OutputFormat> format = parseOutputFormat(parser.value("format").trimmed().toLower());
        if (!format || *format == OutputFormat::SameAsInput)
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("--format \"%1\" with --bench: expected jpeg, png, webp, tiff or "
                                            "bmp (one format for every engine)")
                                 .arg(parser.value("format")));
        output.format = *format;
    }
    Result<int> quality = positiveFlag(parser, "quality", output.quality, 100);
    Result<int> pngLevel = intFlag(parser, "png-level", output.pngLevel, 0, 9); // as --batch reads them
    for (const Result<int>* value : {&quality, &pngLevel})
        if (!*value)
            return value->error();
    output.quality = *quality;
    output.pngLevel = *pngLevel;
    if (parser.isSet("out") && output.target == bench::OutputTarget::Memory)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("--out with --bench names where --output disk or tmpfs writes"));
    r.outputFolder = parser.value("out");
    return {};
}

} // namespace

const QList<QCommandLineOption>& benchOnlyOptions() {
    static const QList<QCommandLineOption> options = {
        {"bench",
         "Time every way of cropping (CropDeck's strategies, OpenCV, installed peers) side by side on "
         "the seed workloads or your own images, verifying every crop against a full reference decode."},
        {"list", "--bench: list the engines and whether each can run here (and why not), then exit."},
        {"dataset", "--bench: seed (default): the generated seed workloads.", "seed"},
        {"scenario",
         "--bench: a run named after a study CropDeck grew from (--list names them): its dataset, windows, "
         "engines, threads and outputs; --images, --count, --side, --threads, --trials, --engines refine it.",
         "name"},
        {"dataset-dir",
         "--bench: folder for the seed workloads, generated once and reused (default "
         "$TMPDIR/cropdeck-bench; a tmpfs such as /dev/shm takes the disk out).",
         "dir"},
        {"workloads", "--bench: the seed workloads to run, e.g. gray-jpeg,color-png-512 (default all).",
         "list"},
        {"count", "--bench: images per seed workload (default 32).", "N"},
        {"side", "--bench: override the seed images' side in pixels (quick runs).", "N"},
        {"random-windows", "--bench with --images: N seeded random windows per image (see --seed).", "N"},
        {"engines", "--bench: the engines to run, comma-separated (default all; --list names them).", "list"},
        {"engine-cmd",
         "--bench: time your own tool: 'NAME=COMMAND' with {in} {x} {y} {w} {h} {out} (one process per "
         "window) or "
         "{list} (a file of in,x,y,w,h,out lines); {out} is a PNG path the command must write. Repeatable.",
         "NAME=CMD"},
        {"trials", "--bench: timed passes per engine after the warm-up (default 3).", "N"},
        {"tolerance",
         "--bench: largest sample difference from the reference still counted as correct (default 2: "
         "decoders round differently; 0: identical only).",
         "N"},
        {"python",
         "--bench: Python interpreter for the Pillow and OpenCV-Python peers (default python3 on PATH).",
         "path"},
        {"output",
         "--bench: what the engines make of their crops: memory (default: pixels, or encoded into memory "
         "with --format), disk or tmpfs (each crop encoded, PNG unless --format names another, and written; "
         "under --out DIR, else $TMPDIR or /dev/shm). --quality and --png-level apply to every engine.",
         "memory|disk|tmpfs"},
        {"report",
         "--bench: also write the results to FILE (.json, .csv, .md, or .html: one page with the charts).",
         "file"},
        {"compare", "--bench --compare A.json B.json: print two JSON reports side by side with ratios.",
         "A.json"},
    };
    return options;
}

Status applyBenchOptions(const QCommandLineParser& parser, BenchCommandLine& bench) {
    if (Status applies = checkBenchFlags(parser); !applies)
        return applies;
    bench.list = parser.isSet("list");
    bench.report = parser.value("report");
    if (parser.isSet("compare")) {
        if (parser.positionalArguments().size() != 1 || parser.optionNames().size() > 2)
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("--compare takes two reports and nothing else: "
                                            "cropdeck --bench --compare A.json B.json"));
        bench.compare = QStringList{parser.value("compare")} + parser.positionalArguments();
        return {};
    }
    if (!parser.positionalArguments().isEmpty())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("unexpected argument \"%1\" (see cropdeck --help)")
                             .arg(parser.positionalArguments().first()));
    if (Status applied = applySource(parser, bench.request); !applied)
        return applied;
    if (Status applied = applySeedAndCounts(parser, bench.request); !applied)
        return applied;
    if (Status applied = applyEngines(parser, bench.request); !applied)
        return applied;
    if (Status applied = applyOutput(parser, bench.request); !applied)
        return applied;
    Result<std::vector<int>> threads = threadList(parser, bench.request);
    if (!threads)
        return threads.error();
    bench.request.options.threads = *threads;
    bench.request.seed.threads = threads->back();
    return {};
}

} // namespace cropdeck::app
