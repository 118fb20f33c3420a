// SPDX-License-Identifier: GPL-3.0-or-later
// Thumbnails: the embedded EXIF thumbnail is used when it has the photo's shape and is big enough, turned
// upright by the photo's orientation; otherwise the DCT-scaled decode (the same pixels as the canvas's).
// Malformed EXIF never fails a thumbnail.

#include "../io/IoTestFiles.h"
#include "engine/Thumbnail.h"
#include "io/ExifThumbnail.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

QByteArray encodeJpeg(const cv::Mat& image) {
    std::vector<uchar> bytes;
    cv::imencode(".jpg", image, bytes, {cv::IMWRITE_JPEG_QUALITY, 95});
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
}

// A photo of one colour with a marker in its top-left corner; its embedded thumbnail (when given) is of
// another colour with the same marker, so a test can tell which was shown and which way up.
cv::Mat markedImage(int width, int height, cv::Scalar colour) {
    cv::Mat image(height, width, CV_8UC3, colour);
    cv::rectangle(image, cv::Rect(0, 0, width / 4, height / 4), cv::Scalar(255, 255, 255), cv::FILLED);
    return image;
}

QString writePhoto(const QTemporaryDir& dir, const QString& name, QSize size, int orientation,
                   const QByteArray& thumbnail) {
    QByteArray jpeg = encodeJpeg(markedImage(size.width(), size.height(), cv::Scalar(0, 0, 200)));
    const QByteArray blob = thumbnail.isEmpty() ? makeExifBlob(true, orientation)
                                                : makeExifBlobWithThumbnail(true, orientation, thumbnail);
    jpeg.insert(2, jpegSegment(0xE1, QByteArray("Exif\0\0", 6) + blob));
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(jpeg);
    return file.fileName();
}

// The colour at (x, y) of display pixels (R G B).
cv::Vec3b rgbAt(const DisplayPixels& pixels, int x, int y) {
    const auto* row = reinterpret_cast<const uchar*>(pixels.data.constData()) + y * pixels.bytesPerLine;
    return {row[3 * x], row[3 * x + 1], row[3 * x + 2]};
}

bool near(cv::Vec3b got, cv::Vec3b want) {
    for (int c = 0; c < 3; ++c)
        if (std::abs(int(got[c]) - int(want[c])) > 24)
            return false;
    return true;
}

const cv::Vec3b kWhite(255, 255, 255), kPhotoRed(200, 0, 0), kThumbnailBlue(0, 0, 200);

} // namespace

class TestThumbnail : public QObject {
    Q_OBJECT
private slots:
    void fits_data() {
        QTest::addColumn<QSize>("thumbnail");
        QTest::addColumn<QSize>("stored");
        QTest::addColumn<int>("orientation");
        QTest::addColumn<QSize>("box");
        QTest::addColumn<bool>("fits");
        QTest::newRow("4:3 in its box")
            << QSize(160, 120) << QSize(4000, 3000) << 1 << QSize(160, 160) << true;
        QTest::newRow("box too big") << QSize(160, 120) << QSize(4000, 3000) << 1 << QSize(320, 320) << false;
        QTest::newRow("padded bars") << QSize(160, 120) << QSize(6000, 4000) << 1 << QSize(100, 100) << false;
        QTest::newRow("turned photo") << QSize(160, 120) << QSize(4000, 3000) << 6 << QSize(120, 160) << true;
        QTest::newRow("turned, too tall a box")
            << QSize(160, 120) << QSize(4000, 3000) << 6 << QSize(200, 200) << false;
        QTest::newRow("photo smaller than box")
            << QSize(64, 48) << QSize(64, 48) << 1 << QSize(160, 160) << true;
        QTest::newRow("no thumbnail") << QSize() << QSize(4000, 3000) << 1 << QSize(160, 160) << false;
    }
    void fits() {
        QFETCH(QSize, thumbnail);
        QFETCH(QSize, stored);
        QFETCH(int, orientation);
        QFETCH(QSize, box);
        QFETCH(bool, fits);
        QCOMPARE(exifThumbnailFits(thumbnail, stored, orientation, box), fits);
    }

    void usesTheEmbeddedThumbnailUpright() {
        QTemporaryDir dir;
        const QByteArray small = encodeJpeg(markedImage(160, 120, cv::Scalar(200, 0, 0)));
        const QString path = writePhoto(dir, "turned.jpg", QSize(1600, 1200), 6, small);
        QCOMPARE(readJpegExifThumbnail(path), small);
        const Result<Thumbnail> thumbnail = makeThumbnail(path, QSize(120, 160), 0);
        QVERIFY2(thumbnail, thumbnail ? "" : qPrintable(thumbnail.error().message));
        QVERIFY(thumbnail->fromExif);
        QCOMPARE(thumbnail->fullSize, QSize(1200, 1600));
        QCOMPARE(thumbnail->pixels.size, QSize(120, 160));
        // Orientation 6 turns the stored top-left corner to the upright top-right one.
        QVERIFY(near(rgbAt(thumbnail->pixels, 119 - 5, 5), kWhite));
        QVERIFY(near(rgbAt(thumbnail->pixels, 5, 5), kThumbnailBlue));
        // Stored orientation asked for: as stored.
        const Result<Thumbnail> stored =
            makeThumbnail(path, QSize(160, 120), 0, nullptr, DisplayOrientation::Stored);
        QVERIFY(stored && stored->fromExif);
        QCOMPARE(stored->pixels.size, QSize(160, 120));
        QVERIFY(near(rgbAt(stored->pixels, 5, 5), kWhite));
    }

    void decodesWhenTheThumbnailIsTooSmall() {
        QTemporaryDir dir;
        const QByteArray small = encodeJpeg(markedImage(160, 120, cv::Scalar(200, 0, 0)));
        const QString path = writePhoto(dir, "big-box.jpg", QSize(1600, 1200), 1, small);
        const Result<Thumbnail> thumbnail = makeThumbnail(path, QSize(400, 400), 0);
        QVERIFY(thumbnail);
        QVERIFY(!thumbnail->fromExif);
        const Result<DisplayImage> display = decodeForDisplay(path, QSize(400, 400), 0);
        QVERIFY(display);
        QCOMPARE(thumbnail->pixels.size, display->pixels.size);
        QCOMPARE(thumbnail->pixels.data, display->pixels.data); // the canvas's very pixels
        QVERIFY(near(
            rgbAt(thumbnail->pixels, thumbnail->pixels.size.width() - 3, thumbnail->pixels.size.height() - 3),
            kPhotoRed));
    }

    void paddedThumbnailIsNotUsed() {
        QTemporaryDir dir;
        const QByteArray padded = encodeJpeg(markedImage(160, 120, cv::Scalar(200, 0, 0)));
        const QString path = writePhoto(dir, "wide.jpg", QSize(1500, 1000), 1, padded); // 3:2 photo
        const Result<Thumbnail> thumbnail = makeThumbnail(path, QSize(100, 100), 0);
        QVERIFY(thumbnail);
        QVERIFY(!thumbnail->fromExif);
    }

    void withoutThumbnailDecodes() {
        QTemporaryDir dir;
        const QString path = writePhoto(dir, "plain.jpg", QSize(800, 600), 1, {});
        QVERIFY(readJpegExifThumbnail(path).isEmpty());
        const Result<Thumbnail> thumbnail = makeThumbnail(path, QSize(100, 100), 0);
        QVERIFY(thumbnail);
        QVERIFY(!thumbnail->fromExif);
        QCOMPARE(thumbnail->pixels.size, QSize(100, 75)); // 1/8 DCT scale
    }

    void malformedExifGivesNone() {
        const QByteArray small = encodeJpeg(markedImage(16, 12, cv::Scalar(200, 0, 0)));
        const QByteArray blob = makeExifBlobWithThumbnail(false, 1, small);
        QVERIFY(exifThumbnailRange(blob));
        for (qsizetype cut = 0; cut < blob.size(); cut += 3)
            QVERIFY2(!exifThumbnailRange(QByteArrayView(blob).first(cut)), qPrintable(QString::number(cut)));
        QByteArray notJpeg = blob;
        notJpeg[blob.size() - small.size()] = 'x'; // no SOI where the thumbnail should start
        QVERIFY(!exifThumbnailRange(notJpeg));
        QByteArray selfLinked = makeExifBlob(true, 1);
        selfLinked.chop(4);
        selfLinked.append(QByteArray("\x08\0\0\0", 4)); // IFD0 links to itself
        QVERIFY(!exifThumbnailRange(selfLinked));
    }
};

QTEST_GUILESS_MAIN(TestThumbnail)
#include "test_thumbnail.moc"
