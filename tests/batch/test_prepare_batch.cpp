// SPDX-License-Identifier: GPL-3.0-or-later
// prepareBatch(): one request in, the job every shell runs out. Overwrite protection by file identity,
// YOLO sizes in the boxes' convention, minimum box size, settings errors that name the setting.

#include "TestUtils.h"
#include "batch/PrepareBatch.h"
#include "io/ImageProbe.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

#include <unistd.h>

using namespace cropdeck;

namespace {

void writeText(const QString& path, const QByteArray& text) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

void writeImage(const QString& path, int width, int height) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    cv::Mat image(height, width, CV_8UC3, cv::Scalar(10, 120, 230));
    QVERIFY(cv::imwrite(path.toStdString(), image));
}

QByteArray contents(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

BatchRequest csvRequest(const QTemporaryDir& dir, const QByteArray& csv) {
    writeText(dir.filePath("boxes.csv"), csv);
    BatchRequest request;
    request.annotations = dir.filePath("boxes.csv");
    request.images = dir.filePath("images");
    request.outputDir = dir.filePath("out");
    return request;
}

} // namespace

class TestPrepareBatch : public QObject {
    Q_OBJECT
private slots:
    void plansEveryWindow() {
        QTemporaryDir dir;
        writeImage(dir.filePath("images/a.png"), 32, 32);
        writeImage(dir.filePath("images/b.png"), 32, 32);
        const BatchRequest request =
            csvRequest(dir, "path,x,y,w,h,label\na.png,0,0,8,8,cat\na.png,4,4,8,8,dog\nb.png,1,1,5,5,cat\n");
        const Result<PreparedBatch> batch = prepareBatch(request);
        QVERIFY2(batch.ok(), batch.ok() ? "" : qPrintable(batch.error().message));
        QCOMPARE(batch->plan.images.size(), 2);
        QCOMPARE(batch->plan.windowsTotal, 3);
        QCOMPARE(batch->options.outputDir, request.outputDir);
        QCOMPARE(batch->plan.images[0].absolutePath, dir.filePath("images/a.png"));
        QVERIFY(!batch->readerDropped);
        QVERIFY(batch->warnings.isEmpty());
    }

    void outputFolderLinkedToTheImagesCannotOverwriteThem() {
        QTemporaryDir dir;
        writeImage(dir.filePath("images/x.png"), 16, 16);
        const QByteArray before = contents(dir.filePath("images/x.png"));
        QDir().mkpath(dir.filePath("s"));
        QVERIFY(QFile::link(dir.filePath("images"), dir.filePath("s/link")));
        BatchRequest request = csvRequest(dir, "path,x,y,w,h\nx.png,0,0,8,8\n");
        request.outputDir = dir.filePath("s/link");
        request.nameTemplate = QStringLiteral("{name}");
        const Result<PreparedBatch> batch = prepareBatch(request);
        QVERIFY(!batch);
        QVERIFY2(batch.error().message.contains("would overwrite a source image"),
                 qPrintable(batch.error().message));
        QCOMPARE(contents(dir.filePath("images/x.png")), before);

        // The same through `..` and a differently spelled folder.
        request.outputDir = dir.filePath("s/../images/./");
        QVERIFY(!prepareBatch(request));
    }

    void aHardLinkToASourceIsTheSource() {
        QTemporaryDir dir;
        writeImage(dir.filePath("images/x.png"), 16, 16);
        QDir().mkpath(dir.filePath("out"));
        QCOMPARE(::link(QFile::encodeName(dir.filePath("images/x.png")).constData(),
                        QFile::encodeName(dir.filePath("out/x.png")).constData()),
                 0);
        BatchRequest request = csvRequest(dir, "path,x,y,w,h\nx.png,0,0,8,8\n");
        request.nameTemplate = QStringLiteral("{name}");
        const Result<PreparedBatch> batch = prepareBatch(request);
        QVERIFY(!batch);
        QVERIFY(batch.error().message.contains("would overwrite a source image"));
        // A different name in the same folder is fine.
        request.nameTemplate = QStringLiteral("{stem}_crop.{ext}");
        QVERIFY(prepareBatch(request).ok());
    }

    void yoloFractionsUseTheSizeOfTheBoxesConvention() {
        CROPDECK_REQUIRE_SHARED_DATA();
        QTemporaryDir dir;
        const QString image = dir.filePath("set/images/p.jpg");
        QDir().mkpath(QFileInfo(image).absolutePath());
        QVERIFY(QFile::copy(test::sharedDataDir() + "/exif_orientation/Landscape_6.jpg", image));
        writeText(dir.filePath("set/labels/p.txt"), "0 0.25 0.25 0.5 0.5\n");
        writeText(dir.filePath("set/classes.txt"), "pole\n");
        const ImageInfo info = probeImage(image, 0).value();
        QVERIFY(info.width != info.uprightWidth()); // the test needs axes that swap

        BatchRequest request;
        request.annotations = dir.filePath("set");
        request.outputDir = dir.filePath("out");
        for (const bool stored : {false, true}) {
            request.settings.orientationFromExif = !stored;
            const Result<PreparedBatch> batch = prepareBatch(request);
            QVERIFY2(batch.ok(), batch.ok() ? "" : qPrintable(batch.error().message));
            const QSize size =
                stored ? QSize(info.width, info.height) : QSize(info.uprightWidth(), info.uprightHeight());
            QCOMPARE(batch->annotations.images.size(), 1);
            QCOMPARE(batch->annotations.images[0].windows[0].box,
                     QRectF(0, 0, size.width() * 0.5, size.height() * 0.5));
        }
    }

    void boxesBelowTheMinimumSizeAreSkippedByName() {
        QTemporaryDir dir;
        writeImage(dir.filePath("images/a.png"), 32, 32);
        BatchRequest request =
            csvRequest(dir, "path,x,y,w,h\na.png,3,3,1,1\na.png,0,0,10,10\na.png,5,5,20,1\n");
        request.minBoxSize = 2;
        const Result<PreparedBatch> batch = prepareBatch(request);
        QVERIFY(batch.ok());
        QCOMPARE(batch->plan.windowsTotal, 1);
        QCOMPARE(batch->plan.images[0].windows[0].box, QRectF(0, 0, 10, 10));
        QCOMPARE(batch->warnings.size(), 2);
        for (const BatchWarning& warning : batch->warnings) {
            QCOMPARE(warning.kind, BatchWarningKind::SmallBox);
            QVERIFY2(warning.message.startsWith("a.png: box"), qPrintable(warning.message));
            QVERIFY(warning.message.contains("smaller than the minimum box size 2 px"));
        }
        QVERIFY(batch->warnings[1].message.contains("1x1 at 3,3"));
        request.minBoxSize = 0;
        QCOMPARE(prepareBatch(request)->plan.windowsTotal, 3);
    }

    void droppedAnnotationLinesCountAsFailures() {
        QTemporaryDir dir;
        writeImage(dir.filePath("images/a.png"), 32, 32);
        const BatchRequest request = csvRequest(dir, "path,x,y,w,h\na.png,0,0,8,8\na.png,zero,0,8,8\n");
        QList<AnnotationIssue> issues;
        const Result<PreparedBatch> batch = prepareBatch(request, PrepareFor::Run, &issues);
        QVERIFY(batch.ok());
        QVERIFY(batch->readerDropped);
        QCOMPARE(issues.size(), batch->readerIssues.size());
        QVERIFY(!issues.isEmpty());
        QCOMPARE(batch->warnings.last().kind, BatchWarningKind::ReaderDropped);
    }

    void settingsErrorsNameTheSetting_data() {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("text");
        QTest::newRow("no output") << "output.folder"
                                   << "needs an output folder";
        QTest::newRow("no input") << "input.annotations"
                                  << "needs an annotation file";
        QTest::newRow("both inputs") << "input.generated"
                                     << "give one or the other";
        QTest::newRow("lossless gray") << "crop.lossless"
                                       << "cannot convert to gray";
        QTest::newRow("lossless png") << "crop.lossless"
                                      << "written as JPEG";
        QTest::newRow("shard") << "run.shard"
                               << "not a valid shard";
    }
    void settingsErrorsNameTheSetting() {
        QFETCH(QString, setting);
        QFETCH(QString, text);
        BatchRequest request;
        request.annotations = QStringLiteral("boxes.csv");
        request.outputDir = QStringLiteral("out");
        const QString row = QString::fromLatin1(QTest::currentDataTag());
        if (row == "no output")
            request.outputDir.clear();
        else if (row == "no input")
            request.annotations.clear();
        else if (row == "both inputs")
            request.generated = {GeneratedWindows::Kind::Centre, QSize(8, 8), 1, 0};
        else if (row == "lossless gray")
            request.settings.lossless = request.settings.grayscale = true;
        else if (row == "lossless png")
            request.settings.lossless = true, request.settings.format = OutputFormat::Png;
        else if (row == "shard")
            request.shardIndex = 3, request.shardCount = 3;
        const Status checked = checkBatchRequest(request, PrepareFor::Run);
        QVERIFY(!checked);
        QCOMPARE(checked.error().setting, setting);
        QVERIFY2(checked.error().message.contains(text), qPrintable(checked.error().message));
        QVERIFY(!checked.error().message.contains("--")); // core names settings, not flags
    }

    void aDryRunNeedsNoOutputFolder() {
        QTemporaryDir dir;
        writeImage(dir.filePath("images/a.png"), 32, 32);
        BatchRequest request = csvRequest(dir, "path,x,y,w,h\na.png,0,0,8,8\n");
        request.outputDir.clear();
        QVERIFY(!prepareBatch(request, PrepareFor::Run));
        QVERIFY(prepareBatch(request, PrepareFor::DryRun).ok());
    }

    void browsingListsTheImagesNoAnnotationNames() {
        QTemporaryDir dir;
        writeImage(dir.filePath("images/a.png"), 32, 32);
        writeImage(dir.filePath("images/b.png"), 32, 32);
        writeImage(dir.filePath("images/sub/c.png"), 32, 32);
        writeText(dir.filePath("images/notes.txt"), "not an image");
        BatchRequest request = csvRequest(dir, "path,x,y,w,h,label\na.png,0,0,8,8,cat\n");

        const Result<PreparedBatch> browse = prepareBatch(request, PrepareFor::Browse);
        QVERIFY2(browse, browse ? "" : qPrintable(browse.error().message));
        QCOMPARE(browse->unannotatedImages, (QList<int>{1, 2}));
        QCOMPARE(browse->annotations.images.size(), 3);
        QCOMPARE(browse->annotations.images[1].path, QString("b.png"));
        QCOMPARE(browse->annotations.images[2].path, QString("sub/c.png"));
        QVERIFY(browse->annotations.images[2].windows.isEmpty());
        QCOMPARE(browse->plan.images.size(), 3);
        QCOMPARE(browse->plan.images[2].absolutePath, dir.filePath("images/sub/c.png"));
        QVERIFY(browse->plan.images[2].problem.isEmpty());
        QCOMPARE(browse->plan.windowsTotal, 1);

        // A batch and a dry run plan what the annotations name, nothing more.
        for (const PrepareFor purpose : {PrepareFor::Run, PrepareFor::DryRun}) {
            const Result<PreparedBatch> run = prepareBatch(request, purpose);
            QVERIFY(run.ok());
            QVERIFY(run->unannotatedImages.isEmpty());
            QCOMPARE(run->plan.images.size(), 1);
        }

        // An --images list: its images that no annotation names.
        writeText(dir.filePath("list.txt"), "images/a.png\nimages/sub/c.png\n");
        request.images = dir.filePath("list.txt");
        const Result<PreparedBatch> listed = prepareBatch(request, PrepareFor::Browse);
        QVERIFY2(listed, listed ? "" : qPrintable(listed.error().message));
        QCOMPARE(listed->unannotatedImages, QList<int>{1});
        QCOMPARE(listed->plan.images.size(), 2);
        QCOMPARE(listed->plan.images[1].absolutePath, dir.filePath("images/sub/c.png"));
        QVERIFY(listed->plan.images[1].problem.isEmpty());

        // Without --images, the annotation file alone says what the set is.
        request.images.clear();
        writeText(dir.filePath("boxes.csv"), "path,x,y,w,h,label\nimages/a.png,0,0,8,8,cat\n");
        const Result<PreparedBatch> alone = prepareBatch(request, PrepareFor::Browse);
        QVERIFY2(alone, alone ? "" : qPrintable(alone.error().message));
        QVERIFY(alone->unannotatedImages.isEmpty());
        QCOMPARE(alone->plan.images.size(), 1);
    }

    void generatedWindowsNeedImages() {
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath("empty"));
        BatchRequest request;
        request.images = dir.filePath("empty");
        request.outputDir = dir.filePath("out");
        request.generated = {GeneratedWindows::Kind::Centre, QSize(8, 8), 1, 0};
        const Result<PreparedBatch> batch = prepareBatch(request);
        QVERIFY(!batch);
        QCOMPARE(batch.error().kind, ErrorKind::NotFound);
        QVERIFY2(batch.error().message.contains("no images to crop"), qPrintable(batch.error().message));

        writeImage(dir.filePath("empty/a.png"), 20, 10);
        const Result<PreparedBatch> one = prepareBatch(request);
        QVERIFY(one.ok());
        QCOMPARE(one->annotations.images[0].windows[0].box, QRectF(6, 1, 8, 8));
    }
};

QTEST_GUILESS_MAIN(TestPrepareBatch)
#include "test_prepare_batch.moc"
