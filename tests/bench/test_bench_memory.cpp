// SPDX-License-Identifier: GPL-3.0-or-later
// Peak memory per run (core/bench/MemorySampler.h): a 200 MiB block touched inside this process during
// a timed pass, one touched by a child and one by a grandchild, and the walk of the process tree seeing
// a grandchild that holds its memory. Nothing is timed; the slack below is for the few pages a process's
// RSS may lose between two readings.

#include "BenchTestCase.h"
#include "bench/BenchRunner.h"
#include "bench/InProcessEngines.h"
#include "bench/MemorySampler.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

#include <memory>

using namespace cropdeck;
using namespace cropdeck::bench;

namespace {

constexpr qint64 kBlock = qint64(200) << 20;
constexpr qint64 kSlack = qint64(8) << 20;

// Touches every page of `bytes`, so that all of it is resident at once; volatile, so no compiler drops it.
void touchBlock(qint64 bytes) {
    const std::unique_ptr<char[]> block(new char[size_t(bytes)]);
    volatile char* pages = block.get();
    for (qint64 i = 0; i < bytes; i += 4096)
        pages[i] = char(i >> 12);
}

QString python() {
    if (QFileInfo(QStringLiteral("/usr/bin/python3")).isExecutable())
        return QStringLiteral("/usr/bin/python3");
    return QStandardPaths::findExecutable(QStringLiteral("python3"));
}

// Python filling `mib` MiB (bytes * n writes every page), run by /bin/sh so that it is a grandchild
// (the "; true" keeps sh from replacing itself with python). `hold`: it then waits for its stdin to close.
QStringList grandchildArguments(const QString& python, int mib, bool hold) {
    const QString script =
        QStringLiteral("import sys\nb = b'x' * (%1 << 20)\n").arg(mib) +
        (hold ? QStringLiteral("print('ready', flush=True)\nsys.stdin.read()\n") : QString());
    return {QStringLiteral("-c"), QStringLiteral("\"$0\" -c \"$1\"; true"), python, script};
}

// Crops with OpenCV's imread (right crops, so the run counts as correct), calling `extra` first.
std::unique_ptr<BenchEngine> engineThat(const QString& name, std::function<void()> extra) {
    InProcessSpec spec;
    spec.name = name;
    spec.parallel = false;
    spec.crop = [extra](const BenchImage& image) {
        extra();
        return test::imreadCrops(image);
    };
    return makeInProcessEngine(std::move(spec));
}

EngineRun runOne(std::unique_ptr<BenchEngine> engine) {
    QTemporaryDir dir;
    std::vector<std::unique_ptr<BenchEngine>> engines;
    engines.push_back(std::move(engine));
    const std::vector<EngineRun> runs = test::runEngines(test::noiseCase(dir.path(), 1), engines);
    return runs.size() == 1 ? runs[0] : EngineRun{};
}

QByteArray describe(const EngineRun& run) {
    return QStringLiteral("peak %1 MiB, baseline %2 MiB")
        .arg(double(run.peakMemoryBytes) / (1 << 20), 0, 'f', 1)
        .arg(double(run.baselineMemoryBytes) / (1 << 20), 0, 'f', 1)
        .toUtf8();
}

} // namespace

class TestBenchMemory : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (processTreeResidentBytes() == 0)
            QSKIP("no /proc here: peak memory is reported as 0 (unknown)");
    }

    void allocationInThisProcess() {
        const EngineRun run = runOne(engineThat("allocates", [] { touchBlock(kBlock); }));
        QVERIFY(run.correct());
        QVERIFY2(run.baselineMemoryBytes > 0, describe(run));
        QVERIFY2(run.peakMemoryBytes - run.baselineMemoryBytes >= kBlock - kSlack, describe(run));
    }

    void allocationInAGrandchild() {
        const QString interpreter = python();
        if (interpreter.isEmpty())
            QSKIP("python3 not found");
        // The warm-up's grandchild is small, the timed pass's big: a grandchild this short may end between
        // two samples, and then only the rusage figure catches it, which grows only with a new largest
        // child (hence this test comes before the one below, whose grandchild is as big).
        auto calls = std::make_shared<int>(0);
        const EngineRun run = runOne(engineThat("runs-a-grandchild", [interpreter, calls] {
            const int mib = ++*calls == 1 ? 16 : 200;
            QProcess::execute(QStringLiteral("/bin/sh"), grandchildArguments(interpreter, mib, false));
        }));
        QVERIFY(run.correct());
        QVERIFY2(run.peakMemoryBytes - run.baselineMemoryBytes >= kBlock - kSlack, describe(run));
    }

    // The walk itself, on a grandchild that keeps its memory until told: not the rusage figure, which
    // only counts children once they have ended.
    void treeIncludesAGrandchild() {
        const QString interpreter = python();
        if (interpreter.isEmpty())
            QSKIP("python3 not found");
        const qint64 before = processTreeResidentBytes();
        QProcess shell;
        shell.start(QStringLiteral("/bin/sh"), grandchildArguments(interpreter, 200, true));
        QVERIFY(shell.waitForStarted());
        while (!shell.canReadLine())
            QVERIFY2(shell.waitForReadyRead(60000), shell.readAllStandardError().constData());
        QCOMPARE(shell.readLine().trimmed(), QByteArray("ready"));
        const qint64 holding = processTreeResidentBytes();
        shell.closeWriteChannel();
        QVERIFY(shell.waitForFinished(60000));
        QVERIFY2(holding - before >= kBlock - kSlack,
                 qPrintable(QStringLiteral("%1 MiB before, %2 MiB while the grandchild holds its block")
                                .arg(before >> 20)
                                .arg(holding >> 20)));
    }

    void samplerStopsOnceAndKeepsItsFigure() {
        MemorySampler sampler;
        const MemoryPeak first = sampler.stop();
        QVERIFY(first.baselineBytes > 0);
        QVERIFY(first.peakBytes >= first.baselineBytes);
        QCOMPARE(sampler.stop().peakBytes, first.peakBytes);
    }
};

QTEST_GUILESS_MAIN(TestBenchMemory)
#include "test_bench_memory.moc"
