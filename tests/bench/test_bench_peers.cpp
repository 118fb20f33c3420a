// SPDX-License-Identifier: GPL-3.0-or-later
// Peers and user commands: reported unavailable (with the reason) when PATH lacks them, never faked;
// --engine-cmd with a script that crops correctly (Python + Pillow, skipped without them), one that
// writes the wrong output, one that fails, and the {list} form; the embedded Python peers verified.

#include "BenchTestCase.h"
#include "bench/BenchRunner.h"
#include "bench/CommandEngines.h"
#include "bench/PeerEngines.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::bench;
using namespace cropdeck::test;

namespace {

// Runs a command engine built from `NAME=COMMAND` on a small noise case.
EngineRun runCommand(const QString& folder, const QString& text) {
    Result<CommandSpec> spec = parseEngineCommand(text);
    if (!spec)
        qFatal("%s", qPrintable(spec.error().message));
    std::vector<std::unique_ptr<BenchEngine>> engines;
    engines.push_back(makeCommandEngine(*spec));
    return runEngines(noiseCase(folder, 2), engines).front();
}

QString writeScript(const QString& folder, const QString& name, const QByteArray& text) {
    const QString path = QDir(folder).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        qFatal("cannot write %s", qPrintable(path));
    file.setPermissions(file.permissions() | QFileDevice::ExeOwner);
    return path;
}

} // namespace

class TestBenchPeers : public QObject {
    Q_OBJECT

private slots:
    void peersUnavailableWithoutPath() {
        QTemporaryDir emptyBin;
        const QByteArray savedPath = qgetenv("PATH");
        qputenv("PATH", emptyBin.path().toLocal8Bit());
        const std::vector<std::unique_ptr<BenchEngine>> peers = makePeerEngines(PeerSetup{});
        qputenv("PATH", savedPath);
        QCOMPARE(peers.size(), size_t(7));
        for (const auto& peer : peers) {
            QVERIFY2(!peer->unavailableReason().isEmpty(), qPrintable(peer->name()));
            QVERIFY2(peer->unavailableReason().contains("not found on PATH"),
                     qPrintable(peer->unavailableReason()));
        }
        // An unavailable engine is listed with its reason and never timed.
        QTemporaryDir dir;
        const std::vector<EngineRun> runs = runEngines(noiseCase(dir.path(), 1), peers);
        for (const EngineRun& run : runs) {
            QVERIFY(!run.unavailable.isEmpty());
            QVERIFY(run.trialSeconds.empty());
            QCOMPARE(run.verdict, Verdict::NotRun);
        }
    }

    void engineCommandParsing_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("per window") << "mine=tool {in} {x} {y} {w} {h} {out}" << true;
        QTest::newRow("list") << "mine=tool --list {list}" << true;
        QTest::newRow("quoted") << "mine=sh -c 'tool \"{in}\" > {out}'" << true;
        QTest::newRow("no name") << "=tool {in} {out}" << false;
        QTest::newRow("no equals") << "tool {in} {out}" << false;
        QTest::newRow("no placeholders") << "mine=tool" << false;
        QTest::newRow("no output") << "mine=tool {in}" << false;
        QTest::newRow("odd name") << "my tool=tool {in} {out}" << false;
    }
    void engineCommandParsing() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const Result<CommandSpec> spec = parseEngineCommand(text);
        QCOMPARE(spec.ok(), valid);
        if (!valid)
            QVERIFY(spec.error().message.contains("--engine-cmd"));
    }

    void commandSplitting() {
        // tool 'b c' "d \"e\" \\" f\ g  {out}
        const QString quoted = "tool 'b c' \"d \\\"e\\\" \\\\\" f\\ g  {out}";
        const QStringList words{"tool", "b c", "d \"e\" \\", "f g", "{out}"};
        QCOMPARE(splitCommandLine(quoted), std::optional(words));
        const QStringList shell{"sh", "-c", "exit 3", "{in}"};
        QCOMPARE(splitCommandLine("sh -c 'exit 3' {in}"), std::optional(shell));
        QCOMPARE(splitCommandLine("''"), std::optional(QStringList{""}));
        QVERIFY(!splitCommandLine("tool 'open"));
        QVERIFY(parseEngineCommand("mine=tool {in} \"{out}").error().message.contains("quote"));
    }

    void missingCommandIsUnavailable() {
        QTemporaryDir dir;
        const EngineRun run = runCommand(dir.path(), "ghost=/nonexistent/tool {in} {out}");
        QVERIFY(run.unavailable.contains("/nonexistent/tool"));
    }

    void correctScriptPerWindow() {
        const QString python = pythonWithPillow();
        if (python.isEmpty())
            QSKIP("no python3 with Pillow (apt-get install python3-pil): the correct --engine-cmd script "
                  "needs it");
        QTemporaryDir dir;
        const QString script = writeScript(
            dir.path(), "crop.sh",
            "#!/bin/sh\n# crop.sh IN X Y W H OUT\nexec '" + python.toUtf8() +
                "' -c 'import sys; from PIL import Image; a = sys.argv; x, y, w, h = map(int, a[2:6]); "
                "Image.open(a[1]).crop((x, y, x + w, y + h)).save(a[6])' \"$@\"\n");
        const EngineRun run = runCommand(dir.path(), "pil-script=" + script + " {in} {x} {y} {w} {h} {out}");
        QVERIFY2(run.unavailable.isEmpty() && run.error.isEmpty(), qPrintable(run.unavailable + run.error));
        QCOMPARE(run.verdict, Verdict::Identical);
        QCOMPARE(run.verification.cropsChecked, 4);
        QVERIFY(run.correct());
    }

    void correctScriptWithList() {
        const QString python = pythonWithPillow();
        if (python.isEmpty())
            QSKIP("no python3 with Pillow (apt-get install python3-pil): the {list} script needs it");
        QTemporaryDir dir;
        const QString script =
            writeScript(dir.path(), "crop_list.py",
                        "import sys\nfrom PIL import Image\nfor line in open(sys.argv[1]):\n"
                        "    i, x, y, w, h, o = line.strip().split(',')\n"
                        "    x, y, w, h = map(int, (x, y, w, h))\n"
                        "    Image.open(i).crop((x, y, x + w, y + h)).save(o)\n");
        const EngineRun run = runCommand(dir.path(), "pil-list=" + python + ' ' + script + " {list}");
        QCOMPARE(run.verdict, Verdict::Identical);
        QCOMPARE(run.threads, 1); // one process: the thread counts do not apply
    }

    void wrongOutputIsWrong() {
        QTemporaryDir dir;
        // Copies the whole image instead of the window: every crop has the wrong size.
        const EngineRun run = runCommand(dir.path(), "copy-all=cp {in} {out}");
        QVERIFY(run.error.isEmpty());
        QCOMPARE(run.verdict, Verdict::Wrong);
        QVERIFY2(run.verification.problem.contains("64x48"), qPrintable(run.verification.problem));
        QCOMPARE(run.verification.cropsChecked, 4);
        QVERIFY(!run.correct());
    }

    void failingCommandCountsFailures() {
        QTemporaryDir dir;
        const EngineRun run = runCommand(dir.path(), "fails=sh -c 'exit 3' {in} {out}");
        QCOMPARE(run.failures, 4);
        QVERIFY(run.unavailable.isEmpty() && run.error.isEmpty());
        QVERIFY(!run.correct());
        QCOMPARE(run.verification.cropsChecked, 0);
        QVERIFY(run.verification.problem.contains("no crop"));
    }

    void embeddedPythonPeersAreRight() {
        const QString python = pythonWithPillow();
        if (python.isEmpty())
            QSKIP("no python3 with Pillow (apt-get install python3-pil): the Python peers cannot run");
        std::vector<std::unique_ptr<BenchEngine>> peers;
        for (auto& peer : makePeerEngines(PeerSetup{python, {}}))
            if (peer->name().startsWith("pillow"))
                peers.push_back(std::move(peer));
        QCOMPARE(peers.size(), size_t(2));
        QTemporaryDir dir;
        for (const EngineRun& run : runEngines(noiseCase(dir.path(), 2), peers)) {
            QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
            QCOMPARE(run.verdict, Verdict::Identical);
            QCOMPARE(run.verification.cropsChecked, 4);
            QVERIFY(run.detail.contains("Pillow"));
        }
    }
};

QTEST_GUILESS_MAIN(TestBenchPeers)
#include "test_bench_peers.moc"
