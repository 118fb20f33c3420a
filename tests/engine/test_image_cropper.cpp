// SPDX-License-Identifier: GPL-3.0-or-later
// The whole per-image pipeline (probe → plan → region decode → cut → pad/resize) against an independent
// reference: OpenCV's full decode of the same file, then the same crop.

#include "TestUtils.h"
#include "engine/ImageCropper.h"
#include "io/Encoder.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <vector>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

// Smooth shapes and gradients with mild noise: compresses like a photo, not like noise.
cv::Mat naturalImage(int width, int height, int channels, quint32 seed) {
    QRandomGenerator random(seed);
    cv::Mat image(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.at<cv::Vec3b>(y, x) =
                cv::Vec3b(uchar(x * 255 / width), uchar(y * 255 / height), uchar((x + y) % 256));
    for (int i = 0; i < 12; ++i)
        cv::circle(image, cv::Point(random.bounded(width), random.bounded(height)),
                   5 + random.bounded(width / 4 + 1),
                   cv::Scalar(random.bounded(256), random.bounded(256), random.bounded(256)), cv::FILLED,
                   cv::LINE_AA);
    cv::Mat noise(image.size(), image.type());
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(6));
    image += noise;
    if (channels == 1)
        cv::cvtColor(image, image, cv::COLOR_BGR2GRAY);
    if (channels == 4) {
        cv::cvtColor(image, image, cv::COLOR_BGR2BGRA);
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x)
                image.at<cv::Vec4b>(y, x)[3] = uchar((x * 7 + y * 3) % 256);
    }
    return image;
}

QList<CropWindow> randomWindows(QSize image, int count, quint32 seed) {
    QRandomGenerator random(seed);
    QList<CropWindow> windows;
    for (int i = 0; i < count; ++i) {
        const int w = 1 + random.bounded(image.width());
        const int h = 1 + random.bounded(image.height());
        CropWindow window;
        window.box =
            QRectF(random.bounded(image.width() - w + 1), random.bounded(image.height() - h + 1), w, h);
        window.id = QString::number(i);
        windows.append(window);
    }
    // The corners and the whole image, where decoders most often go wrong.
    for (const QRect& r :
         {QRect(0, 0, 1, 1), QRect(image.width() - 1, image.height() - 1, 1, 1), QRect(QPoint(0, 0), image),
          QRect(image.width() - 17, image.height() - 9, 17, 9)}) {
        CropWindow window;
        window.box = QRectF(r);
        window.id = QStringLiteral("edge%1").arg(windows.size());
        windows.append(window);
    }
    return windows;
}

QList<CropWindow> denseWindows(QSize image) {
    QList<CropWindow> windows;
    for (int i = 0; i < 5; ++i) {
        CropWindow window;
        window.box = QRectF(image.width() / 4 + i * 3, image.height() / 4 + i * 2, image.width() / 3,
                            image.height() / 3);
        window.id = QString::number(i);
        windows.append(window);
    }
    return windows;
}

cv::Mat referenceCrop(const cv::Mat& reference, const QRectF& box) {
    const QRect r = box.toAlignedRect() & QRect(0, 0, reference.cols, reference.rows);
    return reference(cv::Rect(r.x(), r.y(), r.width(), r.height()));
}

void verifyExact(const QString& path, const QList<CropWindow>& windows, const CropSettings& settings) {
    const Result<CroppedImage> cropped = cropImage(path, windows, settings);
    QVERIFY2(cropped.ok(), cropped.ok() ? "" : qPrintable(cropped.error().message));
    const cv::Mat reference = referenceDecode(path);
    QVERIFY(!reference.empty());
    QCOMPARE(int(cropped->windows.size()), int(windows.size()));
    for (const CroppedWindow& window : cropped->windows) {
        QVERIFY2(!window.error, window.error ? qPrintable(window.error->message) : "");
        const cv::Mat expected = referenceCrop(reference, windows[window.windowIndex].box);
        // Collected windows own exactly their pixels: a view would keep the whole decoded union alive.
        const cv::Mat& pixels = window.pixels;
        QVERIFY(pixels.u != nullptr && pixels.data == pixels.datastart && pixels.dataend == pixels.datalimit);
        QVERIFY2(differingPixels(window.pixels, expected) == 0,
                 qPrintable(QStringLiteral("%1 window %2 via %3: %4")
                                .arg(path, windows[window.windowIndex].id, cropped->decodePlan,
                                     describeDifference(window.pixels, expected))));
    }
}

} // namespace

class TestImageCropper : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString write(const QString& name, const cv::Mat& image, const std::vector<int>& params = {}) {
        const QString path = m_dir.filePath(name);
        if (name == u"c444.jpg" || name == u"c422.jpg") {
            EncodeOptions options;
            options.jpegSubsampling = name == u"c444.jpg" ? JpegSubsampling::Yuv444 : JpegSubsampling::Yuv422;
            Result<QByteArray> bytes = encodeImage(image, OutputFormat::Jpeg, options, path);
            QFile file(path);
            if (!bytes || !file.open(QIODevice::WriteOnly) || file.write(*bytes) != bytes->size())
                return {};
            return path;
        }
        if (!cv::imwrite(path.toStdString(), image, params))
            return {};
        return path;
    }

private slots:
    void exactCropsEveryDecodePath_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("channels");
        QTest::addColumn<QList<int>>("params");
        QTest::newRow("jpeg colour 4:2:0") << "c420.jpg" << 3 << QList<int>{cv::IMWRITE_JPEG_QUALITY, 90};
        // OpenCV 4.6 has no sampling-factor flag: these two are written by TurboJPEG (see write()).
        QTest::newRow("jpeg colour 4:4:4") << "c444.jpg" << 3 << QList<int>{};
        QTest::newRow("jpeg colour 4:2:2") << "c422.jpg" << 3 << QList<int>{};
        QTest::newRow("jpeg gray") << "g.jpg" << 1 << QList<int>{};
        QTest::newRow("jpeg progressive") << "p.jpg" << 3 << QList<int>{cv::IMWRITE_JPEG_PROGRESSIVE, 1};
        QTest::newRow("jpeg restart markers")
            << "rst.jpg" << 3 << QList<int>{cv::IMWRITE_JPEG_RST_INTERVAL, 3};
        QTest::newRow("jpeg gray restart") << "grst.jpg" << 1 << QList<int>{cv::IMWRITE_JPEG_RST_INTERVAL, 1};
        QTest::newRow("png colour") << "c.png" << 3 << QList<int>{};
        QTest::newRow("png gray") << "g.png" << 1 << QList<int>{};
        QTest::newRow("png alpha") << "a.png" << 4 << QList<int>{};
        QTest::newRow("bmp colour") << "c.bmp" << 3 << QList<int>{};
        QTest::newRow("bmp gray") << "g.bmp" << 1 << QList<int>{};
        QTest::newRow("tiff colour") << "c.tif" << 3 << QList<int>{};
        QTest::newRow("webp lossless") << "c.webp" << 3 << QList<int>{cv::IMWRITE_WEBP_QUALITY, 101};
        QTest::newRow("ppm") << "c.ppm" << 3 << QList<int>{};
    }
    void exactCropsEveryDecodePath() {
        QFETCH(QString, name);
        QFETCH(int, channels);
        QFETCH(QList<int>, params);
        const QString path =
            write(name, naturalImage(333, 251, channels, 7), std::vector<int>(params.begin(), params.end()));
        QVERIFY(!path.isEmpty());
        verifyExact(path, randomWindows(QSize(333, 251), 25, 11), CropSettings());
        verifyExact(path, denseWindows(QSize(333, 251)), CropSettings()); // one decode of the union
    }

    void windowsOfSequentialFilesAreReadTogether() {
        // A JPEG without restart markers decodes from its top for every read: windows down the image
        // are read in one pass (row bands), unless they all sit near the top far apart sideways. PNG
        // windows share one decode of their union. Pixels stay exact either way.
        const QList<CropWindow> downTheImage =
            windowsAt({QRect(40, 100, 60, 50), QRect(1000, 500, 80, 40), QRect(500, 900, 70, 60)});
        const QList<CropWindow> topCorners = windowsAt({QRect(0, 0, 50, 50), QRect(1150, 0, 50, 50)});
        const struct {
            const char* name;
            const QList<CropWindow>& windows;
            const char* plan;
        } cases[] = {{"g.jpg", downTheImage, "jpeg-bands"},
                     {"g.jpg", topCorners, "jpeg-region×2"},
                     {"c420.jpg", downTheImage, "jpeg-bands"},
                     {"p.jpg", downTheImage, "jpeg-bands"},
                     {"grst.jpg", downTheImage, "jpeg-restart×3"},
                     {"g.png", downTheImage, "png-deflate"},
                     {"g.png", topCorners, "png-rows"}};
        for (const auto& c : cases) {
            const QString name = QStringLiteral("seq-") + c.name;
            const bool gray = name.contains(u"g.") || name.contains(u"grst");
            std::vector<int> params;
            if (name.contains(u"rst"))
                params = {cv::IMWRITE_JPEG_RST_INTERVAL, 1};
            if (name.contains(u"p.jpg"))
                params = {cv::IMWRITE_JPEG_PROGRESSIVE, 1};
            const QString path = write(name, naturalImage(1200, 1000, gray ? 1 : 3, 5), params);
            QVERIFY(!path.isEmpty());
            verifyExact(path, c.windows, CropSettings());
            const Result<CroppedImage> cropped = cropImage(path, c.windows, CropSettings());
            QVERIFY(cropped.ok());
            QVERIFY2(cropped->decodePlan == QString::fromUtf8(c.plan),
                     qPrintable(name + QStringLiteral(": ") + cropped->decodePlan));
        }
    }

    void uprightCoordinatesFollowExif() {
        CROPDECK_REQUIRE_SHARED_DATA();
        const QDir dir(sharedDataDir() + "/exif_orientation");
        for (const QString& name : dir.entryList({"*.jpg"})) {
            const QString path = dir.filePath(name);
            // OpenCV applies the EXIF orientation itself: an independent upright reference.
            const cv::Mat upright = cv::imread(path.toStdString(), cv::IMREAD_COLOR);
            QVERIFY(!upright.empty());
            const QList<CropWindow> windows = randomWindows(QSize(upright.cols, upright.rows), 6, 3);
            const Result<CroppedImage> cropped = cropImage(path, windows, CropSettings());
            QVERIFY2(cropped.ok(), qPrintable(name));
            for (const CroppedWindow& window : cropped->windows) {
                const cv::Mat expected = referenceCrop(upright, windows[window.windowIndex].box);
                QVERIFY2(differingPixels(window.pixels, expected) == 0,
                         qPrintable(name + ": " + describeDifference(window.pixels, expected)));
            }
        }
    }

    void padPolicyFillsOutside() {
        const QString path = write("pad.png", naturalImage(100, 80, 3, 5));
        CropSettings settings;
        settings.bounds = BoundsPolicy::Pad;
        settings.padBgr[0] = 10, settings.padBgr[1] = 20, settings.padBgr[2] = 30;
        CropWindow window;
        window.box = QRectF(-10, 70, 40, 20); // 10 px off the left, 10 px off the bottom
        const Result<CroppedImage> cropped = cropImage(path, {window}, settings);
        QVERIFY(cropped.ok());
        const cv::Mat& pixels = cropped->windows[0].pixels;
        QCOMPARE(pixels.cols, 40);
        QCOMPARE(pixels.rows, 20);
        QCOMPARE(pixels.at<cv::Vec3b>(0, 0), cv::Vec3b(10, 20, 30));
        QCOMPARE(pixels.at<cv::Vec3b>(19, 39), cv::Vec3b(10, 20, 30));
        const cv::Mat reference = referenceDecode(path);
        QCOMPARE(differingPixels(pixels(cv::Rect(10, 0, 30, 10)), reference(cv::Rect(0, 70, 30, 10))), 0ll);
    }

    void skipAndErrorPolicies() {
        const QString path = write("policy.png", naturalImage(50, 50, 1, 2));
        CropWindow outside;
        outside.box = QRectF(40, 40, 20, 20);
        CropSettings settings;
        settings.bounds = BoundsPolicy::Skip;
        Result<CroppedImage> cropped = cropImage(path, {outside}, settings);
        QVERIFY(cropped.ok());
        QVERIFY(cropped->windows[0].skipped);
        settings.bounds = BoundsPolicy::Error;
        cropped = cropImage(path, {outside}, settings);
        QVERIFY(cropped.ok());
        QVERIFY(cropped->windows[0].error);
        QCOMPARE(cropped->windows[0].error->kind, ErrorKind::OutOfBounds);
        QVERIFY2(cropped->windows[0].error->message.contains("policy.png"),
                 qPrintable(cropped->windows[0].error->message));
    }

    void dctScaledResizeMatchesFullResolutionResize() {
        const QString path = write("big.jpg", naturalImage(1600, 1200, 3, 9), {cv::IMWRITE_JPEG_QUALITY, 95});
        CropSettings settings;
        settings.resize = ResizeMode::Exact;
        settings.resizeTo = QSize(100, 75);
        CropWindow window;
        window.box = QRectF(160, 120, 1200, 900);
        const Result<CroppedImage> cropped = cropImage(path, {window}, settings);
        QVERIFY(cropped.ok());
        const cv::Mat& pixels = cropped->windows[0].pixels;
        QCOMPARE(pixels.cols, 100);
        QCOMPARE(pixels.rows, 75);
        cv::Mat expected;
        cv::resize(referenceDecode(path)(cv::Rect(160, 120, 1200, 900)), expected, cv::Size(100, 75), 0, 0,
                   cv::INTER_AREA);
        QVERIFY2(cv::PSNR(pixels, expected) > 30, qPrintable(QString::number(cv::PSNR(pixels, expected))));
    }

    // A lossless crop copies DCT blocks, so its pixels are the source's. The only decoder-side difference:
    // fancy chroma upsampling treats the crop's edges as image edges, which changes colour pixels within
    // 2 pixels of an edge of a subsampled (4:2:0) crop. Gray has no chroma: there the whole crop is exact.
    void losslessJpegCropDecodesToTheAlignedReference_data() {
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("edge");
        QTest::newRow("colour 4:2:0") << 3 << 2;
        QTest::newRow("gray") << 1 << 0;
    }
    void losslessJpegCropDecodesToTheAlignedReference() {
        QFETCH(int, channels);
        QFETCH(int, edge);
        const QString path =
            write(QStringLiteral("lossless%1.jpg").arg(channels), naturalImage(320, 240, channels, 4));
        CropSettings settings;
        settings.lossless = true;
        CropWindow window;
        window.box = QRectF(35, 21, 100, 90);
        const Result<CroppedImage> cropped = cropImage(path, {window}, settings);
        QVERIFY(cropped.ok());
        const CroppedWindow& result = cropped->windows[0];
        QVERIFY2(!result.error, result.error ? qPrintable(result.error->message) : "");
        QVERIFY(result.mcuAligned); // 35,21 is not on the 8/16-pixel MCU grid
        const std::vector<uchar> bytes(result.losslessJpeg.begin(), result.losslessJpeg.end());
        const cv::Mat decoded = cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
        QVERIFY(!decoded.empty());
        QCOMPARE(decoded.channels(), channels);
        QVERIFY(decoded.cols >= 100 && decoded.rows >= 90);
        const int x = 135 - decoded.cols, y = 111 - decoded.rows; // far edges kept
        const int mcu = channels == 1 ? 8 : 16;
        QCOMPARE(x % mcu, 0);
        QCOMPARE(y % mcu, 0);
        const cv::Rect inner(edge, edge, decoded.cols - 2 * edge, decoded.rows - 2 * edge);
        const cv::Mat reference = referenceDecode(path)(cv::Rect(x, y, decoded.cols, decoded.rows));
        QVERIFY2(differingPixels(decoded(inner), reference(inner)) == 0,
                 qPrintable(describeDifference(decoded(inner), reference(inner))));
        if (edge > 0) // the border differs by upsampling only: small
            QVERIFY(cv::norm(decoded, reference, cv::NORM_INF) <= 24);
    }

    void refusesImagesOverThePixelLimit() {
        const QString path = write("limit.png", naturalImage(200, 100, 1, 1));
        CropSettings settings;
        settings.maxPixels = 19'999;
        CropWindow window;
        window.box = QRectF(0, 0, 10, 10);
        const Result<CroppedImage> cropped = cropImage(path, {window}, settings);
        QVERIFY(!cropped.ok());
        QCOMPARE(cropped.error().kind, ErrorKind::TooLarge);
        QVERIFY(cropped.error().message.contains("limit.png"));
    }

    void corruptDataIsAnErrorNamingTheFile() {
        const QString path = write("cut.jpg", naturalImage(400, 300, 3, 8));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.resize(file.size() / 3));
        file.close();
        CropWindow window;
        window.box = QRectF(0, 250, 400, 50); // in the missing part
        const Result<CroppedImage> cropped = cropImage(path, {window}, CropSettings());
        QVERIFY(!cropped.ok());
        QVERIFY2(cropped.error().message.contains("cut.jpg"), qPrintable(cropped.error().message));
        CropSettings lenient;
        lenient.failOn = FailOn::None;
        QVERIFY(cropImage(path, {window}, lenient).ok());
    }
};

QTEST_GUILESS_MAIN(TestImageCropper)
#include "test_image_cropper.moc"
