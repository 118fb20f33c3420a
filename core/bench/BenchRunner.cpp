// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/BenchRunner.h"

#include "bench/InProcessEngines.h"
#include "engine/OpenCvThreading.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSet>
#include <QThread>

namespace cropdeck::bench {

namespace {

QString kindName(EngineKind kind) {
    switch (kind) {
    case EngineKind::CropDeck:
        return QStringLiteral("cropdeck");
    case EngineKind::InProcess:
        return QStringLiteral("in-process");
    case EngineKind::Peer:
        break;
    }
    return QStringLiteral("peer");
}

// One timed run: an engine at one thread count.
struct Slot {
    BenchEngine* engine;
    size_t engineIndex;
    int threads;
    size_t runIndex;
};

EngineRun emptyRun(const BenchCase& benchCase, const BenchEngine& engine, int threads) {
    EngineRun run;
    run.caseName = benchCase.name;
    run.caseDescription = benchCase.description;
    run.images = int(benchCase.images.size());
    run.windows = benchCase.windowCount();
    run.sourceMegapixels = benchCase.sourceMegapixels();
    run.engine = engine.name();
    run.kind = kindName(engine.kind());
    run.threads = threads;
    run.unavailable = engine.unavailableReason();
    return run;
}

// Every crop of every engine that ran, against the reference, one image at a time (memory stays at one
// decoded image per engine).
Status verifyAll(const BenchCase& benchCase, const std::vector<BenchEngine*>& engines,
                 const std::vector<bool>& ran, std::vector<Verification>& verifications,
                 const ProgressLine& progress) {
    for (size_t i = 0; i < benchCase.images.size(); ++i) {
        const BenchImage& image = benchCase.images[i];
        progress(QStringLiteral("%1: verifying image %2/%3")
                     .arg(benchCase.name)
                     .arg(i + 1)
                     .arg(benchCase.images.size()));
        Result<std::vector<cv::Mat>> reference = referenceCrops(image);
        if (!reference)
            return reference.error();
        for (size_t e = 0; e < engines.size(); ++e) {
            if (!ran[e])
                continue;
            Result<std::vector<cv::Mat>> crops = engines[e]->crops(int(i));
            for (size_t w = 0; w < image.windows.size(); ++w) {
                const QString where =
                    QStringLiteral("%1 window %2").arg(QFileInfo(image.path).fileName()).arg(w);
                if (!crops)
                    addMissingCrop(verifications[e], where, crops.error().message);
                else if (w >= crops->size() || (*crops)[w].empty())
                    addMissingCrop(verifications[e], where, QStringLiteral("no crop"));
                else
                    compareCrop(verifications[e], (*reference)[w], (*crops)[w], where);
            }
        }
    }
    return {};
}

std::vector<Slot> makeSchedule(const BenchCase& benchCase, const std::vector<BenchEngine*>& engines,
                               const CaseOptions& options, std::vector<EngineRun>& runs) {
    std::vector<Slot> schedule;
    for (size_t e = 0; e < engines.size(); ++e) {
        BenchEngine& engine = *engines[e];
        if (!engine.unavailableReason().isEmpty()) {
            runs.push_back(emptyRun(benchCase, engine, 0));
            continue;
        }
        const std::vector<int> threads = engine.takesThreads() ? options.threads : std::vector<int>{1};
        for (int t : threads) {
            schedule.push_back({&engine, e, t, runs.size()});
            runs.push_back(emptyRun(benchCase, engine, t));
        }
    }
    return schedule;
}

void markFailed(std::vector<EngineRun>& runs, const std::vector<Slot>& schedule, size_t engineIndex,
                const QString& why) {
    for (const Slot& slot : schedule)
        if (slot.engineIndex == engineIndex && runs[slot.runIndex].error.isEmpty())
            runs[slot.runIndex].error = why;
}

} // namespace

Result<std::vector<EngineRun>> runCase(const BenchCase& benchCase, const std::vector<BenchEngine*>& engines,
                                       const CaseOptions& options, const ProgressLine& progressOrNone) {
    const ProgressLine progress = progressOrNone ? progressOrNone : [](const QString&) {
    };
    std::vector<EngineRun> runs;
    const std::vector<Slot> schedule = makeSchedule(benchCase, engines, options, runs);
    std::vector<bool> ran(engines.size(), false), warm(engines.size(), false);
    for (const Slot& slot : schedule) {
        if (ran[slot.engineIndex])
            continue;
        ran[slot.engineIndex] = true;
        if (Status began = slot.engine->begin(benchCase); !began) {
            markFailed(runs, schedule, slot.engineIndex, began.error().message);
            ran[slot.engineIndex] = false;
        }
    }
    const auto failed = [&](const Slot& slot) {
        return !runs[slot.runIndex].error.isEmpty();
    };
    const auto warmUp = [&](int k) {
        const Slot& slot = schedule[size_t(k)];
        if (warm[slot.engineIndex] || failed(slot))
            return;
        warm[slot.engineIndex] = true;
        progress(QStringLiteral("%1: warm-up %2").arg(benchCase.name, slot.engine->name()));
        if (Status done = slot.engine->warmUp(slot.threads); !done)
            markFailed(runs, schedule, slot.engineIndex, done.error().message);
    };
    int passes = 0;
    const int totalPasses = int(schedule.size()) * options.trials;
    const auto timedPass = [&](int k) -> double {
        const Slot& slot = schedule[size_t(k)];
        if (failed(slot))
            return -1;
        progress(QStringLiteral("%1: pass %2/%3, %4 on %5 thread(s)")
                     .arg(benchCase.name)
                     .arg(++passes)
                     .arg(totalPasses)
                     .arg(slot.engine->name())
                     .arg(slot.threads));
        Result<PassResult> pass = slot.engine->runPass(slot.threads);
        if (!pass) {
            markFailed(runs, schedule, slot.engineIndex, pass.error().message);
            return -1;
        }
        EngineRun& run = runs[slot.runIndex];
        run.failures += pass->failures;
        run.fold = run.fold * 1099511628211ull + pass->fold;
        return pass->seconds;
    };
    const std::vector<std::vector<double>> seconds =
        interleaveTrials(int(schedule.size()), options.trials, warmUp, timedPass);

    std::vector<Verification> verifications(engines.size());
    for (size_t e = 0; e < engines.size(); ++e) {
        ran[e] = ran[e] && std::none_of(schedule.begin(), schedule.end(),
                                        [&](const Slot& s) { return s.engineIndex == e && failed(s); });
        verifications[e].cropsExpected = ran[e] ? benchCase.windowCount() : 0;
    }
    const Status verified = verifyAll(benchCase, engines, ran, verifications, progress);
    for (BenchEngine* engine : engines)
        engine->end();
    if (!verified)
        return verified.error();
    for (size_t k = 0; k < schedule.size(); ++k) {
        EngineRun& run = runs[schedule[k].runIndex];
        run.trialSeconds = seconds[k];
        run.stats = summarizeTrials(run.trialSeconds);
        run.detail = schedule[k].engine->detail();
        run.verification = verifications[schedule[k].engineIndex];
        run.verdict = run.error.isEmpty() ? run.verification.verdict(options.tolerance) : Verdict::Wrong;
    }
    return runs;
}

std::vector<int> defaultThreadCounts() {
    const int cores = std::max(1, QThread::idealThreadCount());
    std::vector<int> counts;
    for (int t = 1; t <= cores + 1; ++t)
        counts.push_back(t);
    return counts;
}

std::vector<std::unique_ptr<BenchEngine>> makeEngines(const BenchRequest& request) {
    std::vector<std::unique_ptr<BenchEngine>> engines = makeInProcessEngines();
    for (std::unique_ptr<BenchEngine>& peer : makePeerEngines(request.peers))
        engines.push_back(std::move(peer));
    for (const CommandSpec& command : request.commands)
        engines.push_back(makeCommandEngine(command));
    return engines;
}

Result<std::vector<std::unique_ptr<BenchEngine>>>
selectEngines(const BenchRequest& request, std::vector<std::unique_ptr<BenchEngine>> extra) {
    std::vector<std::unique_ptr<BenchEngine>> all = makeEngines(request);
    for (std::unique_ptr<BenchEngine>& engine : extra)
        all.push_back(std::move(engine));
    QStringList known;
    for (const auto& engine : all)
        known << engine->name();
    if (known.removeDuplicates() > 0)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("two engines share a name: give each --engine-cmd its own"));
    for (const QString& name : request.engines)
        if (!known.contains(name))
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("unknown engine \"%1\" (known: %2)").arg(name, known.join(", ")));
    if (request.engines.isEmpty())
        return all;
    std::vector<std::unique_ptr<BenchEngine>> chosen;
    for (auto& engine : all)
        if (request.engines.contains(engine->name()))
            chosen.push_back(std::move(engine));
    return chosen;
}

namespace {

Result<std::vector<BenchCase>> casesFor(const BenchRequest& request, const ProgressLine& progress) {
    switch (request.source) {
    case BenchRequest::Source::Seed:
        return seedCases(
            request.seed, progress ? progress : [](const QString&) {});
    case BenchRequest::Source::AnnotatedSet: {
        Result<BenchCase> set =
            annotatedSetCase(request.images, request.annotations, request.options.threads.back());
        if (!set)
            return set.error();
        return std::vector<BenchCase>{std::move(*set)};
    }
    case BenchRequest::Source::RandomWindows:
        break;
    }
    Result<BenchCase> random = randomWindowsCase(request.images, request.randomWindows, request.randomSeed);
    if (!random)
        return random.error();
    return std::vector<BenchCase>{std::move(*random)};
}

QString datasetDescription(const BenchRequest& request) {
    switch (request.source) {
    case BenchRequest::Source::Seed:
        return QStringLiteral("seed (%1, %2 images per workload, seed %3%4)")
            .arg(request.seed.folder)
            .arg(request.seed.count)
            .arg(request.seed.seed)
            .arg(request.seed.side > 0 ? QStringLiteral(", side %1").arg(request.seed.side) : QString());
    case BenchRequest::Source::AnnotatedSet:
        return request.images.isEmpty()
                   ? request.annotations
                   : QStringLiteral("%1 with images %2").arg(request.annotations, request.images);
    case BenchRequest::Source::RandomWindows:
        break;
    }
    return QStringLiteral("%1, %2 random windows per image, seed %3")
        .arg(request.images)
        .arg(request.randomWindows)
        .arg(request.randomSeed);
}

} // namespace

Result<BenchReport> runBench(const BenchRequest& request, const ProgressLine& progress,
                             std::vector<std::unique_ptr<BenchEngine>> extra) {
    useSingleThreadedOpenCv(); // one image per task: OpenCV's own threads would only compete with the pools
    Result<std::vector<std::unique_ptr<BenchEngine>>> engines = selectEngines(request, std::move(extra));
    if (!engines)
        return engines.error();
    std::vector<BenchEngine*> pointers;
    for (const auto& engine : *engines)
        pointers.push_back(engine.get());
    BenchReport report;
    report.created = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    report.parameters = {datasetDescription(request), request.options.trials, request.options.threads,
                         request.options.tolerance, request.engines};
    Result<std::vector<BenchCase>> cases = casesFor(request, progress);
    if (!cases)
        return cases.error();
    const QString datasetDir = request.source == BenchRequest::Source::Seed ? request.seed.folder
                               : request.images.isEmpty() ? QFileInfo(request.annotations).absolutePath()
                                                          : request.images;
    report.system = collectSystemInfo(datasetDir, request.cropdeckVersion);
    for (size_t c = 0; c < cases->size(); ++c) {
        const BenchCase& benchCase = (*cases)[c];
        const QString prefix = QStringLiteral("[case %1/%2] ").arg(c + 1).arg(cases->size());
        Result<std::vector<EngineRun>> runs =
            runCase(benchCase, pointers, request.options, [&](const QString& line) {
                if (progress)
                    progress(prefix + line);
            });
        if (!runs)
            return runs.error();
        report.runs.insert(report.runs.end(), runs->begin(), runs->end());
    }
    report.system.loadAfter = currentLoadAverage();
    return report;
}

} // namespace cropdeck::bench
