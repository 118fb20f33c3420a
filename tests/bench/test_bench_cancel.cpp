// SPDX-License-Identifier: GPL-3.0-or-later
// Cancelling a benchmark: a flag set from the progress callback stops runCase() before the next pass
// (no crop is made after it, nothing is verified, every engine begun is ended) and runBench() during
// the seed workloads' generation; both answer ErrorKind::Cancelled. The same run without the flag goes
// to the end, so the counts below are what cancelling changed. No timing is asserted.

#include "BenchTestCase.h"
#include "bench/BenchRunner.h"
#include "bench/CommandEngines.h"
#include "bench/InProcessEngines.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

#include <atomic>
#include <chrono>
#include <thread>

using namespace cropdeck;
using namespace cropdeck::bench;
using namespace cropdeck::test;

namespace {

// Counts what the harness asks of an in-process engine, and forwards everything to it.
struct EngineLog {
    std::atomic_int crops{0}; // images cropped, warm-up, timed and verification passes alike
    int begun = 0;
    int ended = 0;
};

class LoggedEngine final : public BenchEngine {
public:
    LoggedEngine(std::unique_ptr<BenchEngine> inner, EngineLog& log)
        : m_inner(std::move(inner))
        , m_log(log) {}

    QString name() const override { return m_inner->name(); }
    EngineKind kind() const override { return m_inner->kind(); }
    void watchCancel(const std::atomic_bool* cancel) override { m_inner->watchCancel(cancel); }
    Status begin(const BenchCase& benchCase) override {
        ++m_log.begun;
        return m_inner->begin(benchCase);
    }
    Result<PassResult> runPass(int threads) override { return m_inner->runPass(threads); }
    Result<std::vector<cv::Mat>> crops(int imageIndex) override { return m_inner->crops(imageIndex); }
    void end() override {
        ++m_log.ended;
        m_inner->end();
    }

private:
    std::unique_ptr<BenchEngine> m_inner;
    EngineLog& m_log;
};

std::unique_ptr<BenchEngine> countingEngine(const QString& name, EngineLog& log) {
    InProcessSpec spec;
    spec.name = name;
    spec.crop = [&log](const BenchImage& image) -> Result<std::vector<cv::Mat>> {
        log.crops.fetch_add(1);
        const cv::Mat pixels = cv::imread(image.path.toStdString(), cv::IMREAD_UNCHANGED);
        std::vector<cv::Mat> crops;
        for (const QRect& w : image.windows)
            crops.push_back(pixels(cv::Rect(w.x(), w.y(), w.width(), w.height())).clone());
        return crops;
    };
    return std::make_unique<LoggedEngine>(makeInProcessEngine(std::move(spec)), log);
}

struct CaseOutcome {
    Result<std::vector<EngineRun>> runs = makeError(ErrorKind::Invalid, "not run");
    QStringList linesAfterCancel;
    int cropsWhenCancelled = -1;
};

// Two counting engines at 1 and 2 threads, 3 trials: 12 timed passes. With `cancelAt` non-empty the
// flag is set by the progress line that contains it.
CaseOutcome runCounted(const BenchCase& benchCase, EngineLog (&logs)[2], const QString& cancelAt) {
    std::vector<std::unique_ptr<BenchEngine>> engines;
    engines.push_back(countingEngine("first", logs[0]));
    engines.push_back(countingEngine("second", logs[1]));
    std::vector<BenchEngine*> pointers{engines[0].get(), engines[1].get()};
    std::atomic_bool cancel{false};
    CaseOutcome outcome;
    const auto progress = [&](const QString& line) {
        if (cancel) {
            outcome.linesAfterCancel << line;
        } else if (!cancelAt.isEmpty() && line.contains(cancelAt)) {
            cancel = true;
            outcome.cropsWhenCancelled = logs[0].crops + logs[1].crops;
        }
    };
    outcome.runs = runCase(benchCase, pointers, CaseOptions{{1, 2}, 3, kDefaultTolerance}, progress, &cancel);
    return outcome;
}

} // namespace

class TestBenchCancel : public QObject {
    Q_OBJECT

private slots:
    void uncancelledRunGoesToTheEnd() {
        QTemporaryDir dir;
        EngineLog logs[2];
        const CaseOutcome outcome = runCounted(noiseCase(dir.path(), 2), logs, {});
        QVERIFY2(outcome.runs.ok(), outcome.runs.ok() ? "" : qPrintable(outcome.runs.error().message));
        QCOMPARE(outcome.runs->size(), size_t(4));
        for (const EngineRun& run : *outcome.runs) {
            QCOMPARE(run.trialSeconds.size(), size_t(3));
            QVERIFY(run.correct());
        }
        // Per engine: 1 warm-up + 6 timed passes over 2 images, then 2 images verified.
        QCOMPARE(logs[0].crops.load(), (1 + 6) * 2 + 2);
        QCOMPARE(logs[0].ended, 1);
    }

    void cancelFromProgressStopsBeforeTheNextPass() {
        QTemporaryDir dir;
        EngineLog logs[2];
        const CaseOutcome outcome = runCounted(noiseCase(dir.path(), 2), logs, "pass 3/12");
        QVERIFY(!outcome.runs.ok());
        QCOMPARE(outcome.runs.error().kind, ErrorKind::Cancelled);
        // The pass announced by the cancelling line crops nothing, nor does anything after it.
        QVERIFY(outcome.cropsWhenCancelled > 0);
        QCOMPARE(logs[0].crops + logs[1].crops, outcome.cropsWhenCancelled);
        QVERIFY2(outcome.linesAfterCancel.isEmpty(), qPrintable(outcome.linesAfterCancel.join(" | ")));
        for (const EngineLog& log : logs) {
            QCOMPARE(log.begun, 1);
            QCOMPARE(log.ended, 1); // scratch state released
        }
    }

    void cancelDuringWarmUpEndsTheCase() {
        QTemporaryDir dir;
        EngineLog logs[2];
        const CaseOutcome outcome = runCounted(noiseCase(dir.path(), 2), logs, "warm-up first");
        QVERIFY(!outcome.runs.ok());
        QCOMPARE(outcome.runs.error().kind, ErrorKind::Cancelled);
        QCOMPARE(logs[1].crops.load(), 0); // the second engine never warmed up
        QVERIFY(outcome.linesAfterCancel.isEmpty());
    }

    void cancelDuringSeedGenerationStopsRunBench() {
        QTemporaryDir dir;
        BenchRequest request;
        request.seed.folder = dir.path();
        request.seed.workloads = {"color-jpeg-512", "color-png-512"};
        request.seed.count = 1;
        request.seed.side = 64;
        request.engines = {"opencv-serial"};
        request.options.trials = 1;
        std::atomic_bool cancel{false};
        QStringList lines;
        const Result<BenchReport> report = runBench(
            request,
            [&](const QString& line) {
                lines << line;
                cancel = true; // at the first line: generating the first workload
            },
            {}, &cancel);
        QVERIFY(!report.ok());
        QCOMPARE(report.error().kind, ErrorKind::Cancelled);
        QCOMPARE(lines.size(), 1); // the second workload was not generated, no pass ran
        QVERIFY2(lines.first().contains("generating color-jpeg-512"), qPrintable(lines.first()));
    }

    // A peer's process running when the flag is set is killed, not waited for: each window's command
    // logs "started", sleeps, then logs "finished"; a cancelled run leaves no "finished" behind, while
    // waiting for the commands would have let every one of them finish.
    void cancelKillsARunningCommand() {
        QTemporaryDir dir;
        const QString log = dir.filePath("log.txt");
        Result<CommandSpec> spec = parseEngineCommand(
            QStringLiteral(
                "slow=sh -c 'echo started >> %1; sleep 2; echo finished >> %1' {in} {x} {y} {w} {h} {out}")
                .arg(log));
        QVERIFY(spec);
        std::unique_ptr<BenchEngine> engine = makeCommandEngine(*spec);
        std::atomic_bool cancel{false}, done{false};
        std::thread watcher([&] { // sets the flag once a command has started
            while (!done && !cancel) {
                if (QFile(log).size() > 0)
                    cancel = true;
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        });
        const Result<std::vector<EngineRun>> runs =
            runCase(noiseCase(dir.path(), 1), {engine.get()}, CaseOptions{{1}, 1, 2}, {}, &cancel);
        done = true;
        watcher.join();
        QVERIFY(!runs.ok());
        QCOMPARE(runs.error().kind, ErrorKind::Cancelled);
        std::this_thread::sleep_for(std::chrono::milliseconds(2500)); // a command left running would end now
        QFile file(log);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY2(text.contains("started") && !text.contains("finished"), text.constData());
    }
};

QTEST_GUILESS_MAIN(TestBenchCancel)
#include "test_bench_cancel.moc"
