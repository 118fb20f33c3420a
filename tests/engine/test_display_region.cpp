// SPDX-License-Identifier: GPL-3.0-or-later
// decodeDisplayRegion: the full-resolution pixels the canvas lays over its scaled picture when zoomed in
// are exactly the reference decode's pixels of that region (upright as the engine orients them, or as
// stored), clipped to the image; a region outside the image is an error naming the file.
#include "DisplayPixelsCompare.h"
#include "TestUtils.h"
#include "engine/DisplayRegion.h"
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

cv::Mat texture(int width, int height, int type) {
    cv::Mat image(height, width, type);
    cv::randu(image, 0, type == CV_16UC3 ? 65535 : 255);
    cv::GaussianBlur(image, image, cv::Size(7, 7), 0); // photo-like: JPEG keeps detail, not noise
    return image;
}

cv::Mat cut(const cv::Mat& image, QRect rect) {
    return image(cv::Rect(rect.x(), rect.y(), rect.width(), rect.height())).clone();
}

} // namespace

class TestDisplayRegion : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_jpeg = m_dir.filePath("texture.jpg");
        QVERIFY(cv::imwrite(m_jpeg.toStdString(), texture(1000, 700, CV_8UC3)));
    }

    void jpegRegionsAreTheReferencePixels_data() {
        QTest::addColumn<QRect>("region");
        QTest::addColumn<QRect>("expected");
        QTest::newRow("top left") << QRect(0, 0, 200, 100) << QRect(0, 0, 200, 100);
        QTest::newRow("middle, off the MCU grid") << QRect(333, 211, 257, 129) << QRect(333, 211, 257, 129);
        QTest::newRow("bottom right corner") << QRect(800, 600, 200, 100) << QRect(800, 600, 200, 100);
        QTest::newRow("past the right and bottom edges, clipped")
            << QRect(900, 650, 300, 300) << QRect(900, 650, 100, 50);
        QTest::newRow("before the top left, clipped") << QRect(-50, -20, 100, 60) << QRect(0, 0, 50, 40);
        QTest::newRow("the whole image") << QRect(0, 0, 1000, 700) << QRect(0, 0, 1000, 700);
    }
    void jpegRegionsAreTheReferencePixels() {
        QFETCH(QRect, region);
        QFETCH(QRect, expected);
        const Result<DisplayRegion> decoded = decodeDisplayRegion(m_jpeg, region, 0);
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().message));
        QCOMPARE(decoded->rect, expected);
        QCOMPARE(decoded->pixels.size, expected.size());
        const cv::Mat want = cut(referenceDecode(m_jpeg), expected);
        const cv::Mat got = displayPixelsAsBgr(decoded->pixels);
        QVERIFY2(differingPixels(got, want) == 0, qPrintable(describeDifference(got, want)));
    }

    void aRegionOutsideTheImageIsAnError() {
        const Result<DisplayRegion> decoded = decodeDisplayRegion(m_jpeg, QRect(1200, 0, 50, 50), 0);
        QVERIFY(!decoded);
        QVERIFY2(decoded.error().message.contains("texture.jpg") &&
                     decoded.error().message.contains("outside"),
                 qPrintable(decoded.error().message));
    }

    void imagesOverThePixelLimitAreRefused() {
        const Result<DisplayRegion> decoded =
            decodeDisplayRegion(m_jpeg, QRect(0, 0, 10, 10), 1000 * 700 - 1);
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().kind, ErrorKind::TooLarge);
    }

    void sixteenBitPngIsShownInEightBits() {
        const QString path = m_dir.filePath("deep.png");
        const cv::Mat deep = texture(300, 200, CV_16UC3);
        QVERIFY(cv::imwrite(path.toStdString(), deep));
        const Result<DisplayRegion> decoded = decodeDisplayRegion(path, QRect(50, 40, 120, 90), 0);
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().message));
        cv::Mat want;
        cut(deep, QRect(50, 40, 120, 90)).convertTo(want, CV_8U, 1.0 / 257);
        const cv::Mat got = displayPixelsAsBgr(decoded->pixels);
        QVERIFY2(differingPixels(got, want) == 0, qPrintable(describeDifference(got, want)));
    }

    void orientedPhotosGiveUprightOrStoredRegions() {
        CROPDECK_REQUIRE_SHARED_DATA();
        const QDir folder(sharedDataDir() + "/exif_orientation");
        int oriented = 0;
        for (const QString& name : folder.entryList({"*.jpg"})) {
            const QString path = folder.filePath(name);
            const Result<ImageInfo> info = probeImage(path, 0);
            QVERIFY2(info, qPrintable(path));
            const cv::Mat stored = referenceDecode(path);
            const cv::Mat upright = applyOrientation(stored, info->orientation);
            // The lower right quarter, a region that moves under every rotation and flip.
            const QRect region(upright.cols / 2, upright.rows / 2, upright.cols / 3, upright.rows / 4);
            const Result<DisplayRegion> shown = decodeDisplayRegion(path, region, 0);
            QVERIFY2(shown, shown ? "" : qPrintable(shown.error().message));
            const cv::Mat got = displayPixelsAsBgr(shown->pixels), want = cut(upright, region);
            QVERIFY2(differingPixels(got, want) == 0,
                     qPrintable(name + ": " + describeDifference(got, want)));

            const QRect storedRegion(stored.cols / 2, stored.rows / 2, stored.cols / 3, stored.rows / 4);
            const Result<DisplayRegion> asStored =
                decodeDisplayRegion(path, storedRegion, 0, nullptr, DisplayOrientation::Stored);
            QVERIFY2(asStored, asStored ? "" : qPrintable(asStored.error().message));
            const cv::Mat gotStored = displayPixelsAsBgr(asStored->pixels),
                          wantStored = cut(stored, storedRegion);
            QVERIFY2(differingPixels(gotStored, wantStored) == 0,
                     qPrintable(name + " (stored): " + describeDifference(gotStored, wantStored)));
            oriented += info->orientation != 1;
        }
        QVERIFY2(oriented > 0, "the folder should hold photos with an EXIF orientation");
    }

private:
    QTemporaryDir m_dir;
    QString m_jpeg;
};

QTEST_MAIN(TestDisplayRegion)
#include "test_display_region.moc"
