// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/BatchPlan.h"
#include "engine/OutputDigest.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace cropdeck;

using SettingsChange = std::function<void(CropSettings&)>;
Q_DECLARE_METATYPE(SettingsChange)

class TestOutputDigest : public QObject {
    Q_OBJECT
private slots:
    // The digest must be the same on every run and machine: pin the text and the hash of the defaults.
    void defaultsHaveAFixedTextAndDigest() {
        const CropSettings defaults;
        QCOMPARE(canonicalSettingsText(defaults),
                 QByteArray("cropdeck-settings-v1\nbounds=0\npad_mode=0\npad_bgr=0,0,0\nmargin=0\naspect=0\n"
                            "fixed_size=none\nresize=0\nresize_to=none\ngray=0\norientation_from_exif=1\n"
                            "normalized_window_size=0\nnormalized_max_fraction=1\nfail_on=0\nlossless=0\n"
                            "format=0\njpeg_quality=90\npng_level=1\nwebp_quality=90\n"));
        const QString digest = cropSettingsDigest(defaults);
        QCOMPARE(digest.size(), 32);
        QCOMPARE(digest, cropSettingsDigest(CropSettings{}));
        QCOMPARE(digest, QString::fromLatin1(QCryptographicHash::hash(canonicalSettingsText(defaults),
                                                                      QCryptographicHash::Sha256)
                                                 .left(16)
                                                 .toHex()));
    }

    void everyOutputAffectingFieldChangesTheDigest_data() {
        QTest::addColumn<SettingsChange>("change");
        const auto row = [](const char* name, SettingsChange change) {
            QTest::newRow(name) << change;
        };
        row("bounds", [](CropSettings& s) { s.bounds = BoundsPolicy::Pad; });
        row("pad mode", [](CropSettings& s) { s.padMode = PadMode::Edge; });
        row("pad blue", [](CropSettings& s) { s.padBgr[0] = 1; });
        row("pad green", [](CropSettings& s) { s.padBgr[1] = 1; });
        row("pad red", [](CropSettings& s) { s.padBgr[2] = 1; });
        row("margin value", [](CropSettings& s) { s.margin.value = 10; });
        row("margin percent", [](CropSettings& s) { s.margin.percent = true; });
        row("margin fraction", [](CropSettings& s) { s.margin.value = 1e-9; });
        row("aspect", [](CropSettings& s) { s.aspect = 4.0 / 3.0; });
        row("fixed size", [](CropSettings& s) { s.fixedSize = QSize(64, 64); });
        row("fixed size w", [](CropSettings& s) { s.fixedSize = QSize(64, 65); });
        row("resize mode", [](CropSettings& s) { s.resize = ResizeMode::Fit; });
        row("resize to", [](CropSettings& s) { s.resizeTo = QSize(224, 224); });
        row("gray", [](CropSettings& s) { s.grayscale = true; });
        row("orientation", [](CropSettings& s) { s.orientationFromExif = false; });
        row("normalized window size", [](CropSettings& s) { s.normalizedWindowSize = 224; });
        row("normalized max fraction", [](CropSettings& s) { s.normalizedMaxFraction = 0.5; });
        row("fail on", [](CropSettings& s) { s.failOn = FailOn::Truncated; });
        row("lossless", [](CropSettings& s) { s.lossless = true; });
        row("format", [](CropSettings& s) { s.format = OutputFormat::Png; });
        row("jpeg quality", [](CropSettings& s) { s.jpegQuality = 91; });
        row("png level", [](CropSettings& s) { s.pngCompression = 6; });
        row("webp quality", [](CropSettings& s) { s.webpQuality = 80; });
    }
    void everyOutputAffectingFieldChangesTheDigest() {
        QFETCH(SettingsChange, change);
        CropSettings changed;
        change(changed);
        QVERIFY(cropSettingsDigest(changed) != cropSettingsDigest(CropSettings{}));
    }

    void fieldsThatNeverChangeAnOutputKeepTheDigest() {
        CropSettings settings;
        settings.maxPixels = 1'000;
        QCOMPARE(cropSettingsDigest(settings), cropSettingsDigest(CropSettings{}));
    }

    // Threads, memory budget, shard and output folder live in BatchOptions: the planned inputs of an
    // output do not change with them.
    void batchOptionsOutsideTheSettingsKeepThePlannedInputs() {
        QTemporaryDir images;
        QFile source(images.filePath("a.png"));
        QVERIFY(source.open(QIODevice::WriteOnly));
        source.write("not decoded by the planner");
        source.close();
        AnnotationSet set;
        set.imageRoot = images.path();
        ImageEntry entry;
        entry.path = QStringLiteral("a.png");
        CropWindow window;
        window.box = QRectF(1, 2, 3, 4);
        entry.windows = {window};
        set.images = {entry};

        BatchOptions base;
        base.outputDir = QStringLiteral("/tmp/out-a");
        BatchOptions other = base;
        other.threads = 7;
        other.memoryBudgetBytes = 1 << 20;
        other.outputDir = QStringLiteral("/tmp/out-b");
        const Result<BatchPlan> a = planBatch(set, base);
        const Result<BatchPlan> b = planBatch(set, other);
        QVERIFY(a.ok() && b.ok());
        const OutputInputs inputs = a->images[0].outputs[0].inputs;
        QCOMPARE(b->images[0].outputs[0].inputs, inputs);
        QCOMPARE(inputs.settingsDigest, cropSettingsDigest(CropSettings{}));
        QCOMPARE(inputs.window, QStringLiteral("box 1,2,3,4"));
        QCOMPARE(inputs.source.bytes, qint64(26));
        QVERIFY(inputs.source.modifiedMs > 0);
    }

    void windowGeometryIsExact() {
        CropWindow box;
        box.box = QRectF(0.1, 20, 100.25, 50);
        box.label = QStringLiteral("cat"); // names the output, not part of the geometry
        QCOMPARE(windowGeometryText(box), QStringLiteral("box 0.10000000000000001,20,100.25,50"));
        CropWindow square;
        square.kind = CropWindow::Kind::NormalizedSquare;
        square.square = {0.5, 0.25, 0.125};
        QCOMPARE(windowGeometryText(square), QStringLiteral("square 0.5,0.25,0.125"));
    }

    // Whole coordinates take a shortcut; the text must stay what 'g' at 17 digits writes, or the digests
    // recorded in earlier manifests would no longer match and --resume would redo every output.
    void wholeCoordinatesKeepTheirText() {
        const double values[] = {0.0,  -0.0, 1.0,  -7.0,  32.0, 4096.0, 123456789012345.0,
                                 1e15, 1e16, 1e17, -1e16, 0.5,  2.5e-8};
        for (const double v : values) {
            CropWindow box;
            box.box = QRectF(v, -v, 3, 4);
            const QByteArray expected =
                "box " + QByteArray::number(v, 'g', 17) + ',' + QByteArray::number(-v, 'g', 17) + ",3,4";
            QCOMPARE(windowGeometryText(box), QString::fromLatin1(expected));
        }
    }

    void sourceStampFollowsTheFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("s.jpg");
        QCOMPARE(sourceStampOf(path), SourceStamp{});
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("12345");
        file.close();
        const SourceStamp first = sourceStampOf(path);
        QCOMPARE(first.bytes, qint64(5));
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(QDateTime::fromMSecsSinceEpoch(first.modifiedMs - 5000),
                                 QFileDevice::FileModificationTime));
        file.close();
        const SourceStamp touched = sourceStampOf(path);
        QCOMPARE(touched.bytes, qint64(5));
        QCOMPARE(touched.modifiedMs, first.modifiedMs - 5000);
    }
};

QTEST_APPLESS_MAIN(TestOutputDigest)
#include "test_output_digest.moc"
