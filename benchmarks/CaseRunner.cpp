// SPDX-License-Identifier: GPL-3.0-or-later
#include "CaseRunner.h"

#include "PixelCheck.h"
#include "TimeStats.h"

#include <QElapsedTimer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <atomic>

namespace cropdeck::benchmark {

namespace {

struct Sink {
    std::atomic<quint64> checksum{0};
    std::atomic<int> failures{0};
};

double runOnce(const InProcessEngine& engine, const CropCase& crops, QThreadPool& pool, Sink& sink) {
    const auto one = [&](const CropItem& item) {
        const std::optional<quint64> folded = engine.timed(item);
        if (folded)
            sink.checksum.fetch_add(*folded, std::memory_order_relaxed);
        else
            sink.failures.fetch_add(1, std::memory_order_relaxed);
    };
    QElapsedTimer timer;
    timer.start();
    if (engine.parallel)
        QtConcurrent::blockingMap(&pool, crops.items, one);
    else
        for (const CropItem& item : crops.items)
            one(item);
    return double(timer.nsecsElapsed()) * 1e-9;
}

void checkCrops(EngineResult& result, const InProcessEngine& engine, const CropCase& crops,
                const std::vector<int>& checkIndices, const std::vector<cv::Mat>& references) {
    for (size_t k = 0; k < checkIndices.size(); ++k) {
        const Result<cv::Mat> output = engine.checked(crops.items[size_t(checkIndices[k])]);
        if (!output) {
            result.check.identical = false;
            result.check.problem = output.error().message;
            continue;
        }
        addComparison(result.check, references[k], output.value());
    }
}

} // namespace

EngineResult runInProcess(const InProcessEngine& engine, const CropCase& crops, int threads, int trials,
                          const std::vector<int>& checkIndices, const std::vector<cv::Mat>& references) {
    EngineResult result;
    result.engine = engine.name;
    result.skipReason = engine.skipReason;
    if (!result.skipReason.isEmpty())
        return result;
    QThreadPool pool; // one per engine run: no thread is shared with another engine's leftovers
    pool.setMaxThreadCount(threads);
    Sink sink;
    result.times.warmup = runOnce(engine, crops, pool, sink);
    for (int t = 0; t < trials; ++t)
        result.times.trials.push_back(runOnce(engine, crops, pool, sink));
    result.stats = summarize(result.times.trials);
    result.checksum = sink.checksum.load();
    result.failures = sink.failures.load();
    checkCrops(result, engine, crops, checkIndices, references);
    if (engine.describe && !crops.items.empty())
        result.detail = engine.describe(crops.items.front());
    return result;
}

} // namespace cropdeck::benchmark
