// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestUtils.h"
#include "geometry/OrientPixels.h"
#include "geometry/Orientation.h"

#include <QDir>
#include <QRandomGenerator>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

using namespace cropdeck;

class TestOrientation : public QObject {
    Q_OBJECT
private slots:
    void storedPixelLandsWhereExifSays_data();
    void storedPixelLandsWhereExifSays();
    void sizes_data();
    void sizes();
    void rectRoundTrips_data();
    void rectRoundTrips();
    void regionThenOrientEqualsOrientThenRegion_data();
    void regionThenOrientEqualsOrientThenRegion();
    void invalidOrientationIsIdentity();
    void matchesOpenCvOnRealExifFiles();
};

namespace {

void addOrientationRows() {
    QTest::addColumn<int>("orientation");
    for (int o = 1; o <= 8; ++o)
        QTest::addRow("orientation %d", o) << o;
}

QRect randomRectInside(QRandomGenerator& random, QSize size) {
    const int x = random.bounded(size.width());
    const int y = random.bounded(size.height());
    const int w = 1 + random.bounded(size.width() - x);
    const int h = 1 + random.bounded(size.height() - y);
    return QRect(x, y, w, h);
}

cv::Mat randomImage(int width, int height, int type, quint32 seed) {
    cv::Mat image(height, width, type);
    cv::RNG rng(seed);
    rng.fill(image, cv::RNG::UNIFORM, 0, 256);
    return image;
}

cv::Mat crop(const cv::Mat& image, const QRect& r) {
    return image(cv::Rect(r.x(), r.y(), r.width(), r.height()));
}

} // namespace

void TestOrientation::storedPixelLandsWhereExifSays_data() {
    // Stored 4 × 3 image; where does stored pixel (1, 0) appear upright? Worked out from the EXIF
    // definitions ("row 0 is the visual right-hand side, column 0 the visual top" for 6, and so on).
    QTest::addColumn<int>("orientation");
    QTest::addColumn<QPoint>("upright");
    QTest::newRow("1") << 1 << QPoint(1, 0);
    QTest::newRow("2 mirror horizontal") << 2 << QPoint(2, 0);
    QTest::newRow("3 rotate 180") << 3 << QPoint(2, 2);
    QTest::newRow("4 mirror vertical") << 4 << QPoint(1, 2);
    QTest::newRow("5 transpose") << 5 << QPoint(0, 1);
    QTest::newRow("6 rotate 90 cw") << 6 << QPoint(2, 1);
    QTest::newRow("7 transverse") << 7 << QPoint(2, 2);
    QTest::newRow("8 rotate 90 ccw") << 8 << QPoint(0, 2);
}

void TestOrientation::storedPixelLandsWhereExifSays() {
    QFETCH(int, orientation);
    QFETCH(QPoint, upright);
    const QSize stored(4, 3);
    QCOMPARE(storedToUpright(QRect(1, 0, 1, 1), stored, orientation), QRect(upright, QSize(1, 1)));
    QCOMPARE(uprightToStored(QRect(upright, QSize(1, 1)), stored, orientation), QRect(1, 0, 1, 1));

    // The pixel transform agrees with the coordinate mapping.
    cv::Mat image = cv::Mat::zeros(3, 4, CV_8UC1);
    image.at<uchar>(0, 1) = 255;
    const cv::Mat oriented = applyOrientation(image, orientation);
    QCOMPARE(oriented.at<uchar>(upright.y(), upright.x()), uchar(255));
    QCOMPARE(cv::countNonZero(oriented), 1);
}

void TestOrientation::sizes_data() {
    addOrientationRows();
}

void TestOrientation::sizes() {
    QFETCH(int, orientation);
    const QSize stored(640, 480);
    const QSize expected = orientation >= 5 ? QSize(480, 640) : stored;
    QCOMPARE(uprightSize(stored, orientation), expected);
    QCOMPARE(storedToUpright(QRect(QPoint(0, 0), stored), stored, orientation),
             QRect(QPoint(0, 0), expected));
    const cv::Mat image(480, 640, CV_8UC3, cv::Scalar(1, 2, 3));
    const cv::Mat oriented = applyOrientation(image, orientation);
    QCOMPARE(QSize(oriented.cols, oriented.rows), expected);
    QCOMPARE(inverseOrientation(inverseOrientation(orientation)), orientation);
}

void TestOrientation::rectRoundTrips_data() {
    addOrientationRows();
}

void TestOrientation::rectRoundTrips() {
    QFETCH(int, orientation);
    QRandomGenerator random(quint32(orientation) * 7919u);
    const QSize stored(37, 23);
    const QSize upright = uprightSize(stored, orientation);
    for (int i = 0; i < 200; ++i) {
        const QRect u = randomRectInside(random, upright);
        const QRect s = uprightToStored(u, stored, orientation);
        QVERIFY(QRect(QPoint(0, 0), stored).contains(s));
        QCOMPARE(storedToUpright(s, stored, orientation), u);
        QCOMPARE(s.width() * s.height(), u.width() * u.height());
        // The continuous form agrees with the integer one on integer rectangles, and shifts fractions the
        // same way.
        QCOMPARE(uprightToStored(QRectF(u), stored, orientation), QRectF(s));
        const QRectF fractional(u.x() + 0.25, u.y() + 0.5, u.width() - 0.5, u.height() - 0.75);
        const QRectF back =
            storedToUpright(uprightToStored(fractional, stored, orientation), stored, orientation);
        QCOMPARE(back, fractional);
    }
}

void TestOrientation::regionThenOrientEqualsOrientThenRegion_data() {
    QTest::addColumn<int>("orientation");
    QTest::addColumn<int>("type");
    for (int o = 1; o <= 8; ++o) {
        QTest::addRow("orientation %d gray", o) << o << CV_8UC1;
        QTest::addRow("orientation %d BGR", o) << o << CV_8UC3;
        QTest::addRow("orientation %d BGRA", o) << o << CV_8UC4;
    }
}

void TestOrientation::regionThenOrientEqualsOrientThenRegion() {
    QFETCH(int, orientation);
    QFETCH(int, type);
    const cv::Mat stored = randomImage(41, 29, type, quint32(orientation * 100 + type));
    const QSize storedSize(stored.cols, stored.rows);
    const cv::Mat uprightImage = applyOrientation(stored, orientation);
    QRandomGenerator random(quint32(orientation + 1000 * type));
    for (int i = 0; i < 100; ++i) {
        const QRect u = randomRectInside(random, uprightSize(storedSize, orientation));
        const QRect s = uprightToStored(u, storedSize, orientation);
        const cv::Mat viaStored = applyOrientation(crop(stored, s), orientation);
        const cv::Mat expected = crop(uprightImage, u);
        QVERIFY2(test::differingPixels(viaStored, expected) == 0,
                 qPrintable(test::describeDifference(viaStored, expected)));
    }
}

void TestOrientation::invalidOrientationIsIdentity() {
    for (int o : {0, 9, -1, 65535}) {
        QCOMPARE(normalizedOrientation(o), 1);
        QCOMPARE(uprightSize(QSize(3, 2), o), QSize(3, 2));
        QCOMPARE(uprightToStored(QRect(1, 1, 2, 1), QSize(3, 2), o), QRect(1, 1, 2, 1));
        const cv::Mat image = randomImage(3, 2, CV_8UC1, 5);
        QCOMPARE(applyOrientation(image, o).data, image.data); // shared, not copied
    }
    QVERIFY(applyOrientation(cv::Mat(), 6).empty());
}

void TestOrientation::matchesOpenCvOnRealExifFiles() {
    CROPDECK_REQUIRE_SHARED_DATA();
    const QDir dir(test::sharedDataDir() + QStringLiteral("/exif_orientation"));
    const QStringList files = dir.entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 18);
    for (const QString& name : files) {
        // "Landscape_6.jpg": the digit is the EXIF value, 0 meaning the tag is absent.
        const int digit = name.section(QLatin1Char('_'), 1).section(QLatin1Char('.'), 0, 0).toInt();
        const int orientation = digit == 0 ? 1 : digit;
        const std::string path = dir.filePath(name).toStdString();
        const cv::Mat stored = cv::imread(path, cv::IMREAD_IGNORE_ORIENTATION | cv::IMREAD_COLOR);
        const cv::Mat viewed = cv::imread(path, cv::IMREAD_COLOR);
        QVERIFY2(!stored.empty() && !viewed.empty(), qPrintable(name));
        const cv::Mat mine = applyOrientation(stored, orientation);
        QVERIFY2(test::differingPixels(mine, viewed) == 0,
                 qPrintable(name + QStringLiteral(": ") + test::describeDifference(mine, viewed)));
        QCOMPARE(uprightSize(QSize(stored.cols, stored.rows), orientation), QSize(viewed.cols, viewed.rows));
    }
}

QTEST_APPLESS_MAIN(TestOrientation)
#include "test_orientation.moc"
