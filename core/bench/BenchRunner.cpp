// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/BenchRunner.h"

#include "bench/InProcessEngines.h"
#include "bench/MemorySampler.h"
#include "bench/PhysicalFloor.h"
#include "engine/OpenCvThreading.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <map>

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

bool isCancelled(const std::atomic_bool* cancel) {
    return cancel && cancel->load();
}

Error cancelledError() {
    return makeError(ErrorKind::Cancelled, QStringLiteral("the benchmark was cancelled"));
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
    run.serial = !engine.takesThreads();
    run.unavailable = engine.unavailableReason();
    return run;
}

// Every crop of every engine that ran, against the reference (downscaled for the engines that expect
// so), one image at a time (memory stays at one decoded image per engine).
Status verifyAll(const BenchCase& benchCase, const std::vector<BenchEngine*>& engines,
                 const std::vector<bool>& ran, std::vector<Verification>& verifications,
                 const ProgressLine& progress, const std::atomic_bool* cancel) {
    for (size_t i = 0; i < benchCase.images.size(); ++i) {
        if (isCancelled(cancel))
            return cancelledError();
        const BenchImage& image = benchCase.images[i];
        progress(QStringLiteral("%1: verifying image %2/%3")
                     .arg(benchCase.name)
                     .arg(i + 1)
                     .arg(benchCase.images.size()));
        std::map<int, std::vector<cv::Mat>> references; // by DCT scale; the stored pixels' always
        Result<std::vector<cv::Mat>> stored = benchCase.resizeTo.isValid()
                                                  ? resizedReferenceCrops(image, benchCase.resizeTo)
                                                  : referenceCrops(image);
        if (!stored)
            return stored.error();
        references[1] = std::move(stored.value());
        // Lossy outputs are held to CropDeck's own encode of the reference crop (CropVerifier.h).
        std::vector<cv::Mat> roundTrips;
        if (benchCase.output.lossy())
            for (const cv::Mat& crop : references[1]) {
                Result<QByteArray> bytes = encodeCrop(crop, benchCase.output, image.path);
                roundTrips.push_back(bytes ? decodeOutputBytes(*bytes) : cv::Mat());
            }
        for (size_t e = 0; e < engines.size(); ++e) {
            if (!ran[e])
                continue;
            const int scale = engines[e]->expectation().dctScale;
            if (!references.count(scale)) {
                Result<std::vector<cv::Mat>> made = referenceCrops(image, scale);
                if (!made)
                    return made.error();
                references[scale] = std::move(made.value());
            }
            const std::vector<cv::Mat>* reference = &references[scale];
            Result<std::vector<cv::Mat>> crops = engines[e]->crops(int(i));
            for (size_t w = 0; w < image.windows.size(); ++w) {
                const QString where =
                    QStringLiteral("%1 window %2").arg(QFileInfo(image.path).fileName()).arg(w);
                if (!crops)
                    addMissingCrop(verifications[e], where, crops.error().message);
                else if (w >= crops->size() || (*crops)[w].empty())
                    addMissingCrop(verifications[e], where, QStringLiteral("no crop"));
                else if (benchCase.output.lossy() && scale == 1)
                    compareLossyCrop(verifications[e], (*reference)[w], roundTrips[w], (*crops)[w], where);
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
        QString why = engine.notApplicableTo(benchCase);
        if (why.isEmpty() && benchCase.resizeTo.isValid() && !engine.resizes())
            why = QStringLiteral("resizing is not measured for this engine");
        if (!why.isEmpty()) {
            runs.push_back(emptyRun(benchCase, engine, 0));
            runs.back().notApplicable = why;
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

// One case's run, step by step: engines begun, warmed up once, timed pass by pass, then verified.
class CaseRun {
public:
    CaseRun(const BenchCase& benchCase, const std::vector<BenchEngine*>& engines, const CaseOptions& options,
            const ProgressLine& progress, const std::atomic_bool* cancel)
        : m_case(benchCase)
        , m_engines(engines)
        , m_options(options)
        , m_progress(progress)
        , m_cancel(cancel)
        , m_schedule(makeSchedule(benchCase, engines, options, m_runs))
        , m_began(engines.size(), false)
        , m_warm(engines.size(), false) {}

    void beginEngines() {
        for (const Slot& slot : m_schedule) {
            if (m_began[slot.engineIndex] || failed(slot))
                continue;
            if (isCancelled(m_cancel))
                return;
            slot.engine->watchCancel(m_cancel);
            if (Status began = slot.engine->begin(m_case); !began)
                markFailed(slot.engineIndex, began.error().message);
            else
                m_began[slot.engineIndex] = true;
        }
    }

    void warmUp(int k) {
        const Slot& slot = m_schedule[size_t(k)];
        if (m_warm[slot.engineIndex] || failed(slot) || isCancelled(m_cancel))
            return;
        m_warm[slot.engineIndex] = true;
        m_progress(QStringLiteral("%1: warm-up %2").arg(m_case.name, slot.engine->name()));
        if (Status done = slot.engine->warmUp(slot.threads); !done)
            markFailed(slot.engineIndex, done.error().message);
    }

    // Seconds of one timed pass, or -1 when the engine failed (it takes no further pass). Once cancelled
    // every run answers -1 at once, so that the rounds drain without running anything.
    double timedPass(int k) {
        const Slot& slot = m_schedule[size_t(k)];
        if (failed(slot) || isCancelled(m_cancel))
            return -1;
        m_progress(QStringLiteral("%1: pass %2/%3, %4 on %5 thread(s)")
                       .arg(m_case.name)
                       .arg(++m_passes)
                       .arg(int(m_schedule.size()) * m_options.trials)
                       .arg(slot.engine->name())
                       .arg(slot.threads));
        MemorySampler memory; // around the timed pass only: not the warm-up, not the verification
        Result<PassResult> pass = slot.engine->runPass(slot.threads);
        const MemoryPeak peak = memory.stop();
        if (!pass) {
            markFailed(slot.engineIndex, pass.error().message);
            return -1;
        }
        EngineRun& run = m_runs[slot.runIndex];
        run.failures += pass->failures;
        run.fold = run.fold * 1099511628211ull + pass->fold;
        if (peak.peakBytes > run.peakMemoryBytes) {
            run.peakMemoryBytes = peak.peakBytes;
            run.baselineMemoryBytes = peak.baselineBytes;
        }
        return pass->seconds;
    }

    // Verifies the engines that ran without failing, ends every engine, and fills in the runs.
    Result<std::vector<EngineRun>> finish(const std::vector<std::vector<double>>& seconds) {
        if (isCancelled(m_cancel)) {
            endEngines();
            return cancelledError();
        }
        std::vector<bool> verify(m_engines.size(), false);
        std::vector<Verification> verifications(m_engines.size());
        for (size_t e = 0; e < m_engines.size(); ++e) {
            verify[e] = m_began[e] && std::none_of(m_schedule.begin(), m_schedule.end(), [&](const Slot& s) {
                            return s.engineIndex == e && failed(s);
                        });
            verifications[e].cropsExpected = verify[e] ? m_case.windowCount() : 0;
        }
        const Status verified = verifyAll(m_case, m_engines, verify, verifications, m_progress, m_cancel);
        endEngines();
        if (!verified)
            return verified.error();
        for (size_t k = 0; k < m_schedule.size(); ++k) {
            EngineRun& run = m_runs[m_schedule[k].runIndex];
            run.trialSeconds = seconds[k];
            run.stats = summarizeTrials(run.trialSeconds);
            run.detail = m_schedule[k].engine->detail();
            run.verification = verifications[m_schedule[k].engineIndex];
            CropExpectation expected = m_schedule[k].engine->expectation();
            if (m_case.resizeTo.isValid()) // resized outputs are judged by PSNR (BenchCase::resizeTo)
                expected.minimumPsnr = std::max(expected.minimumPsnr, kResizedMinimumPsnr);
            run.verdict = run.error.isEmpty()
                              ? run.verification.verdict(m_options.tolerance, expected.minimumPsnr)
                              : Verdict::Wrong;
            if (run.verdict == Verdict::Wrong && run.verification.problem.isEmpty() &&
                expected.minimumPsnr > 0)
                run.verification.problem = QStringLiteral("PSNR %1 dB, below the %2 dB expected")
                                               .arg(run.verification.psnr(), 0, 'f', 1)
                                               .arg(expected.minimumPsnr);
        }
        return m_runs;
    }

    int scheduled() const { return int(m_schedule.size()); }

private:
    void endEngines() {
        for (BenchEngine* engine : m_engines) {
            engine->end();
            engine->watchCancel(nullptr); // the flag may not outlive this run
        }
    }

    bool failed(const Slot& slot) const { return !m_runs[slot.runIndex].error.isEmpty(); }

    void markFailed(size_t engineIndex, const QString& why) {
        for (const Slot& slot : m_schedule)
            if (slot.engineIndex == engineIndex && m_runs[slot.runIndex].error.isEmpty())
                m_runs[slot.runIndex].error = why;
    }

    const BenchCase& m_case;
    const std::vector<BenchEngine*>& m_engines;
    const CaseOptions& m_options;
    const ProgressLine& m_progress;
    const std::atomic_bool* m_cancel;
    std::vector<EngineRun> m_runs; // declared before m_schedule, which makeSchedule fills it beside
    std::vector<Slot> m_schedule;
    std::vector<bool> m_began, m_warm;
    int m_passes = 0;
};

} // namespace

Result<std::vector<EngineRun>> runCase(const BenchCase& benchCase, const std::vector<BenchEngine*>& engines,
                                       const CaseOptions& options, const ProgressLine& progressOrNone,
                                       const std::atomic_bool* cancel) {
    const ProgressLine progress = progressOrNone ? progressOrNone : [](const QString&) {
    };
    // Measured before any engine runs, on one thread with nothing else going on; a floor that cannot be
    // measured (a damaged file) is recorded with the case, and the engines run all the same.
    progress(QStringLiteral("%1: physical floor").arg(benchCase.name));
    const PhysicalFloor floor = measurePhysicalFloor(benchCase, options.trials, cancel);
    CaseRun run(benchCase, engines, options, progress, cancel);
    run.beginEngines();
    const std::vector<std::vector<double>> seconds = interleaveTrials(
        run.scheduled(), options.trials, [&](int k) { run.warmUp(k); },
        [&](int k) { return run.timedPass(k); });
    Result<std::vector<EngineRun>> runs = run.finish(seconds);
    if (!runs)
        return runs;
    const int cores = std::max(1, QThread::idealThreadCount());
    for (EngineRun& engineRun : *runs) {
        engineRun.floor = floor;
        if (engineRun.timed())
            engineRun.percentOfFloor =
                percentOfFloor(floor.seconds, engineRun.stats.median, engineRun.threads, cores);
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

Result<std::vector<int>> parseThreadCounts(const QString& text) {
    std::vector<int> counts;
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const int value = part.trimmed().toInt(&ok);
        if (!ok || value < 1 || value > 1024)
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("thread counts \"%1\": expected a list of integers "
                                            "from 1 to 1024, e.g. 1,2,4")
                                 .arg(text));
        if (std::find(counts.begin(), counts.end(), value) == counts.end())
            counts.push_back(value);
    }
    if (counts.empty())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("thread counts \"%1\": no count given").arg(text));
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

Result<std::vector<BenchCase>> casesFor(const BenchRequest& request, const ProgressLine& progress,
                                        const std::atomic_bool* cancel) {
    switch (request.source) {
    case BenchRequest::Source::Seed:
        return seedCases(
            request.seed, progress ? progress : [](const QString&) {}, cancel);
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
    if (!request.shapes.empty()) // a scenario's windows replace the random ones
        return QStringLiteral("the images in %1").arg(request.images);
    return QStringLiteral("%1, %2 random windows per image, seed %3")
        .arg(request.images)
        .arg(request.randomWindows)
        .arg(request.randomSeed);
}

} // namespace

Result<BenchReport> runBench(const BenchRequest& request, const ProgressLine& progress,
                             std::vector<std::unique_ptr<BenchEngine>> extra,
                             const std::atomic_bool* cancel) {
    useSingleThreadedOpenCv(); // one image per task: OpenCV's own threads would only compete with the pools
    Result<std::vector<std::unique_ptr<BenchEngine>>> engines = selectEngines(request, std::move(extra));
    if (!engines)
        return engines.error();
    std::vector<BenchEngine*> pointers;
    for (const auto& engine : *engines)
        pointers.push_back(engine.get());
    BenchReport report;
    report.created = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    report.parameters = {datasetDescription(request),
                         request.options.trials,
                         request.options.threads,
                         request.options.tolerance,
                         request.engines,
                         QString(),
                         request.scenario};
    const QString datasetDir = request.source == BenchRequest::Source::Seed ? request.seed.folder
                               : request.images.isEmpty() ? QFileInfo(request.annotations).absolutePath()
                                                          : request.images;
    // Output folders are checked before any dataset is generated.
    std::vector<OutputSpec> outputs =
        request.outputs.empty() ? std::vector<OutputSpec>{request.output} : request.outputs;
    QStringList outputNames;
    for (OutputSpec& output : outputs) {
        if (Status resolved = resolveOutputFolder(output, request.outputFolder); !resolved)
            return resolved.error();
        outputNames << output.describe();
    }
    report.parameters.output = outputNames.join(QStringLiteral("; "));
    Result<std::vector<BenchCase>> cases = casesFor(request, progress, cancel);
    if (!cases)
        return cases.error();
    if (isCancelled(cancel))
        return cancelledError();
    if (!request.shapes.empty()) {
        cases = reshapeCases(*cases, request.shapes);
        if (!cases)
            return cases.error();
    }
    if (request.outputs.empty())
        for (BenchCase& benchCase : *cases)
            benchCase.output = outputs.front();
    else
        *cases = casesPerOutput(*cases, outputs);
    report.system = collectSystemInfo(datasetDir, request.cropdeckVersion);
    for (size_t c = 0; c < cases->size(); ++c) {
        const BenchCase& benchCase = (*cases)[c];
        const QString prefix = QStringLiteral("[case %1/%2] ").arg(c + 1).arg(cases->size());
        Result<std::vector<EngineRun>> runs = runCase(
            benchCase, pointers, request.options,
            [&](const QString& line) {
                if (progress)
                    progress(prefix + line);
            },
            cancel);
        if (!runs)
            return runs.error();
        report.runs.insert(report.runs.end(), runs->begin(), runs->end());
    }
    report.system.loadAfter = currentLoadAverage();
    return report;
}

} // namespace cropdeck::bench
