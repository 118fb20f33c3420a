// SPDX-License-Identifier: GPL-3.0-or-later
// The output preview is the batch's output: for every window of a real BatchRunner batch on generated
// JPEGs, previewWindow()'s bytes equal the file the batch wrote, under margin, resize, bounds, format,
// gray and lossless variants; a window the batch skips gives the skip reason and no bytes.

#include "TestUtils.h"
#include "engine/BatchPlan.h"
#include "engine/BatchRunner.h"
#include "engine/WindowPreview.h"
#include "io/Encoder.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace cropdeck;
using namespace cropdeck::test;

Q_DECLARE_METATYPE(cropdeck::CropSettings)

namespace {

// Gradients and discs with noise; sizes off the MCU grid so edges are partial MCUs.
cv::Mat photoLike(int width, int height, int seed) {
    cv::Mat image(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.at<cv::Vec3b>(y, x) =
                cv::Vec3b(uchar(x * 255 / width), uchar(y * 255 / height), uchar(seed * 40));
    cv::circle(image, cv::Point(width / 3, height / 2), height / 3, cv::Scalar(30, 200, 90), cv::FILLED);
    cv::Mat noise(image.size(), image.type());
    cv::theRNG().state = quint64(seed);
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(12));
    return image + noise;
}

// Three JPEGs (4:2:0, one with restart markers), five windows each: inside, across the right edge, a
// tiny one, an MCU-unaligned one and one wholly outside the image.
AnnotationSet makeSet(const QString& folder) {
    AnnotationSet set;
    set.imageRoot = folder;
    const QList<QSize> sizes{{333, 250}, {400, 301}, {257, 190}};
    for (int i = 0; i < sizes.size(); ++i) {
        const QSize size = sizes[i];
        ImageEntry entry;
        entry.path = QStringLiteral("img%1.jpg").arg(i);
        std::vector<int> params{cv::IMWRITE_JPEG_QUALITY, 88};
        if (i == 1)
            params.insert(params.end(), {cv::IMWRITE_JPEG_RST_INTERVAL, 4});
        cv::imwrite(QDir(folder).filePath(entry.path).toStdString(),
                    photoLike(size.width(), size.height(), i + 1), params);
        const int w = size.width(), h = size.height();
        entry.windows =
            windowsAt({QRect(10, 12, w / 2, h / 2), QRect(w - 60, h / 3, 100, 70), QRect(5, 7, 9, 6),
                       QRect(w / 3 + 3, h / 4 + 5, w / 3, h / 2), QRect(w + 40, h + 30, 50, 40)});
        set.images.append(entry);
    }
    return set;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

struct Batch {
    BatchSummary summary;
    QStringList notices;
};

Batch runBatch(const AnnotationSet& set, const BatchOptions& options, const BatchPlan& plan) {
    Batch batch;
    BatchRunner runner;
    QObject::connect(&runner, &BatchRunner::noticed,
                     [&](const BatchNotice& n) { batch.notices << n.message; });
    QSignalSpy finished(&runner, &BatchRunner::finished);
    runner.start(plan, options);
    if (finished.wait(120'000))
        batch.summary = finished.first().first().value<BatchSummary>();
    else
        batch.summary.outcome = BatchOutcome::Fatal;
    Q_UNUSED(set);
    return batch;
}

} // namespace

class TestWindowPreview : public QObject {
    Q_OBJECT
private slots:
    void previewBytesAreTheBatchOutput_data() {
        QTest::addColumn<CropSettings>("settings");
        QTest::addColumn<int>("written"); // of 15 windows
        CropSettings jpeg;
        jpeg.format = OutputFormat::Jpeg;
        jpeg.jpegQuality = 77;
        jpeg.margin = {10, true};
        QTest::newRow("jpeg q77, margin 10%, clip") << jpeg << 12;
        CropSettings png;
        png.format = OutputFormat::Png;
        png.resize = ResizeMode::Fit;
        png.resizeTo = QSize(64, 48);
        png.bounds = BoundsPolicy::Pad;
        png.padBgr[0] = 200;
        QTest::newRow("png, fit 64x48, pad") << png << 12; // nothing to pad from wholly outside
        CropSettings same;
        same.resize = ResizeMode::Exact;
        same.resizeTo = QSize(40, 40); // JPEG decoded at a DCT scale
        same.margin = {6, false};
        same.bounds = BoundsPolicy::Shift;
        QTest::newRow("same as input, exact 40x40, margin 6 px, shift") << same << 15;
        CropSettings gray;
        gray.format = OutputFormat::WebP;
        gray.grayscale = true;
        gray.fixedSize = QSize(48, 36);
        gray.aspect = 0;
        QTest::newRow("webp, gray, fixed 48x36") << gray << 12;
        CropSettings aspect;
        aspect.format = OutputFormat::Bmp;
        aspect.aspect = 4.0 / 3.0;
        aspect.resize = ResizeMode::Fill;
        aspect.resizeTo = QSize(30, 30);
        QTest::newRow("bmp, aspect 4:3, fill 30x30") << aspect << 12;
        CropSettings lossless;
        lossless.format = OutputFormat::Jpeg;
        lossless.lossless = true;
        QTest::newRow("lossless jpeg") << lossless << 12;
    }

    void previewBytesAreTheBatchOutput() {
        QFETCH(CropSettings, settings);
        QFETCH(int, written);
        QTemporaryDir images, out;
        const AnnotationSet set = makeSet(images.path());
        BatchOptions options;
        options.imageRoot = images.path();
        options.outputDir = out.path();
        options.threads = 2;
        options.settings = settings;
        const Result<BatchPlan> plan = planBatch(set, options);
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().message));
        const Batch batch = runBatch(set, options, *plan);
        QCOMPARE(batch.summary.progress.windowsWritten, written);

        int compared = 0;
        for (const PlannedImage& image : plan->images) {
            for (int w = 0; w < image.windows.size(); ++w) {
                const Result<WindowPreview> preview =
                    previewWindow(image.absolutePath, image.windows[w], options.settings);
                QVERIFY2(preview.ok(), preview.ok() ? "" : qPrintable(preview.error().message));
                const QString file = QDir(out.path()).filePath(image.outputs[w].relativePath);
                if (!QFile::exists(file)) {
                    // Not written: the preview says why (clip of a window wholly outside is an error).
                    QVERIFY2(preview->skipped || preview->error, qPrintable(file));
                    QVERIFY(preview->encoded.isEmpty());
                    continue;
                }
                const QByteArray bytes = readAll(file);
                QVERIFY2(preview->encoded == bytes,
                         qPrintable(QStringLiteral("%1: preview %2 bytes, batch %3")
                                        .arg(file)
                                        .arg(preview->encoded.size())
                                        .arg(bytes.size())));
                QCOMPARE(preview->format, formatFromExtension(file));
                QCOMPARE(preview->lossless, settings.lossless);
                const cv::Mat decoded = referenceDecode(file);
                QCOMPARE(preview->outputSize, QSize(decoded.cols, decoded.rows));
                QCOMPARE(preview->display.size, preview->outputSize);
                QCOMPARE(preview->display.channels, decoded.channels());
                ++compared;
            }
        }
        QCOMPARE(compared, written);
    }

    void windowWhollyOutsideUnderSkipGivesTheSkipReason() {
        QTemporaryDir images, out;
        const AnnotationSet set = makeSet(images.path());
        BatchOptions options;
        options.imageRoot = images.path();
        options.outputDir = out.path();
        options.settings.bounds = BoundsPolicy::Skip;
        options.settings.format = OutputFormat::Png;
        const Result<BatchPlan> plan = planBatch(set, options);
        QVERIFY(plan.ok());
        const Batch batch = runBatch(set, options, *plan);
        QCOMPARE(batch.summary.progress.windowsSkipped, 6); // across the edge and wholly outside, per image
        const PlannedImage& image = plan->images.first();
        const Result<WindowPreview> outside =
            previewWindow(image.absolutePath, image.windows[4], options.settings);
        QVERIFY(outside.ok());
        QVERIFY(outside->skipped);
        QVERIFY(!outside->error);
        QVERIFY(outside->encoded.isEmpty());
        QVERIFY(!outside->skipReason.isEmpty());
        QVERIFY(!QFile::exists(QDir(out.path()).filePath(image.outputs[4].relativePath)));
        // The batch's notice for that window carries the same reason.
        bool named = false;
        for (const QString& notice : batch.notices)
            named = named || (notice.contains(image.relativePath) && notice.contains(u"window 4") &&
                              notice.endsWith(outside->skipReason));
        QVERIFY2(named,
                 qPrintable(batch.notices.join(u'\n') + QStringLiteral("\nreason: ") + outside->skipReason));
        const Result<WindowPreview> inside =
            previewWindow(image.absolutePath, image.windows[0], options.settings);
        QVERIFY(inside.ok());
        QCOMPARE(inside->encoded, readAll(QDir(out.path()).filePath(image.outputs[0].relativePath)));
    }

    void cancelledPreviewSaysSo() {
        QTemporaryDir images;
        const AnnotationSet set = makeSet(images.path());
        const std::atomic_bool cancel{true};
        const Result<WindowPreview> preview = previewWindow(
            QDir(images.path()).filePath(u"img0.jpg"_qs), set.images[0].windows[0], CropSettings{}, &cancel);
        QVERIFY(!preview.ok());
        QCOMPARE(preview.error().kind, ErrorKind::Cancelled);
    }

    void unreadableImageIsTheResultsError() {
        QTemporaryDir images;
        const Result<WindowPreview> preview =
            previewWindow(QDir(images.path()).filePath(u"missing.jpg"_qs), windowsAt({QRect(0, 0, 4, 4)})[0],
                          CropSettings{});
        QVERIFY(!preview.ok());
        QVERIFY(preview.error().message.contains(u"missing.jpg"));
    }
};

QTEST_GUILESS_MAIN(TestWindowPreview)
#include "test_window_preview.moc"
