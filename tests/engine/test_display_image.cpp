// SPDX-License-Identifier: GPL-3.0-or-later
// decodeForDisplay: the pixels the GUI shows are the engine's upright pixels, at the DCT scale chosen for
// the view, checked against OpenCV reference decodes (IMREAD_REDUCED_* for the scaled ones).
#include "DisplayPixelsCompare.h"
#include "TestUtils.h"
#include "engine/DisplayImage.h"
#include "geometry/OrientPixels.h"
#include "io/ImageProbe.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

cv::Mat reducedReference(const QString& path, int denom) {
    const int flags[] = {
        0, cv::IMREAD_COLOR,          cv::IMREAD_REDUCED_COLOR_2, 0, cv::IMREAD_REDUCED_COLOR_4, 0, 0,
        0, cv::IMREAD_REDUCED_COLOR_8};
    return cv::imread(path.toStdString(), flags[denom] | cv::IMREAD_IGNORE_ORIENTATION);
}

cv::Mat gradient(int width, int height) {
    cv::Mat image(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.at<cv::Vec3b>(y, x) =
                cv::Vec3b(uchar(x * 255 / width), uchar(y * 255 / height), uchar((x ^ y) & 255));
    return image;
}

} // namespace

class TestDisplayImage : public QObject {
    Q_OBJECT

private slots:
    void scaleDenom_data() {
        QTest::addColumn<QSize>("image");
        QTest::addColumn<QSize>("target");
        QTest::addColumn<int>("denom");
        QTest::newRow("no target") << QSize(6000, 4000) << QSize() << 1;
        QTest::newRow("view larger than image") << QSize(800, 600) << QSize(1600, 1000) << 1;
        QTest::newRow("half exactly") << QSize(2000, 1000) << QSize(1000, 500) << 2;
        QTest::newRow("just over half") << QSize(2000, 1000) << QSize(1001, 501) << 1;
        QTest::newRow("6000x4000 in 1600x1000: height fits at 1/4")
            << QSize(6000, 4000) << QSize(1600, 1000) << 4;
        QTest::newRow("6000x4000 in 1600x1001") << QSize(6000, 4000) << QSize(1600, 1001) << 2;
        QTest::newRow("6000x4000 in 700x400") << QSize(6000, 4000) << QSize(700, 400) << 8;
        QTest::newRow("height limits") << QSize(1000, 4000) << QSize(1000, 500) << 8;
        QTest::newRow("thumbnail") << QSize(4000, 3000) << QSize(256, 256) << 8;
    }
    void scaleDenom() {
        QFETCH(QSize, image);
        QFETCH(QSize, target);
        QFETCH(int, denom);
        QCOMPARE(displayScaleDenom(image, target), denom);
    }

    void scaledJpegEqualsReducedReference_data() {
        QTest::addColumn<QSize>("target");
        QTest::addColumn<int>("denom");
        QTest::newRow("full") << QSize() << 1;
        QTest::newRow("half") << QSize(500, 300) << 2;
        QTest::newRow("quarter") << QSize(250, 150) << 4;
        QTest::newRow("eighth") << QSize(100, 60) << 8;
    }
    void scaledJpegEqualsReducedReference() {
        QFETCH(QSize, target);
        QFETCH(int, denom);
        QTemporaryDir dir;
        const QString path = dir.filePath("g.jpg");
        QVERIFY(cv::imwrite(path.toStdString(), gradient(1001, 601)));
        Result<DisplayImage> shown = decodeForDisplay(path, target, 1'000'000'000);
        QVERIFY2(shown.ok(), shown ? "" : qPrintable(shown.error().message));
        QCOMPARE(shown->scaleDenom, denom);
        QCOMPARE(shown->fullSize, QSize(1001, 601));
        QCOMPARE(shown->pixels.size, QSize((1001 + denom - 1) / denom, (601 + denom - 1) / denom));
        QCOMPARE(shown->pixels.bytesPerLine % 4, 0);
        const cv::Mat expected = reducedReference(path, denom);
        QVERIFY2(differingPixels(displayPixelsAsBgr(shown->pixels), expected) == 0,
                 qPrintable(describeDifference(displayPixelsAsBgr(shown->pixels), expected)));
    }

    void pngIsShownAtFullSize() {
        QTemporaryDir dir;
        const QString path = dir.filePath("g.png");
        QVERIFY(cv::imwrite(path.toStdString(), gradient(301, 123)));
        Result<DisplayImage> shown = decodeForDisplay(path, QSize(30, 30), 1'000'000'000);
        QVERIFY(shown.ok());
        QCOMPARE(shown->scaleDenom, 1);
        QCOMPARE(differingPixels(displayPixelsAsBgr(shown->pixels), referenceDecode(path)), 0LL);
    }

    void orientedPhotosAreUpright() {
        const QString folder = sharedDataDir() + "/exif_orientation";
        if (!QDir(folder).exists())
            QSKIP(
                qPrintable("no ../shared/data/exif_orientation here (set CROPDECK_SHARED_DATA): " + folder));
        const QStringList files = QDir(folder).entryList({"*.jpg", "*.jpeg", "*.JPG"}, QDir::Files);
        QVERIFY(!files.isEmpty());
        int oriented = 0;
        for (const QString& name : files) {
            const QString path = QDir(folder).filePath(name);
            Result<ImageInfo> info = probeImage(path, 1'000'000'000);
            QVERIFY2(info.ok(), qPrintable(path));
            for (int denom : {1, 4}) {
                const QSize target = denom == 1 ? QSize() : QSize(info->width / 4, info->height / 4);
                Result<DisplayImage> shown = decodeForDisplay(path, target, 1'000'000'000);
                QVERIFY2(shown.ok(), shown ? "" : qPrintable(shown.error().message));
                cv::Mat reference = reducedReference(path, shown->scaleDenom);
                if (reference.channels() == 3 && shown->pixels.channels == 1)
                    cv::cvtColor(reference, reference, cv::COLOR_BGR2GRAY);
                const cv::Mat expected = applyOrientation(reference, info->orientation);
                const cv::Mat actual = displayPixelsAsBgr(shown->pixels);
                QVERIFY2(differingPixels(actual, expected) == 0,
                         qPrintable(name + ": " + describeDifference(actual, expected)));
            }
            oriented += info->orientation != 1;
        }
        QVERIFY2(oriented > 0, "the folder should hold photos with an EXIF orientation");
    }
};

QTEST_GUILESS_MAIN(TestDisplayImage)
#include "test_display_image.moc"
