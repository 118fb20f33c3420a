// SPDX-License-Identifier: GPL-3.0-or-later
// BatchRequest ⇄ JSON: exact round trips, defaults for missing keys, errors that name the key.

#include "batch/BatchRequestJson.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace cropdeck;

namespace {

// Every field away from its default, values chosen to catch rounding and swapped fields.
BatchRequest everyFieldSet() {
    BatchRequest r;
    r.images = QStringLiteral("/data/images");
    r.annotations = QStringLiteral("/data/boxes.csv");
    r.annotationFormat = AnnotationFormat::Csv;
    r.csvColumns = QStringLiteral("path=filename,x=xmin,y=ymin,x2=xmax,y2=ymax");
    r.minBoxSize = 3;
    CropSettings& s = r.settings;
    s.bounds = BoundsPolicy::Pad;
    s.padMode = PadMode::Constant;
    s.padBgr[0] = 1, s.padBgr[1] = 2, s.padBgr[2] = 250;
    s.margin = {12.5, true};
    s.aspect = 4.0 / 3.0;
    s.fixedSize = QSize(300, 200);
    s.resize = ResizeMode::Fill;
    s.resizeTo = QSize(224, 112);
    s.grayscale = true;
    s.orientationFromExif = false;
    s.normalizedWindowSize = 96;
    s.normalizedMaxFraction = 0.3;
    s.failOn = FailOn::Truncated;
    s.maxPixels = 123'456'789;
    s.format = OutputFormat::WebP;
    s.jpegQuality = 77;
    s.pngCompression = 6;
    s.webpQuality = 55;
    r.outputDir = QStringLiteral("/data/crops");
    r.nameTemplate = QStringLiteral("{label}/{stem}_{index}.{ext}");
    r.threads = 7;
    r.memoryBudgetBytes = qint64(3) << 30;
    r.resume = true;
    r.shardIndex = 2;
    r.shardCount = 5;
    return r;
}

Result<BatchRequest> fromText(const char* json) {
    return batchRequestFromJson(QJsonDocument::fromJson(json).object());
}

} // namespace

class TestBatchRequestJson : public QObject {
    Q_OBJECT
private slots:
    void defaultsRoundTrip() {
        const BatchRequest r;
        QVERIFY(batchRequestFromJson(batchRequestToJson(r)).value() == r);
    }

    void everyFieldRoundTripsThroughText() {
        const BatchRequest r = everyFieldSet();
        const QByteArray text = QJsonDocument(batchRequestToJson(r)).toJson();
        const Result<BatchRequest> back = batchRequestFromJson(QJsonDocument::fromJson(text).object());
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().message));
        QVERIFY(back.value() == r);
        // And the text is stable: writing what was read gives the same bytes.
        QCOMPARE(QJsonDocument(batchRequestToJson(*back)).toJson(), text);
    }

    void eachFieldMatters() {
        // The round trip must not hold by accident: changing one field changes the JSON.
        const BatchRequest base = everyFieldSet();
        BatchRequest other = base;
        other.settings.padBgr[2] = 249;
        QVERIFY(!(other == base));
        QVERIFY(batchRequestToJson(other) != batchRequestToJson(base));
        other = base;
        other.settings.normalizedMaxFraction = 0.30000000000000004;
        QVERIFY(batchRequestFromJson(batchRequestToJson(other)).value() == other);
        QVERIFY(!(other == base));
    }

    void generatedWindowsAndBigSeeds() {
        BatchRequest r;
        r.generated = {GeneratedWindows::Kind::Random, QSize(64, 48), 5, std::numeric_limits<quint64>::max()};
        r.images = QStringLiteral("photos");
        const Result<BatchRequest> back = batchRequestFromJson(batchRequestToJson(r));
        QVERIFY(back.value() == r);
        QCOMPARE(back->generated.seed, std::numeric_limits<quint64>::max());
    }

    void missingKeysKeepDefaults() {
        const Result<BatchRequest> r =
            fromText(R"({"cropdeck_request": 1, "crop": {"bounds": "shift"}, "output": {"folder": "out"}})");
        QVERIFY(r.ok());
        BatchRequest expected;
        expected.settings.bounds = BoundsPolicy::Shift;
        expected.outputDir = QStringLiteral("out");
        QVERIFY(r.value() == expected);
    }

    void errorsNameTheKey_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("setting");
        QTest::newRow("unknown top") << QByteArray(R"({"cropdeck_request":1,"extra":1})")
                                     << QStringLiteral("unknown key \"extra\"") << QString();
        QTest::newRow("unknown nested") << QByteArray(R"({"cropdeck_request":1,"crop":{"bondz":"clip"}})")
                                        << QStringLiteral("unknown key \"crop.bondz\"") << QString();
        QTest::newRow("wrong type") << QByteArray(R"({"cropdeck_request":1,"crop":{"gray":"yes"}})")
                                    << QStringLiteral("key \"crop.gray\": expected true or false")
                                    << QStringLiteral("crop.gray");
        QTest::newRow("bad name") << QByteArray(R"({"cropdeck_request":1,"crop":{"bounds":"wrap"}})")
                                  << QStringLiteral(
                                         "key \"crop.bounds\": \"wrap\": expected one of clip, shift, "
                                         "pad, skip, error")
                                  << QStringLiteral("crop.bounds");
        QTest::newRow("range") << QByteArray(R"({"cropdeck_request":1,"output":{"jpeg_quality":101}})")
                               << QStringLiteral(
                                      "key \"output.jpeg_quality\": 101 is out of range (1 to 100)")
                               << QStringLiteral("output.jpeg_quality");
        QTest::newRow("fraction") << QByteArray(R"({"cropdeck_request":1,"run":{"threads":2.5}})")
                                  << QStringLiteral("key \"run.threads\": expected an integer, not 2.5")
                                  << QStringLiteral("run.threads");
        QTest::newRow("section type")
            << QByteArray(R"({"cropdeck_request":1,"run":[]})")
            << QStringLiteral("key \"run\": expected an object") << QStringLiteral("run");
        QTest::newRow("resize mode alone")
            << QByteArray(R"({"cropdeck_request":1,"crop":{"resize_mode":"fit"}})")
            << QStringLiteral("key \"crop.resize_mode\": \"fit\" needs crop.resize WxH")
            << QStringLiteral("crop.resize_mode");
        QTest::newRow("seed") << QByteArray(R"({"cropdeck_request":1,"input":{"generated":{"seed":"-1"}}})")
                              << QStringLiteral(
                                     "key \"input.generated.seed\": expected a non-negative integer")
                              << QStringLiteral("input.generated.seed");
        QTest::newRow("no version") << QByteArray(R"({"crop":{}})")
                                    << QStringLiteral("not a CropDeck request") << QString();
    }
    void errorsNameTheKey() {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QFETCH(QString, setting);
        const Result<BatchRequest> r = batchRequestFromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(!r);
        QVERIFY2(r.error().message.startsWith(message), qPrintable(r.error().message));
        QCOMPARE(r.error().setting, setting);
    }

    void newerVersionIsRefused() {
        const Result<BatchRequest> r = fromText(R"({"cropdeck_request": 99})");
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Unsupported);
        QVERIFY(r.error().message.contains("newer"));
    }

    void filesResolveRelativePathsAgainstTheirFolder() {
        QTemporaryDir dir;
        const QString path = dir.filePath("job.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"cropdeck_request":1,"input":{"images":"imgs","annotations":"/abs/a.csv"},
                       "output":{"folder":"../out"}})");
        file.close();
        const Result<BatchRequest> r = loadBatchRequest(path);
        QVERIFY(r.ok());
        QCOMPARE(r->images, dir.filePath("imgs"));
        QCOMPARE(r->annotations, QStringLiteral("/abs/a.csv"));
        QCOMPARE(r->outputDir, QDir::cleanPath(dir.path() + "/../out"));

        const BatchRequest full = everyFieldSet();
        QVERIFY(saveBatchRequest(full, path).ok());
        QVERIFY(loadBatchRequest(path).value() == full);
    }

    void fileErrorsNameTheFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("broken.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"cropdeck_request\": 1,");
        file.close();
        const Result<BatchRequest> r = loadBatchRequest(path);
        QVERIFY(!r);
        QVERIFY2(r.error().message.startsWith(path + ": not valid JSON"), qPrintable(r.error().message));
        QCOMPARE(loadBatchRequest(dir.filePath("missing.json")).error().kind, ErrorKind::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestBatchRequestJson)
#include "test_batch_request_json.moc"
