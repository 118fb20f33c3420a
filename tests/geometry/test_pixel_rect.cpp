// SPDX-License-Identifier: GPL-3.0-or-later
#include "geometry/PixelRect.h"

#include <QTest>

#include <limits>

using namespace cropdeck;

class TestPixelRect : public QObject {
    Q_OBJECT
private slots:
    void rounding_data();
    void rounding();
    void invalidBoxes_data();
    void invalidBoxes();
};

void TestPixelRect::rounding_data() {
    QTest::addColumn<QRectF>("box");
    QTest::addColumn<QRect>("expected");

    QTest::newRow("integers stay") << QRectF(10, 20, 30, 40) << QRect(10, 20, 30, 40);
    QTest::newRow("whole image") << QRectF(0, 0, 640, 480) << QRect(0, 0, 640, 480);
    QTest::newRow("fractions grow outward") << QRectF(10.2, 20.7, 5.1, 5.1) << QRect(10, 20, 6, 6);
    QTest::newRow("float noise above") << QRectF(10.0000001, 10.0000001, 20, 20) << QRect(10, 10, 20, 20);
    QTest::newRow("float noise below")
        << QRectF(9.9999999, 9.9999999, 20.0000001, 19.9999999) << QRect(10, 10, 20, 20);
    // YOLO-style products: 0.3 × 1000 is 300.00000000000006 in doubles.
    QTest::newRow("normalised products")
        << QRectF(0.3 * 1000, 0.7 * 100, 0.1 * 1000, 0.2 * 100) << QRect(300, 70, 100, 20);
    QTest::newRow("negative coordinates") << QRectF(-5.5, -0.5, 10, 10) << QRect(-6, -1, 11, 11);
    QTest::newRow("inside one pixel") << QRectF(10.2, 10.2, 0.5, 0.5) << QRect(10, 10, 1, 1);
    QTest::newRow("straddles a pixel edge") << QRectF(10.9, 3, 0.2, 1) << QRect(10, 3, 2, 1);
    QTest::newRow("just above epsilon reaches the pixel") << QRectF(10, 0, 1.00001, 1) << QRect(10, 0, 2, 1);
}

void TestPixelRect::rounding() {
    QFETCH(QRectF, box);
    QFETCH(QRect, expected);
    const std::optional<QRect> rect = pixelRectFromBox(box);
    QVERIFY(rect.has_value());
    QCOMPARE(*rect, expected);
}

void TestPixelRect::invalidBoxes_data() {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::addColumn<QRectF>("box");

    QTest::newRow("zero width") << QRectF(10, 10, 0, 5);
    QTest::newRow("negative height") << QRectF(10, 10, 5, -5);
    QTest::newRow("NaN x") << QRectF(nan, 10, 5, 5);
    QTest::newRow("NaN width") << QRectF(10, 10, nan, 5);
    QTest::newRow("infinite height") << QRectF(10, 10, 5, inf);
    QTest::newRow("negative infinite y") << QRectF(10, -inf, 5, 5);
    QTest::newRow("beyond the coordinate limit") << QRectF(1e12, 0, 5, 5);
    QTest::newRow("right edge beyond the limit") << QRectF(0, 0, double(kMaxPixelCoordinate) + 10, 5);
    QTest::newRow("sliver thinner than epsilon") << QRectF(10, 10, 1e-7, 5);
}

void TestPixelRect::invalidBoxes() {
    QFETCH(QRectF, box);
    QVERIFY(!pixelRectFromBox(box).has_value());
}

QTEST_APPLESS_MAIN(TestPixelRect)
#include "test_pixel_rect.moc"
