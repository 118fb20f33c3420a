// SPDX-License-Identifier: GPL-3.0-or-later
// `cropdeck --bench` through the real binary: a tiny seed run (two 256-pixel images per workload) with
// its JSON report, --list, --compare, an HTML report written where there is no display, the user's own set
// with random windows, Ctrl-C stopping a long run, and the usage errors.

#include "CliRunner.h"
#include "TestUtils.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#if !defined(Q_OS_WIN)
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <csignal>
#endif

using namespace cropdeck::test;

namespace {

const QStringList kQuickSeed = {"--bench",  "--dataset",   "seed",
                                "--count",  "2",           "--side",
                                "256",      "--workloads", "gray-jpeg,color-png-512",
                                "--trials", "1",           "--threads",
                                "1,2"};

QJsonObject readJson(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString explain(const CliResult& result) {
    return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3")
        .arg(result.exitCode)
        .arg(QString::fromUtf8(result.out.right(3000)), QString::fromUtf8(result.err.right(2000)));
}

} // namespace

class TestCliBench : public QObject {
    Q_OBJECT

private slots:
    void seedRunWritesItsReport() {
        QTemporaryDir dir;
        const QString report = QDir(dir.path()).filePath("a.json");
        const CliResult result = runCropdeck(
            kQuickSeed + QStringList{"--dataset-dir", QDir(dir.path()).filePath("seed"), "--engines",
                                     "cropdeck,cropdeck-each-window,opencv-serial,opencv-pool", "--report",
                                     report},
            300000);
        QVERIFY2(result.exitCode == 0, qPrintable(explain(result)));
        QVERIFY(result.out.contains("gray-jpeg / random"));
        QVERIFY(result.out.contains("✓ identical"));
        QVERIFY(result.err.contains("pass")); // the progress line

        const QJsonObject json = readJson(report);
        QCOMPARE(json.value("cropdeck_bench_report").toInt(), 1);
        QVERIFY(json.value("system").toObject().value("cores").toInt() >= 1);
        // The version --version prints (with the commit when built from a git checkout), so that a figure
        // can be traced to its code.
        const CliResult version = runCropdeck({"--version"});
        QCOMPARE(json.value("system").toObject().value("cropdeck").toString(),
                 QString::fromUtf8(version.out).trimmed().mid(9));
        const QJsonArray runs = json.value("runs").toArray();
        // 4 cases; cropdeck, cropdeck-each-window and opencv-pool at 1 and 2 threads, opencv-serial once
        QCOMPARE(runs.size(), 4 * 7);
        for (const QJsonValue& value : runs) {
            const QJsonObject run = value.toObject();
            QCOMPARE(run.value("verification").toObject().value("verdict").toString(), QString("identical"));
            QCOMPARE(run.value("verification").toObject().value("crops_checked").toInt(), 2);
            QCOMPARE(run.value("trials_s").toArray().size(), 1);
            QVERIFY(run.value("median_s").toDouble() > 0);
            QCOMPARE(run.value("images").toInt(), 2);
        }

        // The same report compared with itself: every ratio is 1.
        const CliResult compared = runCropdeck({"--bench", "--compare", report, report});
        QVERIFY2(compared.exitCode == 0, qPrintable(explain(compared)));
        QVERIFY(compared.out.contains("1.00×"));
        QVERIFY(!compared.out.contains("2.00×"));
    }

    void htmlReportNeedsNoDisplay() {
        // As on a server: no X11 or Wayland display and no Qt platform chosen; the charts are drawn
        // offscreen.
        QTemporaryDir dir;
        const QString report = QDir(dir.path()).filePath("x.html");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QLatin1String(name));
        QProcess bench;
        bench.setProcessEnvironment(env);
        bench.start(cropdeckBinary(),
                    {"--bench", "--dataset", "seed", "--dataset-dir", QDir(dir.path()).filePath("seed"),
                     "--workloads", "color-png-512", "--count", "1", "--trials", "1", "--threads", "1,2",
                     "--engines", "cropdeck,opencv-serial", "--report", report});
        QVERIFY(bench.waitForFinished(300000));
        const QByteArray err = bench.readAllStandardError();
        QCOMPARE(bench.exitStatus(), QProcess::NormalExit); // not a Qt abort for want of a display
        QVERIFY2(bench.exitCode() == 0, err.right(2000).constData());
        QVERIFY(bench.readAllStandardOutput().contains("report written to"));
        QFile html(report);
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QByteArray page = html.readAll();
        QVERIFY(page.startsWith("<!DOCTYPE html>"));
        QVERIFY(page.contains("<td>cropdeck</td>"));
        QVERIFY(page.contains("<td>opencv-serial</td>"));
        // Two cases (random and bottom-right windows), each with its bars and, for 1 and 2 threads, its
        // curve.
        QCOMPARE(page.count("src=\"data:image/png;base64,"), 4);
    }

#if !defined(Q_OS_WIN)
    void ctrlCStopsTheRun() {
        // A thousand trials: far longer than the test waits, so that only the interrupt ends it.
        QTemporaryDir dir;
        const QString report = QDir(dir.path()).filePath("never.json");
        QProcess bench;
        bench.start(cropdeckBinary(),
                    {"--bench", "--dataset-dir", QDir(dir.path()).filePath("seed"), "--workloads", "gray-png",
                     "--count", "4", "--side", "512", "--trials", "1000", "--threads", "1", "--engines",
                     "cropdeck,opencv-serial", "--report", report});
        QVERIFY(bench.waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += bench.readAllStandardError()).contains("pass ") ||
                                     bench.state() == QProcess::NotRunning,
                                 300000);
        QVERIFY2(bench.state() == QProcess::Running, err.right(2000).constData());
        QCOMPARE(::kill(pid_t(bench.processId()), SIGINT), 0);
        QVERIFY(bench.waitForFinished(120000));
        err += bench.readAllStandardError();
        QCOMPARE(bench.exitStatus(), QProcess::NormalExit); // stopped by the harness, not by the signal
        QCOMPARE(bench.exitCode(), 3);                      // as --batch: fatal or cancelled
        QVERIFY2(err.trimmed().endsWith("cancelled"), err.right(500).constData());
        QVERIFY(bench.readAllStandardOutput().isEmpty()); // no table from a run cut short
        QVERIFY(!QFile::exists(report));
    }
#endif

    void listNamesEveryEngine() {
        const CliResult result = runCropdeck({"--bench", "--list", "--engine-cmd", "mine=cp {in} {out}"});
        QVERIFY2(result.exitCode == 0, qPrintable(explain(result)));
        for (const char* engine : {"cropdeck ", "opencv-pool", "pillow-threads", "pillow-processes", "vips",
                                   "imagemagick", "mine ", "qt-cliprect"})
            QVERIFY2(result.out.contains(engine), engine);
        QVERIFY(result.out.contains("available: "));
        // CropDeck's forced strategies, each with a line saying what it forces and where it applies.
        for (const char* engine :
             {"cropdeck-full-decode", "cropdeck-each-window", "cropdeck-jpeg-region", "cropdeck-row-bands",
              "cropdeck-restart", "cropdeck-dct-scaled", "cropdeck-lossless", "cropdeck-png-row-stop",
              "cropdeck-png-inflate", "cropdeck-bmp-rows"}) {
            const qsizetype at = result.out.indexOf(engine);
            QVERIFY2(at >= 0, engine);
            const QByteArray line = result.out.mid(at, result.out.indexOf('\n', at) - at);
            QVERIFY2(line.contains("available: ") && line.contains("; "), line.constData());
        }
        for (const char* scenario : {"pillow-vips-32", "fixed-window-287", "crop-modes", "save-images"})
            QVERIFY2(result.out.contains(scenario), scenario);
    }

    // A scenario on the user's own photos: its fixed window on each, the table printed, exit 0; Qt's
    // clip-rect reader among the engines.
    void scenarioOnOwnImages() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath("photos"));
        for (int i = 0; i < 2; ++i) {
            cv::Mat pixels(700, 650, CV_8UC3);
            cv::RNG(i).fill(pixels, cv::RNG::UNIFORM, 0, 256);
            QVERIFY(cv::imwrite(dir.filePath(QString("photos/p%1.jpg").arg(i)).toStdString(), pixels));
        }
        const QString report = dir.filePath("fixed.json");
        const CliResult result = runCropdeck(
            {"--bench", "--scenario", "fixed-window-287", "--images", dir.filePath("photos"), "--engines",
             "cropdeck,opencv-serial,qt-cliprect", "--trials", "1", "--threads", "1", "--report", report});
        QVERIFY2(result.exitCode == 0, qPrintable(explain(result)));
        QVERIFY2(result.out.contains("photos / fixed 100x100 at (500, 500)"), qPrintable(explain(result)));
        const QJsonObject json = QJsonDocument::fromJson(fileContents(report)).object();
        QCOMPARE(json.value("parameters").toObject().value("scenario").toString(),
                 QString("fixed-window-287"));
        const QJsonArray runs = json.value("runs").toArray();
        QCOMPARE(runs.size(), 3); // qt-cliprect too: the CLI adds Qt's reader to core's engines
        for (const QJsonValue& run : runs) {
            QCOMPARE(run.toObject().value("windows").toInt(), 2);
            QCOMPARE(run.toObject().value("verification").toObject().value("verdict").toString(),
                     QString("identical"));
        }
    }

    void randomWindowsOnOwnImages() {
        QTemporaryDir dir;
        const QString seed = QDir(dir.path()).filePath("seed");
        QCOMPARE(
            runCropdeck(kQuickSeed + QStringList{"--dataset-dir", seed, "--engines", "cropdeck"}).exitCode,
            0);
        const QString report = QDir(dir.path()).filePath("own.csv");
        const CliResult result = runCropdeck(
            {"--bench", "--images", QDir(seed).filePath("gray-jpeg"), "--random-windows", "3", "--seed", "7",
             "--engines", "cropdeck,opencv-pool", "--threads", "1", "--trials", "1", "--report", report});
        QVERIFY2(result.exitCode == 0, qPrintable(explain(result)));
        QVERIFY(result.out.contains("2 images, 6 windows"));
        QFile csv(report);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().trimmed().split('\n').size(), 3); // header + 2 runs
    }

    void wrongEngineCommandExitsOne() {
        QTemporaryDir dir;
        const QString seed = QDir(dir.path()).filePath("seed");
        QCOMPARE(
            runCropdeck(kQuickSeed + QStringList{"--dataset-dir", seed, "--engines", "cropdeck"}).exitCode,
            0);
        // `cp` writes the whole image where the window belongs: shown as wrong, and the exit code says so.
        const CliResult result =
            runCropdeck({"--bench", "--images", QDir(seed).filePath("color-png-512"), "--random-windows", "1",
                         "--engines", "cropdeck,copy", "--engine-cmd", "copy=cp {in} {out}", "--threads", "1",
                         "--trials", "1"});
        QVERIFY2(result.exitCode == 1, qPrintable(explain(result)));
        QVERIFY(result.out.contains("✗"));
        QVERIFY(result.out.contains("copy on color-png-512: WRONG"));
    }

    void annotatedSetWithExifOrientation() {
        // The demo set: JPEG, PNG, BMP, restart markers and a photo with EXIF orientation 6 whose boxes are
        // on the upright picture; the bench maps them to stored pixels, and every engine agrees.
        QTemporaryDir dir;
        const QString demo = QDir(dir.path()).filePath("demo");
        QCOMPARE(runCropdeck({"--make-demo", demo}).exitCode, 0);
        const QString report = QDir(dir.path()).filePath("demo.json");
        const CliResult result =
            runCropdeck({"--bench", "--annotations", QDir(demo).filePath("annotations.csv"), "--engines",
                         "cropdeck,cropdeck-each-window,opencv-pool", "--threads", "1", "--trials", "1",
                         "--report", report});
        QVERIFY2(result.exitCode == 0, qPrintable(explain(result)));
        const QJsonArray runs = readJson(report).value("runs").toArray();
        QCOMPARE(runs.size(), 3);
        for (const QJsonValue& run : runs) {
            const QJsonObject verification = run.toObject().value("verification").toObject();
            QCOMPARE(verification.value("verdict").toString(), QString("identical"));
            QCOMPARE(verification.value("crops_checked").toInt(), run.toObject().value("windows").toInt());
            QVERIFY(run.toObject().value("windows").toInt() > 10);
        }
    }

    void usageErrors_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown engine")
            << QStringList{"--bench", "--engines", "nope", "--count", "1"} << "unknown engine";
        QTest::newRow("flag of another mode")
            << QStringList{"--bench", "--resize", "8x8"} << "does not apply to --bench";
        QTest::newRow("out without a file output")
            << QStringList{"--bench", "--out", "x"} << "--output disk or tmpfs";
        QTest::newRow("unknown output")
            << QStringList{"--bench", "--output", "cloud"} << "memory, disk or tmpfs";
        QTest::newRow("format same") << QStringList{"--bench", "--format", "same"}
                                     << "one format for every engine";
        QTest::newRow("png level") << QStringList{"--bench", "--png-level", "12"} << "--png-level";
        QTest::newRow("unknown scenario")
            << QStringList{"--bench", "--scenario", "nope"} << "known: pillow-vips-32";
        QTest::newRow("scenario and annotations")
            << QStringList{"--bench", "--scenario", "crop-modes", "--annotations", "a.csv"}
            << "names its own dataset";
        QTest::newRow("images for a seed scenario")
            << QStringList{"--bench", "--scenario", "pillow-vips-32", "--images", "."} << "own windows";
        QTest::newRow("outputs of save-images")
            << QStringList{"--bench", "--scenario", "save-images", "--format", "png"}
            << "sets its own outputs";
        QTest::newRow("output folder missing")
            << QStringList{"--bench", "--output", "disk", "--out", "/nonexistent/cropdeck"}
            << "is not a folder";
        QTest::newRow("bench flag in --batch")
            << QStringList{"--batch", "--images", ".", "--centre-crop", "8x8", "--out", "x", "--trials", "2"}
            << "does not apply to --batch";
        QTest::newRow("images without windows")
            << QStringList{"--bench", "--images", "."} << "--random-windows";
        QTest::newRow("bad thread list") << QStringList{"--bench", "--threads", "1,x"} << "--threads";
        QTest::newRow("bad engine command")
            << QStringList{"--bench", "--engine-cmd", "mine=tool"} << "--engine-cmd";
        QTest::newRow("compare one report") << QStringList{"--bench", "--compare", "a.json"} << "--compare";
        QTest::newRow("unknown workload")
            << QStringList{"--bench", "--workloads", "nope", "--count", "1"} << "unknown seed workload";
    }
    void usageErrors() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CliResult result = runCropdeck(arguments);
        QVERIFY2(result.exitCode == 2, qPrintable(explain(result)));
        QVERIFY2(result.err.contains(message.toUtf8()), qPrintable(explain(result)));
    }
};

QTEST_GUILESS_MAIN(TestCliBench)
#include "test_cli_bench.moc"
