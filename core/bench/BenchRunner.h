// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The benchmark harness: cases × engines × thread counts, timed with the method of TrialStats.h, every
// crop of every engine verified (CropVerifier.h), collected into a BenchReport. `cropdeck --bench` and
// cropdeck_bench_seed are thin shells over runBench(); tests call runCase() with engines of their own.
//
// Threading: runBench() and runCase() block the calling thread; engines use their own workers. `progress`
// is called on the calling thread, a line at a time (what runs now), for a progress display. A shell
// that must stay responsive (the GUI) calls them on a worker thread and marshals the lines back.
//
// Cancellation: `cancel` may be null. Once it is true the run stops at the next step: between seed
// workloads being generated, engines being begun, warm-ups, timed passes and verified images; in-process
// engines also stop a pass between images, and peers and commands kill the program they wait for
// (BenchEngine::watchCancel). A cancelled run returns
// ErrorKind::Cancelled and no report: a round of passes cut short would give figures that mislead.
// Every engine begun is ended first (scratch files removed).

#include "Result.h"
#include "bench/BenchCase.h"
#include "bench/BenchCases.h"
#include "bench/BenchEngine.h"
#include "bench/BenchReport.h"
#include "bench/CaseShapes.h"
#include "bench/CommandEngines.h"
#include "bench/PeerEngines.h"

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace cropdeck::bench {

using ProgressLine = std::function<void(const QString&)>;

struct CaseOptions {
    std::vector<int> threads{1};
    int trials = 3;
    int tolerance = kDefaultTolerance;
};

// Runs every engine on one case (unavailable ones give an EngineRun saying why). Never fails as a
// whole: an engine that cannot start, crashes or writes wrong pixels is recorded as such. Fails only
// when the reference itself cannot be made (an image OpenCV cannot decode), or when cancelled.
Result<std::vector<EngineRun>> runCase(const BenchCase& benchCase, const std::vector<BenchEngine*>& engines,
                                       const CaseOptions& options, const ProgressLine& progress,
                                       const std::atomic_bool* cancel = nullptr);

struct BenchRequest {
    enum class Source { Seed, AnnotatedSet, RandomWindows };
    Source source = Source::Seed;
    SeedCasesRequest seed;  // Source::Seed
    QString images;         // AnnotatedSet, RandomWindows
    QString annotations;    // AnnotatedSet
    int randomWindows = 1;  // RandomWindows: per image
    quint64 randomSeed = 0; // RandomWindows
    QStringList engines;    // names to run; empty: every engine
    CaseOptions options;
    PeerSetup peers;
    std::vector<CommandSpec> commands; // --engine-cmd
    OutputSpec output;                 // --output, --format, --quality, --png-level (every case)
    // Scenarios (Scenarios.h): the cases' images with these windows instead of their own, and each case
    // once per output instead of with `output` alone; empty: neither.
    QString scenario;
    std::vector<WindowShape> shapes;
    std::vector<OutputSpec> outputs;
    QString outputFolder; // --out: where disk and tmpfs outputs go (resolveOutputFolder)
    QString cropdeckVersion;
};

// 1, 2, …, cores, cores + 1: a scaling curve up to one thread past the machine.
std::vector<int> defaultThreadCounts();

// "1,2,4" (blanks allowed, repeats dropped, order kept) as thread counts from 1 to 1024; Invalid with a
// message that quotes the text otherwise (also when it names no count).
Result<std::vector<int>> parseThreadCounts(const QString& text);

// Every engine this request would run, available or not (for --list and the engine check).
std::vector<std::unique_ptr<BenchEngine>> makeEngines(const BenchRequest& request);

// makeEngines() and `extra` (engines a shell adds, e.g. benchmarks/' QImageReader engine), filtered by
// request.engines. Invalid when that names an engine that does not exist (the message lists those that
// do) or when two engines share a name.
Result<std::vector<std::unique_ptr<BenchEngine>>>
selectEngines(const BenchRequest& request, std::vector<std::unique_ptr<BenchEngine>> extra = {});

Result<BenchReport> runBench(const BenchRequest& request, const ProgressLine& progress,
                             std::vector<std::unique_ptr<BenchEngine>> extra = {},
                             const std::atomic_bool* cancel = nullptr);

} // namespace cropdeck::bench
