// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/BatchPlan.h"
#include "engine/Manifest.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace cropdeck;

namespace {

CropWindow box(double x, double y, double w, double h, const QString& label, const QString& id) {
    CropWindow window;
    window.box = QRectF(x, y, w, h);
    window.label = label;
    window.id = id;
    return window;
}

AnnotationSet sampleSet(int images) {
    AnnotationSet set;
    set.imageRoot = QStringLiteral("/data/images");
    for (int i = 0; i < images; ++i) {
        ImageEntry entry;
        entry.path = QStringLiteral("img%1.jpg").arg(i);
        entry.windows = {box(0, 0, 10, 10, "cat", "0"), box(5, 5, 10, 10, "dog", "1")};
        set.images.append(entry);
    }
    return set;
}

// Real source files (the plan records their size and time) and a first run's manifest: every planned
// output written as "abc" and recorded "ok" with the inputs the plan gave it.
struct FinishedRun {
    QTemporaryDir images;
    QTemporaryDir out;
    AnnotationSet set = sampleSet(2);
    BatchOptions options;

    bool make() {
        set.imageRoot = images.path();
        for (const ImageEntry& image : set.images)
            if (!writeBytes(images.filePath(image.path), "source " + image.path.toUtf8()))
                return false;
        options.outputDir = out.path();
        const Result<BatchPlan> plan = planBatch(set, options);
        ManifestWriter writer;
        if (!plan || !writer.open(out.filePath(kManifestFileName)))
            return false;
        for (const PlannedImage& image : plan->images)
            for (const PlannedOutput& output : image.outputs)
                if (!writeBytes(out.filePath(output.relativePath), "abc") ||
                    !writer.append({image.relativePath,
                                    image.windows[output.windowIndex].id,
                                    output.windowIndex,
                                    output.relativePath,
                                    "ok",
                                    3,
                                    {},
                                    {},
                                    output.inputs}))
                    return false;
        options.resume = true;
        return true;
    }
    static bool writeBytes(const QString& path, const QByteArray& bytes) {
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    }
};

int doneCount(const BatchPlan& plan) {
    int done = 0;
    for (const PlannedImage& image : plan.images)
        for (const PlannedOutput& output : image.outputs)
            done += output.alreadyDone ? 1 : 0;
    return done;
}

} // namespace

class TestBatchPlan : public QObject {
    Q_OBJECT
private slots:
    void namesEveryWindow() {
        BatchOptions options;
        options.outputDir = QStringLiteral("/tmp/out");
        const Result<BatchPlan> plan = planBatch(sampleSet(2), options);
        QVERIFY(plan.ok());
        QCOMPARE(plan->images.size(), 2);
        QCOMPARE(plan->windowsTotal, 4);
        QCOMPARE(plan->images[1].absolutePath, QStringLiteral("/data/images/img1.jpg"));
        QCOMPARE(plan->images[1].outputs[0].relativePath, QStringLiteral("img1_0_cat.jpg"));
        QCOMPARE(plan->images[1].outputs[1].relativePath, QStringLiteral("img1_1_dog.jpg"));
    }

    void collisionsGetDeterministicSuffixes() {
        AnnotationSet set = sampleSet(1);
        set.images[0].windows.append(box(1, 1, 5, 5, "CAT", "2"));
        BatchOptions options;
        options.outputDir = QStringLiteral("/tmp/out");
        options.nameTemplate = QStringLiteral("{stem}_{label}.{ext}");
        set.images[0].windows[1].label = QStringLiteral("cat");
        const Result<BatchPlan> plan = planBatch(set, options);
        QVERIFY(plan.ok());
        const auto& outputs = plan->images[0].outputs;
        QCOMPARE(outputs[0].relativePath, QStringLiteral("img0_cat.jpg"));
        QCOMPARE(outputs[1].relativePath, QStringLiteral("img0_cat-1.jpg"));
        // Differing only in case is a collision on Windows and macOS.
        QCOMPARE(outputs[2].relativePath, QStringLiteral("img0_CAT-2.jpg"));
    }

    void refusesToOverwriteASource() {
        AnnotationSet set = sampleSet(2);
        BatchOptions options;
        options.outputDir = QStringLiteral("/data/images");
        options.nameTemplate = QStringLiteral("img1.jpg"); // every output would be named like a source
        const Result<BatchPlan> plan = planBatch(set, options);
        QVERIFY(!plan.ok());
        QVERIFY2(plan.error().message.contains("would overwrite a source image"),
                 qPrintable(plan.error().message));
    }

    void shardsPartitionTheBatch() {
        const AnnotationSet set = sampleSet(50);
        QSet<QString> seen;
        int total = 0;
        for (int shard = 0; shard < 3; ++shard) {
            BatchOptions options;
            options.outputDir = QStringLiteral("/tmp/out");
            options.shardIndex = shard;
            options.shardCount = 3;
            const Result<BatchPlan> plan = planBatch(set, options);
            QVERIFY(plan.ok());
            QCOMPARE(plan->images.size() + plan->imagesInOtherShards, 50);
            QVERIFY(plan->images.size() > 5); // the hash spreads images across shards
            for (const PlannedImage& image : plan->images)
                seen.insert(image.relativePath);
            total += int(plan->images.size());
        }
        QCOMPARE(total, 50);
        QCOMPARE(seen.size(), 50);
        QCOMPARE(shardOf("img7.jpg", 3), shardOf("img7.jpg", 3));
    }

    void badShardIsAConfigurationError() {
        BatchOptions options;
        options.shardIndex = 3;
        options.shardCount = 3;
        QVERIFY(!planBatch(sampleSet(1), options).ok());
    }

    void resumeMarksFinishedOutputs() {
        QTemporaryDir out;
        QFile done(out.filePath("img0_0_cat.jpg"));
        QVERIFY(done.open(QIODevice::WriteOnly));
        done.write("abc");
        done.close();
        BatchOptions options;
        options.outputDir = out.path();
        {
            const Result<BatchPlan> first = planBatch(sampleSet(1), options);
            QVERIFY(first.ok());
            ManifestWriter writer;
            QVERIFY(writer.open(out.filePath(kManifestFileName)).ok());
            QVERIFY(writer
                        .append({"img0.jpg",
                                 "0",
                                 0,
                                 "img0_0_cat.jpg",
                                 "ok",
                                 3,
                                 {},
                                 {},
                                 first->images[0].outputs[0].inputs})
                        .ok());
        }
        options.resume = true;
        const Result<BatchPlan> plan = planBatch(sampleSet(1), options);
        QVERIFY(plan.ok());
        QCOMPARE(plan->windowsAlreadyDone, 1);
        QVERIFY(plan->images[0].outputs[0].alreadyDone);
        QVERIFY(!plan->images[0].outputs[1].alreadyDone);
    }

    void resumeKeepsOutputsMadeFromTheSameInputs() {
        FinishedRun run;
        QVERIFY(run.make());
        run.options.threads = 3; // threads and memory never change an output
        run.options.memoryBudgetBytes = 64 << 20;
        run.options.settings.maxPixels = 1'000'000;
        const Result<BatchPlan> plan = planBatch(run.set, run.options);
        QVERIFY(plan.ok());
        QCOMPARE(plan->windowsAlreadyDone, 4);
        QCOMPARE(doneCount(*plan), 4);
        QVERIFY2(plan->warnings.isEmpty(), qPrintable(plan->warnings.join('\n')));
    }

    // Regression: --resume after changing settings kept the crops made with the old ones.
    void resumeRedoesOutputsMadeWithOtherSettings() {
        FinishedRun run;
        QVERIFY(run.make());
        run.options.settings.jpegQuality = 70;
        const Result<BatchPlan> plan = planBatch(run.set, run.options);
        QVERIFY(plan.ok());
        QCOMPARE(plan->windowsAlreadyDone, 0);
        QCOMPARE(doneCount(*plan), 0);
        QCOMPARE(plan->windowsMadeFromOtherInputs, 4);
        QCOMPARE(plan->warnings.size(), 1);
        QVERIFY2(plan->warnings[0].contains(run.out.filePath(kManifestFileName)) &&
                     plan->warnings[0].contains("4 output(s) were made with other settings") &&
                     plan->warnings[0].contains("will be cropped again"),
                 qPrintable(plan->warnings[0]));
    }

    void resumeRedoesAWindowWhoseBoxChanged() {
        FinishedRun run;
        QVERIFY(run.make());
        run.set.images[1].windows[0].box.translate(1, 0);
        const Result<BatchPlan> plan = planBatch(run.set, run.options);
        QVERIFY(plan.ok());
        QCOMPARE(plan->windowsAlreadyDone, 3);
        QVERIFY(!plan->images[1].outputs[0].alreadyDone);
        QVERIFY(plan->images[1].outputs[1].alreadyDone);
        QCOMPARE(plan->windowsMadeFromOtherInputs, 1);
        QVERIFY(plan->warnings.join('\n').contains("1 output(s) were made"));
    }

    void resumeRedoesTheOutputsOfAChangedSource() {
        FinishedRun run;
        QVERIFY(run.make());
        QFile source(run.images.filePath("img0.jpg"));
        QVERIFY(source.open(QIODevice::ReadWrite));
        QVERIFY(source.setFileTime(QDateTime::currentDateTime().addSecs(-3600),
                                   QFileDevice::FileModificationTime));
        source.close();
        QVERIFY(FinishedRun::writeBytes(run.images.filePath("img1.jpg"), "another source, same name"));
        const Result<BatchPlan> plan = planBatch(run.set, run.options);
        QVERIFY(plan.ok());
        QCOMPARE(plan->windowsAlreadyDone, 0);
        QCOMPARE(plan->windowsMadeFromOtherInputs, 4);
    }

    // Decision documented in Manifest.h: lines of older versions (no recorded inputs) are not trusted.
    void resumeRedoesOutputsOfAnOldManifestWithAWarning() {
        QTemporaryDir out;
        QVERIFY(FinishedRun::writeBytes(out.filePath("img0_0_cat.jpg"), "abc"));
        QVERIFY(FinishedRun::writeBytes(
            out.filePath(kManifestFileName),
            R"({"source":"img0.jpg","window":"0","index":0,"output":"img0_0_cat.jpg","status":"ok","bytes":3})"
            "\n"));
        BatchOptions options;
        options.outputDir = out.path();
        options.resume = true;
        const Result<BatchPlan> plan = planBatch(sampleSet(1), options);
        QVERIFY(plan.ok());
        QCOMPARE(plan->windowsAlreadyDone, 0);
        QCOMPARE(plan->windowsWithUnknownInputs, 1);
        QCOMPARE(plan->warnings.size(), 1);
        QVERIFY2(plan->warnings[0].contains("1 output(s) were recorded by an older CropDeck") &&
                     plan->warnings[0].contains("cropped again"),
                 qPrintable(plan->warnings[0]));
    }

    void imageListRestrictsAndRelocates() {
        BatchOptions options;
        options.outputDir = QStringLiteral("/tmp/out");
        options.imageList = {QStringLiteral("/elsewhere/img1.jpg")};
        const Result<BatchPlan> plan = planBatch(sampleSet(2), options);
        QVERIFY(plan.ok());
        QVERIFY(plan->images[0].problem.contains("not in the images list"));
        QVERIFY(plan->images[1].problem.isEmpty());
        QCOMPARE(plan->images[1].absolutePath, QStringLiteral("/elsewhere/img1.jpg"));
    }

    void outputExtensionFollowsFormat_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("expected");
        QTest::newRow("jpeg kept") << "a.JPEG" << int(OutputFormat::SameAsInput) << "jpg";
        QTest::newRow("png kept") << "a.png" << int(OutputFormat::SameAsInput) << "png";
        QTest::newRow("tiff kept") << "a.tiff" << int(OutputFormat::SameAsInput) << "tif";
        QTest::newRow("pnm to png") << "a.ppm" << int(OutputFormat::SameAsInput) << "png";
        QTest::newRow("forced webp") << "a.jpg" << int(OutputFormat::WebP) << "webp";
    }
    void outputExtensionFollowsFormat() {
        QFETCH(QString, source);
        QFETCH(int, format);
        QFETCH(QString, expected);
        CropSettings settings;
        settings.format = OutputFormat(format);
        QCOMPARE(outputExtensionFor(source, settings), expected);
    }
};

QTEST_APPLESS_MAIN(TestBatchPlan)
#include "test_batch_plan.moc"
