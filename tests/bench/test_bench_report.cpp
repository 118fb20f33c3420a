// SPDX-License-Identifier: GPL-3.0-or-later
// Reports: × slowest and × best correct peer (a wrong engine is never the best peer), the JSON report
// read back exactly, CSV and Markdown written, the terminal table, --compare of two reports, and the HTML
// page with the figures a shell gives (refused without them).

#include "bench/BenchReport.h"
#include "bench/ReportText.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::bench;

namespace {

EngineRun run(const QString& engine, const QString& kind, std::vector<double> trials, Verdict verdict) {
    EngineRun r;
    r.caseName = "gray-jpeg / random";
    r.caseDescription = "4000x4000 gray JPEG q90";
    r.images = 32;
    r.windows = 32;
    r.sourceMegapixels = 512;
    r.engine = engine;
    r.kind = kind;
    r.detail = engine + " 1.0";
    r.threads = 2;
    r.trialSeconds = std::move(trials);
    r.stats = summarizeTrials(r.trialSeconds);
    r.fold = 0xfedcba9876543210ull;
    r.verification.cropsExpected = 32;
    r.verification.cropsChecked = 32;
    r.verification.cropsDiffering = verdict == Verdict::Identical ? 0 : 32;
    r.verification.maxAbsDiff = verdict == Verdict::Identical ? 0 : verdict == Verdict::Close ? 1 : 90;
    r.verification.squaredError = r.verification.maxAbsDiff * 1000.0;
    r.verification.samples = 32 * 500 * 500;
    if (verdict == Verdict::Wrong)
        r.verification.problem = "img_003.jpg window 0: max difference 90";
    r.verdict = verdict;
    r.floor = {0.25, "jpeg entropy decode to the lowest window's bottom row", {}};
    if (r.timed())
        r.percentOfFloor = percentOfFloor(r.floor.seconds, r.stats.median, r.threads, 2);
    if (r.timed()) {
        r.peakMemoryBytes = qint64(300) << 20;
        r.baselineMemoryBytes = qint64(120) << 20;
    }
    return r;
}

BenchReport syntheticReport() {
    BenchReport report;
    report.created = "2026-12-07T01:00:00Z";
    report.system.cpuModel = "Test CPU @ 2.30GHz";
    report.system.cores = 2;
    report.system.loadBefore = "0.50 0.40 0.30";
    report.system.loadAfter = "1.50 0.60 0.35";
    report.system.memTotalMiB = 7936;
    report.system.datasetFilesystem = "tmpfs";
    report.system.cropdeckVersion = "0.9.0";
    report.parameters = {"seed (/dev/shm/x, 32 images per workload, seed 1)", 3, {1, 2}, 2, {}};
    report.runs = {run("cropdeck", "cropdeck", {0.5, 0.52, 0.49}, Verdict::Identical),
                   run("fast-but-wrong", "peer", {0.1, 0.1, 0.11}, Verdict::Wrong),
                   run("pillow-threads", "peer", {1.0, 1.1, 0.9}, Verdict::Close),
                   run("opencv-pool", "in-process", {2.0, 2.0, 2.0}, Verdict::Identical)};
    EngineRun serial = run("opencv-serial", "in-process", {0.8, 0.8, 0.8}, Verdict::Identical);
    serial.threads = 1;
    serial.serial = true;
    report.runs.push_back(serial);
    EngineRun missing = run("imagemagick", "peer", {}, Verdict::NotRun);
    missing.unavailable = "convert on PATH is not ImageMagick";
    missing.verification = {};
    report.runs.push_back(missing);
    return report;
}

void compareRuns(const EngineRun& a, const EngineRun& b) {
    QCOMPARE(a.caseName, b.caseName);
    QCOMPARE(a.caseDescription, b.caseDescription);
    QCOMPARE(a.images, b.images);
    QCOMPARE(a.windows, b.windows);
    QCOMPARE(a.sourceMegapixels, b.sourceMegapixels);
    QCOMPARE(a.engine, b.engine);
    QCOMPARE(a.kind, b.kind);
    QCOMPARE(a.detail, b.detail);
    QCOMPARE(a.threads, b.threads);
    QCOMPARE(a.serial, b.serial);
    QCOMPARE(a.unavailable, b.unavailable);
    QCOMPARE(a.error, b.error);
    QCOMPARE(a.trialSeconds, b.trialSeconds);
    QCOMPARE(a.stats.median, b.stats.median);
    QCOMPARE(a.stats.spreadPercent, b.stats.spreadPercent);
    QCOMPARE(a.failures, b.failures);
    QCOMPARE(a.fold, b.fold);
    QCOMPARE(a.verdict, b.verdict);
    QCOMPARE(a.verification.cropsExpected, b.verification.cropsExpected);
    QCOMPARE(a.verification.cropsChecked, b.verification.cropsChecked);
    QCOMPARE(a.verification.cropsDiffering, b.verification.cropsDiffering);
    QCOMPARE(a.verification.maxAbsDiff, b.verification.maxAbsDiff);
    QCOMPARE(a.verification.squaredError, b.verification.squaredError);
    QCOMPARE(a.verification.samples, b.verification.samples);
    QCOMPARE(a.verification.problem, b.verification.problem);
    QCOMPARE(a.floor.seconds, b.floor.seconds);
    QCOMPARE(a.floor.method, b.floor.method);
    QCOMPARE(a.floor.error, b.floor.error);
    QCOMPARE(a.percentOfFloor, b.percentOfFloor);
    QCOMPARE(a.peakMemoryBytes, b.peakMemoryBytes);
    QCOMPARE(a.baselineMemoryBytes, b.baselineMemoryBytes);
}

void expectSameReport(const BenchReport& a, const BenchReport& b) {
    QCOMPARE(a.created, b.created);
    QVERIFY(a.system == b.system);
    QVERIFY(a.parameters == b.parameters);
    QCOMPARE(a.runs.size(), b.runs.size());
    for (size_t k = 0; k < a.runs.size(); ++k)
        compareRuns(a.runs[k], b.runs[k]);
}

} // namespace

class TestBenchReport : public QObject {
    Q_OBJECT

private slots:
    void ratiosSkipWrongEngines() {
        const BenchReport report = syntheticReport();
        const EngineRun& cropdeck = report.runs[0];
        QCOMPARE(timesSlowest(report, cropdeck), 2.0 / 0.5);
        // opencv-serial (one thread) takes part at every thread count; the faster wrong engine never does
        QCOMPARE(timesBestPeer(report, cropdeck), 0.8 / 0.5);
        QCOMPARE(timesBestPeer(report, report.runs[3]), 0.8 / 2.0);
        QVERIFY(!report.runs[1].correct());
        QCOMPARE(timesBestPeer(report, report.runs[4]), 1.0); // the serial run is the best correct peer
        QCOMPARE(timesSlowest(report, report.runs[4]), 2.0 / 0.8);
        QCOMPARE(timesBestPeer(report, report.runs[5]), 0.0); // unavailable: nothing to compare
        BenchReport withoutSerial = report;
        withoutSerial.runs.erase(withoutSerial.runs.begin() + 4);
        QCOMPARE(timesBestPeer(withoutSerial, withoutSerial.runs[0]), 1.0 / 0.5); // pillow, not the wrong one
        QCOMPARE(cropdeck.imagesPerSecond(), 64.0);
        QCOMPARE(cropdeck.megapixelsPerSecond(), 1024.0);
    }

    void jsonReadsBackExactly() {
        const BenchReport report = syntheticReport();
        const QByteArray text = QJsonDocument(reportToJson(report)).toJson();
        Result<BenchReport> back = reportFromJson(QJsonDocument::fromJson(text).object(), "memory");
        QVERIFY(back.ok());
        expectSameReport(report, *back);

        QTemporaryDir dir;
        const QString path = QDir(dir.path()).filePath("report.json");
        QVERIFY(saveReport(report, path).ok());
        Result<BenchReport> loaded = loadReport(path);
        QVERIFY(loaded.ok());
        expectSameReport(report, *loaded);
        const QJsonObject first = reportToJson(report).value("runs").toArray().first().toObject();
        QCOMPARE(first.value("x_best_peer").toDouble(), 1.6);
        QCOMPARE(first.value("verification").toObject().value("verdict").toString(), QString("identical"));
        QVERIFY(
            first.value("verification").toObject().value("psnr_db").isNull()); // identical: no finite PSNR
        QCOMPARE(first.value("floor").toObject().value("seconds").toDouble(), 0.25);
        QCOMPARE(first.value("floor").toObject().value("method").toString(),
                 QString("jpeg entropy decode to the lowest window's bottom row"));
        // 0.5 s on 2 threads against a 0.25 s single-thread floor spread over min(2, 2 cores)
        QCOMPARE(first.value("percent_of_floor").toDouble(), 400.0);
        QCOMPARE(first.value("peak_memory_bytes").toInteger(), qint64(300) << 20);
        QCOMPARE(first.value("baseline_memory_bytes").toInteger(), qint64(120) << 20);
    }

    // Reports written before the memory figures: they load with 0 (unknown), shown as "-".
    void reportWithoutMemoryLoads() {
        QJsonObject json = reportToJson(syntheticReport());
        QJsonArray runs;
        for (const QJsonValue& value : json.value("runs").toArray()) {
            QJsonObject object = value.toObject();
            object.remove("peak_memory_bytes");
            object.remove("baseline_memory_bytes");
            runs.append(object);
        }
        json.insert("runs", runs);
        Result<BenchReport> back = reportFromJson(json, "old.json");
        QVERIFY(back.ok());
        QCOMPARE(back->runs[0].peakMemoryBytes, qint64(0));
        QCOMPARE(back->runs[0].baselineMemoryBytes, qint64(0));
        QCOMPARE(back->runs[0].stats.median, 0.5);
        QVERIFY(reportTable(*back).contains("400%         -  ✓ identical"));
    }

    // Reports written before the floor existed have neither field: they load, with no floor.
    void reportWithoutFloorLoads() {
        QJsonObject json = reportToJson(syntheticReport());
        QJsonArray runs;
        for (const QJsonValue& value : json.value("runs").toArray()) {
            QJsonObject object = value.toObject();
            object.remove("floor");
            object.remove("percent_of_floor");
            runs.append(object);
        }
        json.insert("runs", runs);
        Result<BenchReport> back = reportFromJson(json, "old.json");
        QVERIFY(back.ok());
        QCOMPARE(back->runs.size(), syntheticReport().runs.size());
        QVERIFY(!back->runs[0].floor.measured());
        QCOMPARE(back->runs[0].percentOfFloor, 0.0);
        QCOMPARE(back->runs[0].stats.median, 0.5);
        QVERIFY(reportTable(*back).contains("no floor"));
    }

    void notAReportIsRefused() {
        QVERIFY(!reportFromJson(QJsonObject{{"runs", QJsonArray()}}, "x.json").ok());
        QTemporaryDir dir;
        QVERIFY(!loadReport(QDir(dir.path()).filePath("missing.json")).ok());
        QVERIFY(!saveReport(syntheticReport(), QDir(dir.path()).filePath("report.txt")).ok());
    }

    void csvAndMarkdown() {
        const BenchReport report = syntheticReport();
        const QStringList csv = reportCsv(report).trimmed().split('\n');
        QCOMPARE(csv.size(), 1 + int(report.runs.size()));
        QVERIFY(csv[0].startsWith("case,engine,kind,threads"));
        QVERIFY2(csv[1].startsWith("gray-jpeg / random,cropdeck,cropdeck,2,32,32,512,0.5,"),
                 qPrintable(csv[1]));
        QVERIFY(csv[2].contains(",wrong,90,"));
        const QString markdown = reportMarkdown(report);
        QVERIFY(markdown.contains("| engine | threads | median s |"));
        QVERIFY(markdown.contains("| % floor |"));
        QVERIFY(csv[0].contains(",floor_s,percent_of_floor,peak_memory_bytes,baseline_memory_bytes,"));
        QVERIFY2(csv[1].contains(",314572800,125829120,identical,"), qPrintable(csv[1]));
        QVERIFY(markdown.contains("| % floor | peak MiB | verified |"));
        QVERIFY(markdown.contains("| 400% | 300 | ✓ identical |"));
        QVERIFY(markdown.contains("| cropdeck | 2 | 0.500 |"));
        QVERIFY(markdown.contains("imagemagick: unavailable: convert on PATH is not ImageMagick"));
        QVERIFY(markdown.contains("- `pillow-threads`: pillow-threads 1.0"));
    }

    void terminalTable() {
        const QString table = reportTable(syntheticReport());
        QVERIFY(
            table.contains("gray-jpeg / random: 4000x4000 gray JPEG q90; 32 images, 32 windows, 512.0 MPx"));
        QVERIFY(table.contains("✓ identical"));
        QVERIFY(table.contains("✓ max|d| 1"));
        QVERIFY(table.contains("✗ max|d| 90"));
        QVERIFY(table.contains("2.00×"));
        QVERIFY(table.contains("% floor"));
        QVERIFY(table.contains("400%"));
        QVERIFY(table.contains("peak MiB"));
        QVERIFY(table.contains("400%       300  ✓ identical"));
        QVERIFY(table.contains("floor 0.250 s, jpeg entropy decode to the lowest window's bottom row"));
        QVERIFY(table.contains("note: fast-but-wrong on gray-jpeg / random: WRONG: img_003.jpg window 0"));
    }

    void compareTwoReports() {
        const BenchReport a = syntheticReport();
        BenchReport b = syntheticReport();
        b.system.cpuModel = "Faster CPU";
        for (EngineRun& r : b.runs) {
            for (double& t : r.trialSeconds)
                t /= 2;
            r.stats = summarizeTrials(r.trialSeconds);
        }
        const QString text = bench::compareReports(a, "a.json", b, "b.json");
        QVERIFY(text.contains("A: a.json") && text.contains("B: b.json") && text.contains("Faster CPU"));
        const QStringList lines = text.split('\n');
        const auto row = std::find_if(lines.begin(), lines.end(), [](const QString& l) {
            return l.startsWith("gray-jpeg / random  cropdeck ");
        });
        QVERIFY(row != lines.end());
        QVERIFY2(row->contains("0.500") && row->contains("0.250") && row->contains("2.00×"),
                 qPrintable(*row));
        QVERIFY(text.contains(QRegularExpression("B/A speed +A % floor +B % floor +A verified")));
        QVERIFY2(row->contains(QRegularExpression("400% +400%")), qPrintable(*row)); // each side's % floor
        QVERIFY(!text.contains("imagemagick")); // not timed in either report
    }

    void htmlNeedsTheShellsFigures() {
        QTemporaryDir dir;
        const QString path = QDir(dir.path()).filePath("report.html");
        const Status refused = saveReport(syntheticReport(), path);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains("cropdeck --bench --report"),
                 qPrintable(refused.error().message));
        QVERIFY(!QFile::exists(path));

        QStringList asked;
        const FigureSource figures = [&asked](const BenchReport&, const QString& caseName) {
            asked << caseName;
            return std::vector<ReportFigure>{{"bars <1>", QByteArray("\x89PNG fake")}};
        };
        QVERIFY(saveReport(syntheticReport(), path, figures).ok());
        QCOMPARE(asked, QStringList{"gray-jpeg / random"});
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(file.readAll());
        QVERIFY(page.contains("<td>cropdeck</td><td class=\"figure\">2</td><td class=\"figure\">0.500</td>"));
        QVERIFY(page.contains(
            "<td class=\"figure\">400%</td><td class=\"figure\">300</td><td class=\"ok\">✓ identical</td>"));
        QVERIFY(page.contains("<td class=\"wrong\">✗ max|d| 90"));
        QVERIFY(page.contains("src=\"data:image/png;base64," + QByteArray("\x89PNG fake").toBase64() + "\""));
        QVERIFY(page.contains("alt=\"bars &lt;1&gt;\"")); // escaped
        QVERIFY(page.contains("Test CPU @ 2.30GHz"));
        QVERIFY(page.contains("<code>pillow-threads</code>: pillow-threads 1.0"));
    }
};

QTEST_GUILESS_MAIN(TestBenchReport)
#include "test_bench_report.moc"
