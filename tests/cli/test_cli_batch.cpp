// SPDX-License-Identifier: GPL-3.0-or-later
// Golden tests of `cropdeck --batch`: the real binary on the demo dataset and on broken inputs, every
// output compared with an independent reference (OpenCV's full decode, EXIF orientation applied, then
// the same crop).

#include "CliRunner.h"
#include "TestUtils.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cmath>

using namespace cropdeck::test;

namespace {

struct Box {
    QString path;
    double x, y, w, h;
    QString label;
};

QList<Box> readDemoCsv(const QString& csvPath) {
    QList<Box> boxes;
    QFile file(csvPath);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return boxes;
    file.readLine(); // header
    while (!file.atEnd()) {
        const QStringList f = QString::fromUtf8(file.readLine()).trimmed().split(u',');
        if (f.size() >= 6)
            boxes.append({f[0], f[1].toDouble(), f[2].toDouble(), f[3].toDouble(), f[4].toDouble(), f[5]});
    }
    return boxes;
}

QList<QJsonObject> manifestLines(const QString& outDir) {
    QList<QJsonObject> lines;
    QFile file(QDir(outDir).filePath("cropdeck-manifest.jsonl"));
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (!line.isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

QSet<QString> filesIn(const QString& dir) {
    QSet<QString> files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!path.endsWith("cropdeck-manifest.jsonl"))
            files.insert(QDir(dir).relativeFilePath(path));
    }
    return files;
}

QStringList batchArgs(const QString& demo, const QString& out) {
    return {"--batch", "--annotations", QDir(demo).filePath("annotations.csv"), "--out", out, "--format",
            "png"};
}

} // namespace

class TestCliBatch : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_demo;

private slots:
    void initTestCase() {
        QVERIFY2(!cropdeckBinary().isEmpty(), "CROPDECK_BINARY is not set (run through CTest)");
        m_demo = m_dir.filePath("demo");
        const CliResult made = runCropdeck({"--make-demo", m_demo});
        QVERIFY2(made.exitCode == 0, made.err.constData());
        QVERIFY(made.out.contains("annotations"));
        QVERIFY(QFile::exists(QDir(m_demo).filePath("annotations.csv")));
    }

    void helpListsEveryFlag() {
        const CliResult help = runCropdeck({"--help"});
        QCOMPARE(help.exitCode, 0);
        for (const char* flag :
             {"--batch", "--images", "--annotations", "--out", "--format", "--quality", "--resize",
              "--bounds", "--pad", "--threads", "--lossless", "--resume", "--dry-run", "--max-pixels",
              "--fail-on", "--json", "--shard", "--make-demo"})
            QVERIFY2(help.out.contains(flag), flag);
        QVERIFY(help.out.contains("Exit codes"));
    }

    void usageErrorsExitTwoAndSayWhy_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown flag") << QStringList{"--batch", "--bogus"} << "bogus";
        QTest::newRow("no out") << QStringList{"--batch", "--annotations", "a.csv"} << "--out";
        QTest::newRow("bad bounds") << QStringList{"--batch", "--annotations", "a.csv", "--out",
                                                   "o",       "--bounds",      "wrap"}
                                    << "--bounds \"wrap\"";
        QTest::newRow("bad resize") << QStringList{"--batch", "--annotations", "a.csv", "--out",
                                                   "o",       "--resize",      "0x5"}
                                    << "--resize";
        QTest::newRow("bad shard") << QStringList{"--batch", "--annotations", "a.csv", "--out",
                                                  "o",       "--shard",       "3/3"}
                                   << "--shard";
        QTest::newRow("missing annotations")
            << QStringList{"--batch", "--annotations", "/nonexistent/a.csv", "--out", "o"}
            << "/nonexistent/a.csv";
        QTest::newRow("lossless resize")
            << QStringList{"--batch", "--annotations", "a.csv", "--out", "o", "--lossless", "--resize", "9x9"}
            << "--lossless";
    }
    void usageErrorsExitTwoAndSayWhy() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CliResult result = runCropdeck(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(QString::fromUtf8(result.err).contains(message), result.err.constData());
    }

    void cropsMatchReferenceDecode() {
        const QString out = m_dir.filePath("out-golden");
        const CliResult run = runCropdeck(batchArgs(m_demo, out));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("crops written to"));

        const QList<Box> boxes = readDemoCsv(QDir(m_demo).filePath("annotations.csv"));
        const QList<QJsonObject> lines = manifestLines(out);
        QCOMPARE(lines.size(), boxes.size());
        QHash<QString, int> indexInImage;
        for (int i = 0; i < boxes.size(); ++i) {
            const Box& box = boxes[i];
            const int index = indexInImage[box.path]++;
            const QJsonObject* line = nullptr;
            for (const QJsonObject& candidate : lines)
                if (candidate["source"].toString() == box.path && candidate["index"].toInt() == index)
                    line = &candidate;
            QVERIFY2(line, qPrintable(box.path));
            QCOMPARE((*line)["status"].toString(), QStringLiteral("ok"));
            // Independent reference: OpenCV applies EXIF orientation itself.
            const cv::Mat upright =
                cv::imread(QDir(m_demo).filePath(box.path).toStdString(), cv::IMREAD_ANYCOLOR);
            QVERIFY(!upright.empty());
            const int x0 = std::max(0, int(std::floor(box.x))), y0 = std::max(0, int(std::floor(box.y)));
            const int x1 = std::min(upright.cols, int(std::ceil(box.x + box.w)));
            const int y1 = std::min(upright.rows, int(std::ceil(box.y + box.h)));
            const cv::Mat expected = upright(cv::Rect(x0, y0, x1 - x0, y1 - y0));
            const cv::Mat actual = cv::imread(QDir(out).filePath((*line)["output"].toString()).toStdString(),
                                              cv::IMREAD_UNCHANGED);
            QVERIFY2(differingPixels(actual, expected) == 0,
                     qPrintable(box.path + ": " + describeDifference(actual, expected)));
        }
    }

    void resumeSkipsFinishedOutputs() {
        const QString out = m_dir.filePath("out-resume");
        QCOMPARE(runCropdeck(batchArgs(m_demo, out)).exitCode, 0);
        const QSet<QString> first = filesIn(out);
        QStringList args = batchArgs(m_demo, out);
        args << "--resume"
             << "--json";
        const CliResult again = runCropdeck(args);
        QCOMPARE(again.exitCode, 0);
        const QList<QByteArray> jsonLines = again.out.trimmed().split('\n');
        const QJsonObject summary = QJsonDocument::fromJson(jsonLines.last()).object();
        QCOMPARE(summary["event"].toString(), QStringLiteral("summary"));
        QCOMPARE(summary["windows_written"].toInt(), 0);
        QCOMPARE(summary["windows_resumed"].toInt(), first.size());
        QCOMPARE(filesIn(out), first);
    }

    void jsonModePrintsOnlyJsonLines() {
        QStringList args = batchArgs(m_demo, m_dir.filePath("out-json"));
        args << "--json";
        const CliResult run = runCropdeck(args);
        QCOMPARE(run.exitCode, 0);
        for (const QByteArray& line : run.out.trimmed().split('\n')) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(line, &error);
            QVERIFY2(error.error == QJsonParseError::NoError && document.isObject(), line.constData());
            QVERIFY(document.object().contains("event"));
        }
    }

    void dryRunListsWithoutWriting() {
        const QString out = m_dir.filePath("out-dry");
        QStringList args = batchArgs(m_demo, out);
        args << "--dry-run";
        const CliResult run = runCropdeck(args);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const int windows = int(readDemoCsv(QDir(m_demo).filePath("annotations.csv")).size());
        int planned = 0;
        for (const QByteArray& line : run.out.split('\n'))
            planned += line.startsWith("crop\t") ? 1 : 0;
        QCOMPARE(planned, windows);
        QVERIFY(!QDir(out).exists() || filesIn(out).isEmpty());
    }

    void dryRunShowsWhatTheBoundsPolicyCuts() {
        // One window hanging 40 px past the right edge of a demo image: the plan lists the window as
        // asked and, under --bounds clip, the narrower rectangle that will be cut.
        const QList<Box> boxes = readDemoCsv(QDir(m_demo).filePath("annotations.csv"));
        QVERIFY(!boxes.isEmpty());
        const QString source = QDir(m_demo).filePath(boxes.first().path);
        const cv::Mat upright = cv::imread(source.toStdString(), cv::IMREAD_COLOR);
        QVERIFY(!upright.empty());
        const QString csv = m_dir.filePath("overhang.csv");
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("path,x,y,w,h,label\n%1,%2,10,100,50,edge\n")
                       .arg(source)
                       .arg(upright.cols - 60)
                       .toUtf8());
        file.close();
        const CliResult run =
            runCropdeck({"--batch", "--annotations", csv, "--out", m_dir.filePath("out-overhang"), "--bounds",
                         "clip", "--dry-run", "--json"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject planned = QJsonDocument::fromJson(run.out.split('\n').first()).object();
        QCOMPARE(planned["event"].toString(), QStringLiteral("planned"));
        QCOMPARE(planned["x"].toInt(), upright.cols - 60);
        QCOMPARE(planned["w"].toInt(), 100);
        const QJsonObject cut = planned["cut"].toObject();
        QCOMPARE(cut["x"].toInt(), upright.cols - 60);
        QCOMPARE(cut["y"].toInt(), 10);
        QCOMPARE(cut["w"].toInt(), 60);
        QCOMPARE(cut["h"].toInt(), 50);

        const CliResult text = runCropdeck({"--batch", "--annotations", csv, "--out",
                                            m_dir.filePath("out-overhang"), "--bounds", "clip", "--dry-run"});
        QVERIFY2(text.out.contains(QStringLiteral("x50 cut %1,10 60x50]").arg(upright.cols - 60).toUtf8()),
                 text.out.constData());
    }

    void shardsTogetherMakeTheWholeBatch() {
        QSet<QString> together;
        for (const char* shard : {"0/2", "1/2"}) {
            QStringList args = batchArgs(m_demo, m_dir.filePath("out-shards"));
            args << "--shard" << shard;
            QCOMPARE(runCropdeck(args).exitCode, 0);
        }
        QCOMPARE(filesIn(m_dir.filePath("out-shards")), filesIn(m_dir.filePath("out-golden")));
    }

    void brokenImageFailsAloneWithItsName() {
        // A copy of the demo set with one JPEG cut short and one file missing.
        const QString broken = m_dir.filePath("broken");
        QDir().mkpath(broken);
        QDirIterator it(m_demo, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString copy = QDir(broken).filePath(QDir(m_demo).relativeFilePath(path));
            QDir().mkpath(QFileInfo(copy).absolutePath());
            QVERIFY(QFile::copy(path, copy));
        }
        const QList<Box> boxes = readDemoCsv(QDir(broken).filePath("annotations.csv"));
        QString truncated;
        for (const Box& box : boxes)
            if (box.path.endsWith(".jpg") && truncated.isEmpty())
                truncated = box.path;
        QVERIFY(!truncated.isEmpty());
        QFile file(QDir(broken).filePath(truncated));
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.resize(file.size() / 2));
        file.close();

        const QString out = m_dir.filePath("out-broken");
        const CliResult run = runCropdeck(batchArgs(broken, out));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(truncated.toUtf8()), run.err.constData());
        int ok = 0;
        for (const QJsonObject& line : manifestLines(out))
            ok += line["status"].toString() == u"ok" ? 1 : 0;
        int others = 0;
        for (const Box& box : boxes)
            others += box.path != truncated ? 1 : 0;
        QCOMPARE(ok, others); // everything else was written
        // The same damage is tolerated with --fail-on none.
        QStringList lenient = batchArgs(broken, m_dir.filePath("out-lenient"));
        lenient << "--fail-on"
                << "none";
        QCOMPARE(runCropdeck(lenient).exitCode, 0);
    }

    void refusesToOverwriteSources() {
        // The demo's annotation paths are images/NAME: writing {name} into that folder hits the sources.
        QStringList args = {"--batch",
                            "--annotations",
                            QDir(m_demo).filePath("annotations.csv"),
                            "--out",
                            QDir(m_demo).filePath("images"),
                            "--name",
                            "{name}",
                            "--format",
                            "same"};
        const CliResult run = runCropdeck(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("would overwrite a source image"), run.err.constData());
    }

    // --lossless says which windows had to move to the MCU grid: on the terminal and in the manifest.
    void losslessReportsAlignedWindows() {
        const QString csv = m_dir.filePath("lossless.csv");
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("path,x,y,w,h,label\n"
                   "images/01_meadow_640x480.jpg,35,21,100,90,off-grid\n"
                   "images/01_meadow_640x480.jpg,64,32,128,96,on-grid\n");
        file.close();
        const QString out = m_dir.filePath("out-lossless");
        const CliResult run = runCropdeck({"--batch", "--images", m_demo, "--annotations", csv, "--out", out,
                                           "--lossless", "--format", "same"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("window 0: lossless crop moved to the JPEG's MCU grid: asked 35,21 100x90"),
                 run.err.constData());
        QVERIFY2(!run.err.contains("window 1:"), run.err.constData());
        QVERIFY2(run.out.contains("1 lossless crops were moved"), run.out.constData());
        const QList<QJsonObject> lines = manifestLines(out);
        QCOMPARE(lines.size(), 2);
        for (const QJsonObject& line : lines) {
            const bool offGrid = line["index"].toInt() == 0;
            QCOMPARE(line["note"].toString().startsWith("aligned to the MCU grid: "), offGrid);
            const cv::Mat crop =
                cv::imread(QDir(out).filePath(line["output"].toString()).toStdString(), cv::IMREAD_UNCHANGED);
            QVERIFY(offGrid ? crop.cols >= 100 && crop.rows >= 90 : crop.cols == 128 && crop.rows == 96);
        }
    }

    void centreCropWithoutAnnotations() {
        const QString out = m_dir.filePath("out-centre");
        const CliResult run = runCropdeck(
            {"--batch", "--images", m_demo, "--centre-crop", "64x48", "--out", out, "--format", "png"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QSet<QString> files = filesIn(out);
        QVERIFY(!files.isEmpty());
        for (const QString& file : files) {
            const cv::Mat crop = cv::imread(QDir(out).filePath(file).toStdString(), cv::IMREAD_UNCHANGED);
            QCOMPARE(crop.cols, 64);
            QCOMPARE(crop.rows, 48);
        }
    }
};

QTEST_GUILESS_MAIN(TestCliBatch)
#include "test_cli_batch.moc"
