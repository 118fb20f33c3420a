// SPDX-License-Identifier: GPL-3.0-or-later
// The synthetic pictures: deterministic, natural-looking (neither flat nor noise), honest object boxes;
// and the JPEG writer's restart markers and EXIF orientation.
#include "TestUtils.h"
#include "bench/BenchJpegWriter.h"
#include "bench/SceneRenderer.h"

#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <vector>

using namespace cropdeck;
using namespace cropdeck::bench;

namespace {

cv::Mat toGrayFloat(const cv::Mat& pixels) {
    cv::Mat gray = pixels;
    if (pixels.channels() == 3)
        cv::cvtColor(pixels, gray, cv::COLOR_BGR2GRAY);
    cv::Mat out;
    gray.convertTo(out, CV_32F);
    return out;
}

double variance(const cv::Mat& values) {
    cv::Scalar mean, stddev;
    cv::meanStdDev(values, mean, stddev);
    return stddev[0] * stddev[0];
}

// Correlation of horizontally adjacent pixels: about 0 for white noise, close to 1 for photographs.
double neighbourCorrelation(const cv::Mat& gray) {
    const cv::Mat left = gray.colRange(0, gray.cols - 1), right = gray.colRange(1, gray.cols);
    cv::Scalar ml, sl, mr, sr;
    cv::meanStdDev(left, ml, sl);
    cv::meanStdDev(right, mr, sr);
    cv::Mat product;
    cv::multiply(left - ml[0], right - mr[0], product);
    return cv::mean(product)[0] / (sl[0] * sr[0]);
}

bool hasMarker(const QByteArray& jpeg, uchar second) {
    return jpeg.contains(QByteArray("\xFF", 1) + char(second));
}

} // namespace

class TestSceneRenderer : public QObject {
    Q_OBJECT
private slots:
    void sizes_data() {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("channels");
        QTest::newRow("small gray") << 64 << 48 << 1;
        QTest::newRow("colour, composed at full size") << 300 << 200 << 3;
        QTest::newRow("colour, composed small and upscaled") << 1500 << 1100 << 3;
        QTest::newRow("gray portrait, upscaled") << 700 << 1300 << 1;
    }

    void deterministicForASeed_data() { sizes_data(); }
    void deterministicForASeed() {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(int, channels);
        const Scene a = renderScene(width, height, channels, 42);
        const Scene b = renderScene(width, height, channels, 42);
        const Scene c = renderScene(width, height, channels, 43);
        QCOMPARE(a.pixels.cols, width);
        QCOMPARE(a.pixels.rows, height);
        QCOMPARE(a.pixels.type(), channels == 1 ? CV_8UC1 : CV_8UC3);
        QCOMPARE(test::differingPixels(a.pixels, b.pixels), 0LL);
        QCOMPARE(a.objects.size(), b.objects.size());
        for (int i = 0; i < a.objects.size(); ++i)
            QCOMPARE(a.objects[i].box, b.objects[i].box);
        QVERIFY(test::differingPixels(a.pixels, c.pixels) > width * height / 2);
    }

    // Natural pictures keep most of their variance at low spatial frequencies and have strongly
    // correlated neighbours; a flat picture has no variance, white noise no correlation.
    void looksNatural_data() { sizes_data(); }
    void looksNatural() {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(int, channels);
        for (quint64 seed : {1ull, 2ull, 3ull}) {
            const cv::Mat gray = toGrayFloat(renderScene(width, height, channels, seed).pixels);
            cv::Mat lowPass;
            cv::GaussianBlur(gray, lowPass, cv::Size(0, 0), std::max(width, height) / 100.0 + 1);
            const double low = variance(lowPass), high = variance(gray - lowPass);
            QVERIFY2(low > 100,
                     qPrintable(QStringLiteral("seed %1: nearly flat, variance %2").arg(seed).arg(low)));
            QVERIFY2(low > 8 * high,
                     qPrintable(QStringLiteral("seed %1: low %2 high %3").arg(seed).arg(low).arg(high)));
            QVERIFY2(high > 0.5, qPrintable(QStringLiteral("seed %1: no fine detail at all").arg(seed)));
            QVERIFY(neighbourCorrelation(gray) > 0.8);
        }
    }

    void objectBoxesHoldTheirShapes() {
        for (quint64 seed = 0; seed < 8; ++seed) {
            const Scene scene = renderScene(900, 600, 3, seed);
            QVERIFY(scene.objects.size() >= 1 && scene.objects.size() <= 6);
            for (const SceneObject& object : scene.objects) {
                QVERIFY(!object.box.isEmpty());
                QVERIFY(QRect(0, 0, 900, 600).contains(object.box));
                QVERIFY(object.label == "ellipse" || object.label == "polygon");
                QVERIFY(object.box.width() >= 10 && object.box.height() >= 10);
            }
        }
    }

    void mixSeedSpreadsNearbySeeds() {
        QVERIFY(mixSeed(1, 0) != mixSeed(1, 1));
        QVERIFY(mixSeed(1, 0) != mixSeed(2, 0));
        QCOMPARE(mixSeed(7, 3), mixSeed(7, 3));
    }

    void jpegWriterRestartMarkersAndSampling_data() {
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("restartRows");
        QTest::newRow("gray") << 1 << 0;
        QTest::newRow("gray, restart markers") << 1 << 1;
        QTest::newRow("colour 4:2:0") << 3 << 0;
        QTest::newRow("colour 4:2:0, restart markers") << 3 << 1;
    }
    void jpegWriterRestartMarkersAndSampling() {
        QFETCH(int, channels);
        QFETCH(int, restartRows);
        const cv::Mat pixels = renderScene(200, 120, channels, 5).pixels;
        JpegWriteOptions options;
        options.restartRows = restartRows;
        const Result<QByteArray> jpeg = encodeBenchJpeg(pixels, options);
        QVERIFY(jpeg.ok());
        QCOMPARE(hasMarker(jpeg.value(), 0xDD), restartRows > 0); // DRI
        QCOMPARE(hasMarker(jpeg.value(), 0xD0), restartRows > 0); // RST0
        const std::vector<uchar> bytes(jpeg->begin(), jpeg->end());
        const cv::Mat decoded = cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
        QCOMPARE(decoded.channels(), channels);
        cv::Mat diff;
        cv::absdiff(decoded, pixels, diff);
        QVERIFY(cv::mean(diff)[0] < 3.0); // q90 of a smooth picture stays close
        const Result<QByteArray> again = encodeBenchJpeg(pixels, options);
        QVERIFY(again.ok());
        QCOMPARE(again.value(), jpeg.value());
    }

    void jpegWriterExifOrientation() {
        const cv::Mat stored = renderScene(160, 96, 3, 9).pixels;
        JpegWriteOptions options;
        options.exifOrientation = 6;
        const Result<QByteArray> jpeg = encodeBenchJpeg(stored, options);
        QVERIFY(jpeg.ok());
        QVERIFY(jpeg->contains(exifOrientationPayload(6)));
        QVERIFY(!jpeg->contains("JFIF"));
        const std::vector<uchar> bytes(jpeg->begin(), jpeg->end());
        const cv::Mat upright = cv::imdecode(bytes, cv::IMREAD_COLOR); // applies EXIF orientation
        QCOMPARE(upright.cols, 96);
        QCOMPARE(upright.rows, 160);
    }

    void jpegWriterRejectsBadInput() {
        const Result<QByteArray> deep = encodeBenchJpeg(cv::Mat(8, 8, CV_16UC1, cv::Scalar(0)), {});
        QVERIFY(!deep.ok());
        QCOMPARE(deep.error().kind, ErrorKind::Invalid);
        JpegWriteOptions badOrientation;
        badOrientation.exifOrientation = 9;
        QVERIFY(!encodeBenchJpeg(cv::Mat(8, 8, CV_8UC1, cv::Scalar(0)), badOrientation).ok());
    }
};

QTEST_APPLESS_MAIN(TestSceneRenderer)
#include "test_scene_renderer.moc"
