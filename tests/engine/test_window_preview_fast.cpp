// SPDX-License-Identifier: GPL-3.0-or-later
// The output preview's fast path (a restart-marker copy of the image, PreviewSourceCache) writes the
// batch's bytes: for every JPEG variant the region tests use (gray, 4:4:4, 4:2:2, 4:2:0, 4:4:0, 4:1:1,
// progressive, arithmetic, odd sizes, EXIF orientations) and windows at the top, middle and bottom
// right, previewWindow() through the cache gives the bytes a real BatchRunner batch wrote from the
// original files, under several output settings; it really cuts from the copy, and lossless output
// never makes one. Real files of every kind preview through the cache as from the file.

#include "JpegTestImages.h"
#include "TestUtils.h"
#include "bench/BenchJpegWriter.h"
#include "engine/BatchPlan.h"
#include "engine/BatchRunner.h"
#include "engine/PreviewSourceCache.h"
#include "engine/WindowPreview.h"
#include "io/ImageProbe.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::test;

Q_DECLARE_METATYPE(cropdeck::CropSettings)

namespace {

struct Variant {
    const char* name;
    int width; // stored
    int height;
    bool color;
    Sampling sampling;
    bool progressive;
    bool arithmetic;
    int orientation; // EXIF, 0 for none
};

const Variant kVariants[] = {
    {"gray", 1001, 777, false, Sampling::S444, false, false, 0},
    {"444", 641, 479, true, Sampling::S444, false, false, 0},
    {"422", 1001, 777, true, Sampling::S422, false, false, 0},
    {"420", 1001, 777, true, Sampling::S420, false, false, 0},
    {"440", 1001, 777, true, Sampling::S440, false, false, 0},
    {"411", 1001, 777, true, Sampling::S411, false, false, 0},
    {"gray-progressive", 1001, 777, false, Sampling::S444, true, false, 0},
    {"420-progressive", 1001, 777, true, Sampling::S420, true, false, 0},
    {"422-progressive", 641, 479, true, Sampling::S422, true, false, 0},
    {"420-arithmetic", 500, 371, true, Sampling::S420, false, true, 0},
    {"420-odd", 333, 250, true, Sampling::S420, false, false, 0},
    {"420-exif6", 1001, 777, true, Sampling::S420, false, false, 6},
    {"422-exif3", 641, 479, true, Sampling::S422, false, false, 3},
    {"440-exif8", 500, 371, true, Sampling::S440, false, false, 8},
    {"411-exif5", 500, 371, true, Sampling::S411, false, false, 5},
};

QByteArray withExifOrientation(const QByteArray& jpeg, int orientation) {
    if (orientation == 0)
        return jpeg;
    const QByteArray payload = bench::exifOrientationPayload(orientation);
    const int length = int(payload.size()) + 2;
    const QByteArray app1 = QByteArray("\xFF\xE1", 2) + char(length >> 8) + char(length & 0xFF) + payload;
    return jpeg.left(2) + app1 + jpeg.mid(2);
}

// Top left, middle and bottom right of the upright image, off the MCU grid.
QList<QRect> windowsOf(const Variant& v) {
    const bool turned = v.orientation >= 5;
    const int w = turned ? v.height : v.width;
    const int h = turned ? v.width : v.height;
    return {QRect(3, 5, w / 4, h / 5), QRect(w / 2 - w / 8 + 1, h / 2 - h / 10, w / 4 + 3, h / 5 + 1),
            QRect(w - w / 4 - 1, h - h / 5 - 2, w / 4 + 1, h / 5 + 2)};
}

AnnotationSet makeSet(const QString& folder) {
    AnnotationSet set;
    set.imageRoot = folder;
    for (int i = 0; i < int(std::size(kVariants)); ++i) {
        const Variant& v = kVariants[i];
        JpegOptions options;
        options.color = v.color;
        options.sampling = v.sampling;
        options.progressive = v.progressive;
        options.arithmetic = v.arithmetic;
        ImageEntry entry;
        entry.path = QStringLiteral("%1.jpg").arg(QLatin1String(v.name));
        QFile file(QDir(folder).filePath(entry.path));
        const QByteArray jpeg = withExifOrientation(
            encodeJpeg(naturalImage(v.width, v.height, v.color, 40 + i), options), v.orientation);
        if (jpeg.size() <= 2 || !file.open(QIODevice::WriteOnly) || file.write(jpeg) != jpeg.size())
            return {};
        entry.windows = windowsAt(windowsOf(v));
        set.images.append(entry);
    }
    return set;
}

BatchSummary runBatch(const BatchOptions& options, const BatchPlan& plan) {
    BatchRunner runner;
    QSignalSpy finished(&runner, &BatchRunner::finished);
    runner.start(plan, options);
    BatchSummary summary;
    summary.outcome = BatchOutcome::Fatal;
    if (finished.wait(300'000))
        summary = finished.first().first().value<BatchSummary>();
    return summary;
}

// Every image of the test set gets a copy: no size threshold.
PreviewSourceLimits everyImage() {
    PreviewSourceLimits limits;
    limits.minPixels = 0;
    limits.maxImages = 2;
    return limits;
}

} // namespace

class TestWindowPreviewFast : public QObject {
    Q_OBJECT

private slots:
    void fastPreviewBytesAreTheBatchOutput_data() {
        QTest::addColumn<CropSettings>("settings");
        CropSettings jpeg;
        jpeg.format = OutputFormat::Jpeg;
        jpeg.jpegQuality = 85;
        QTest::newRow("jpeg q85") << jpeg;
        CropSettings png;
        png.format = OutputFormat::Png;
        png.margin = {12, true};
        png.bounds = BoundsPolicy::Pad;
        QTest::newRow("png, margin 12%, pad") << png;
        CropSettings scaled;
        scaled.resize = ResizeMode::Exact;
        scaled.resizeTo = QSize(40, 30); // decoded at a DCT scale
        QTest::newRow("same as input, exact 40x30") << scaled;
        CropSettings gray;
        gray.format = OutputFormat::Bmp;
        gray.grayscale = true;
        gray.aspect = 1.0;
        gray.bounds = BoundsPolicy::Shift;
        QTest::newRow("bmp, gray, square, shift") << gray;
    }

    void fastPreviewBytesAreTheBatchOutput() {
        QFETCH(CropSettings, settings);
        QTemporaryDir images, out;
        const AnnotationSet set = makeSet(images.path());
        QCOMPARE(set.images.size(), qsizetype(std::size(kVariants)));
        BatchOptions options;
        options.imageRoot = images.path();
        options.outputDir = out.path();
        options.threads = 2;
        options.settings = settings;
        const Result<BatchPlan> plan = planBatch(set, options);
        QVERIFY2(plan.ok(), errorText(plan).constData());
        const BatchSummary summary = runBatch(options, *plan);
        QCOMPARE(summary.progress.windowsWritten, int(3 * std::size(kVariants)));

        PreviewSourceCache sources(everyImage());
        for (const PlannedImage& image : plan->images) {
            for (int w = 0; w < image.windows.size(); ++w) {
                const Result<WindowPreview> preview =
                    previewWindow(image.absolutePath, image.windows[w], options.settings, sources);
                QVERIFY2(preview.ok(), errorText(preview).constData());
                const QString file = QDir(out.path()).filePath(image.outputs[w].relativePath);
                const QByteArray written = fileContents(file);
                QVERIFY2(!written.isEmpty(), qPrintable(file));
                QVERIFY2(preview->encoded == written,
                         qPrintable(QStringLiteral("%1: preview %2 bytes, batch %3")
                                        .arg(file)
                                        .arg(preview->encoded.size())
                                        .arg(written.size())));
                // The middle window lies below the first MCU rows whatever the orientation: the copy's
                // restart markers must have served it.
                if (w == 1)
                    QVERIFY2(preview->decodePlan == u"jpeg-restart",
                             qPrintable(image.relativePath + QStringLiteral(": ") + preview->decodePlan));
            }
            QCOMPARE(sources.images(), std::min(2, sources.builds()));
        }
        QCOMPARE(sources.builds(), int(std::size(kVariants))); // one copy per image, reused by its windows
    }

    // Real files of every kind (camera EXIF orientations, grayscale, progressive, unusual codings, CMYK,
    // damaged): the preview through the cache says exactly what the preview from the file says, whether
    // it made a copy, refused one (damaged, CMYK, 12-bit...) or had nothing to gain.
    void realFilesPreviewAsFromTheFile() {
        CROPDECK_REQUIRE_SHARED_DATA();
        const QDir data(sharedDataDir());
        QStringList files;
        for (const QString& folder : {u"edge_cases"_qs, u"exif_orientation"_qs})
            for (QDirIterator it(data.filePath(folder), {u"*.jpg"_qs, u"*.jpeg"_qs, u"*.JPG"_qs}, QDir::Files,
                                 QDirIterator::Subdirectories);
                 it.hasNext();)
                files << it.next();
        QVERIFY(files.size() >= 20);
        PreviewSourceCache sources(everyImage());
        CropSettings settings;
        settings.failOn = FailOn::None; // damaged files too give pixels
        int copied = 0;
        for (const QString& file : files) {
            const Result<ImageInfo> info = probeImage(file, 0);
            if (!info)
                continue;
            const int w = info->uprightWidth(), h = info->uprightHeight();
            for (const QRect& box : {QRect(0, 0, w / 3 + 1, h / 4 + 1), QRect(w / 3, h / 2, w / 3, h / 4),
                                     QRect(w - w / 4, h - h / 5, w / 4, h / 5)}) {
                const CropWindow window = windowsAt({box}).first();
                const Result<WindowPreview> fast = previewWindow(file, window, settings, sources);
                const Result<WindowPreview> plain = previewWindow(file, window, settings);
                QCOMPARE(fast.ok(), plain.ok());
                if (!plain.ok()) {
                    QCOMPARE(fast.error().message, plain.error().message);
                    continue;
                }
                QVERIFY2(fast->encoded == plain->encoded, qPrintable(file));
                QCOMPARE(bool(fast->error), bool(plain->error));
                copied += fast->decodePlan != plain->decodePlan;
            }
        }
        QVERIFY2(copied > 0, "no real file was cut from a copy");
    }

    // Lossless output copies the file's own entropy data: the preview reads the file, makes no copy.
    void losslessPreviewMakesNoCopy() {
        QTemporaryDir images, out;
        const AnnotationSet set = makeSet(images.path());
        BatchOptions options;
        options.imageRoot = images.path();
        options.outputDir = out.path();
        options.settings.format = OutputFormat::Jpeg;
        options.settings.lossless = true;
        const Result<BatchPlan> plan = planBatch(set, options);
        QVERIFY2(plan.ok(), errorText(plan).constData());
        const BatchSummary summary = runBatch(options, *plan);
        QVERIFY(summary.progress.windowsWritten > 0);
        PreviewSourceCache sources(everyImage());
        int compared = 0;
        for (const PlannedImage& image : plan->images)
            for (int w = 0; w < image.windows.size(); ++w) {
                const Result<WindowPreview> preview =
                    previewWindow(image.absolutePath, image.windows[w], options.settings, sources);
                QVERIFY2(preview.ok(), errorText(preview).constData());
                const QString file = QDir(out.path()).filePath(image.outputs[w].relativePath);
                if (!QFile::exists(file)) {
                    QVERIFY(preview->error || preview->skipped); // orientation vs partial MCU, say
                    continue;
                }
                QVERIFY(preview->lossless);
                QCOMPARE(preview->encoded, fileContents(file));
                ++compared;
            }
        QCOMPARE(compared, summary.progress.windowsWritten);
        QCOMPARE(sources.builds(), 0);
    }
};

QTEST_GUILESS_MAIN(TestWindowPreviewFast)
#include "test_window_preview_fast.moc"
