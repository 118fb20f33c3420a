// SPDX-License-Identifier: GPL-3.0-or-later
// The coordinate rules of BoxConventions.h, one data row per case that a format's convention hinges on.

#include "annotations/BoxConventions.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace cropdeck;

Q_DECLARE_METATYPE(CornerConvention)

class TestBoxConventions : public QObject {
    Q_OBJECT

private slots:
    void cornersToBox_data() {
        QTest::addColumn<CornerConvention>("convention");
        QTest::addColumn<QRectF>("corners"); // x1, y1, x2, y2 packed as left, top, width=x2, height=y2
        QTest::addColumn<QRectF>("box");
        const auto voc = CornerConvention::OneBasedInclusive;
        const auto edges = CornerConvention::ZeroBasedEdges;
        // A 500×338 image fully covered: VOC says first pixel 1, last pixel 500.
        QTest::newRow("voc full image") << voc << QRectF(1, 1, 500, 338) << QRectF(0, 0, 500, 338);
        // One pixel: first == last.
        QTest::newRow("voc single pixel") << voc << QRectF(10, 20, 10, 20) << QRectF(9, 19, 1, 1);
        // raccoon-1.xml: 81,88 to 522,408.
        QTest::newRow("voc raccoon-1") << voc << QRectF(81, 88, 522, 408) << QRectF(80, 87, 442, 321);
        // Box touching the right/bottom edge of a 650×417 image.
        QTest::newRow("voc right edge") << voc << QRectF(600, 400, 650, 417) << QRectF(599, 399, 51, 18);
        // Float VOC coordinates (labelme2voc) follow the same rule.
        QTest::newRow("voc floats") << voc << QRectF(191.0, 107.5, 313.0, 329.25)
                                    << QRectF(190, 106.5, 123, 222.75);
        QTest::newRow("edges") << edges << QRectF(191.0, 107.5, 313.0, 329.25)
                               << QRectF(191, 107.5, 122, 221.75);
        QTest::newRow("edges zero size") << edges << QRectF(5, 5, 5, 5) << QRectF(5, 5, 0, 0);
    }

    void cornersToBox() {
        QFETCH(CornerConvention, convention);
        QFETCH(QRectF, corners);
        QFETCH(QRectF, box);
        const Corners c{corners.x(), corners.y(), corners.width(), corners.height()};
        QCOMPARE(boxFromCorners(c, convention), box);
        const Corners back = cornersFromBox(box, convention);
        QCOMPARE(back.x1, c.x1);
        QCOMPARE(back.y1, c.y1);
        QCOMPARE(back.x2, c.x2);
        QCOMPARE(back.y2, c.y2);
    }

    void yolo_data() {
        QTest::addColumn<QRectF>("box");
        QTest::addColumn<QSize>("size");
        QTest::newRow("whole pixels") << QRectF(10, 20, 30, 40) << QSize(640, 480);
        QTest::newRow("odd size") << QRectF(1, 3, 7, 11) << QSize(333, 197);
        QTest::newRow("half pixels") << QRectF(10.5, 0.5, 99.5, 3.5) << QSize(2048, 1371);
        QTest::newRow("full image") << QRectF(0, 0, 4000, 3000) << QSize(4000, 3000);
        QTest::newRow("micro pixels") << QRectF(1.000001, 2.25, 3.5, 4.000002) << QSize(1920, 1080);
    }

    // Any box whose edges are multiples of 1e-6 px survives pixels → fractions → pixels exactly.
    void yolo() {
        QFETCH(QRectF, box);
        QFETCH(QSize, size);
        const NormalizedBox n = normalizedFromBox(box, size);
        QCOMPARE(boxFromNormalized(n, size), box);
    }

    void yoloKnownValues() {
        // A box in the centre: cx = cy = 0.5, w = 0.25, h = 0.5 of 800×600.
        QCOMPARE(boxFromNormalized({0.5, 0.5, 0.25, 0.5}, QSize(800, 600)), QRectF(300, 150, 200, 300));
        // Six-decimal YOLO text rounds to 1e-6 px, not to whole pixels.
        const QRectF box = boxFromNormalized({0.123457, 0.5, 0.1, 0.1}, QSize(1000, 1000));
        QCOMPARE(box.x(), 73.457);
    }

    void roundedBox_data() {
        QTest::addColumn<QRectF>("box");
        QTest::addColumn<QRect>("rounded");
        QTest::newRow("whole") << QRectF(1, 2, 3, 4) << QRect(1, 2, 3, 4);
        // Edges round, not sizes: x 0.4 → 0 and x+w 10.6 → 11 gives width 11, not round(10.2) = 10.
        QTest::newRow("edges not size") << QRectF(0.4, 0.4, 10.2, 10.2) << QRect(0, 0, 11, 11);
        QTest::newRow("halves up") << QRectF(0.5, 1.5, 1.0, 1.0) << QRect(1, 2, 1, 1);
        QTest::newRow("negative halves up") << QRectF(-0.5, -1.5, 1.0, 1.0) << QRect(0, -1, 1, 1);
        // Far beyond any image: clamped to ±2^30 instead of overflowing int.
        QTest::newRow("huge") << QRectF(1e12, 0, 1, 1) << QRect(1073741824, 0, 0, 1);
    }

    void roundedBox() {
        QFETCH(QRectF, box);
        QFETCH(QRect, rounded);
        QCOMPARE(cropdeck::roundedBox(box), rounded);
        QVERIFY(isWholePixelBox(QRectF(rounded)));
    }

    void points() {
        QCOMPARE(boxFromPoints(QPointF(313, 329.5), QPointF(191, 107.5)), QRectF(191, 107.5, 122, 222));
        QCOMPARE(boundingBoxOf({QPointF(3, 9), QPointF(1, 2), QPointF(7, 4)}), QRectF(1, 2, 6, 7));
        QCOMPARE(boundingBoxOf({}), QRectF());
    }

    void normalizedSquare_data() {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<double>("scale");
        QTest::addColumn<double>("maxFraction");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QRect>("expected");
        QTest::newRow("origin") << 0.0 << 0.0 << 0.5 << 1.0 << QSize(4000, 4000) << QRect(0, 0, 2000, 2000);
        // The square is clamped inside: x·W = 3600 + 2000 > 4000.
        QTest::newRow("clamped") << 0.9 << 0.9 << 0.5 << 1.0 << QSize(4000, 4000)
                                 << QRect(2000, 2000, 2000, 2000);
        // The side follows the shorter image side.
        QTest::newRow("landscape") << 0.5 << 0.0 << 1.0 << 1.0 << QSize(600, 400) << QRect(200, 0, 400, 400);
        // max fraction caps scale.
        QTest::newRow("capped") << 0.25 << 0.25 << 0.9 << 0.5 << QSize(1000, 1000)
                                << QRect(250, 250, 500, 500);
        // floor of the side: 333 × 0.5 = 166.5 → 166.
        QTest::newRow("floor") << 0.0 << 0.0 << 0.5 << 1.0 << QSize(333, 333) << QRect(0, 0, 166, 166);
        QTest::newRow("no size") << 0.5 << 0.5 << 0.5 << 1.0 << QSize() << QRect();
    }

    void normalizedSquare() {
        QFETCH(double, x);
        QFETCH(double, y);
        QFETCH(double, scale);
        QFETCH(double, maxFraction);
        QFETCH(QSize, size);
        QFETCH(QRect, expected);
        QCOMPARE(resolveNormalizedSquare(NormalizedSquare{x, y, scale}, size, maxFraction), expected);
    }

    void formatCoordinate_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("integer") << 191.0 << "191";
        QTest::newRow("negative") << -3.0 << "-3";
        QTest::newRow("half") << 10.5 << "10.5";
        QTest::newRow("labelme float") << 107.36900369003689 << "107.36900369003689";
        QTest::newRow("fraction") << 0.1 << "0.1";
        QTest::newRow("million") << 1000000.0 << "1000000";
    }

    void formatCoordinate() {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(cropdeck::formatCoordinate(value), text);
        QCOMPARE(text.toDouble(), value);
    }

    void microPixel() {
        QCOMPARE(roundToMicroPixel(300.00000000000006), 300.0);
        QCOMPARE(roundToMicroPixel(10.4999999999), 10.5);
        QCOMPARE(roundToMicroPixel(1e12 + 0.25), 1e12 + 0.25); // too large for µpx: unchanged
    }
};

QTEST_APPLESS_MAIN(TestBoxConventions)
#include "test_box_conventions.moc"
