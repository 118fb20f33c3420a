// SPDX-License-Identifier: GPL-3.0-or-later
// When the canvas sharpens a zoomed-in view and which region it decodes: pure arithmetic, table tests.
#include "ui/SharpenGeometry.h"

#include <QTest>

using namespace cropdeck::ui;

class TestSharpenGeometry : public QObject {
    Q_OBJECT

private slots:
    void magnified_data() {
        QTest::addColumn<double>("devicePerImagePixel");
        QTest::addColumn<int>("denom");
        QTest::addColumn<bool>("magnified");
        QTest::newRow("fit of a 1/4 picture") << 0.25 << 4 << false;
        QTest::newRow("just past the picture's own size (slack)") << 0.26 << 4 << false;
        QTest::newRow("twice the 1/4 picture") << 0.5 << 4 << true;
        QTest::newRow("1:1 over a 1/8 picture") << 1.0 << 8 << true;
        QTest::newRow("full-size picture at 1:1") << 1.0 << 1 << false;
        QTest::newRow("full-size picture at 2x") << 2.0 << 1 << true;
        QTest::newRow("a denominator of 0 counts as 1") << 0.5 << 0 << false;
    }
    void magnified() {
        QFETCH(double, devicePerImagePixel);
        QFETCH(int, denom);
        QFETCH(bool, magnified);
        QCOMPARE(pictureIsMagnified(devicePerImagePixel, denom), magnified);
    }

    void region_data() {
        QTest::addColumn<QRectF>("visible");
        QTest::addColumn<QSize>("image");
        QTest::addColumn<qint64>("maxPixels");
        QTest::addColumn<QRect>("region"); // empty: none
        QTest::newRow("grown by a quarter each side") << QRectF(1000, 1000, 400, 200) << QSize(6000, 4000)
                                                      << qint64(1'000'000) << QRect(900, 950, 600, 300);
        QTest::newRow("fractional edges rounded outwards")
            << QRectF(10.5, 20.25, 40, 20) << QSize(6000, 4000) << qint64(1'000'000) << QRect(0, 15, 61, 31);
        QTest::newRow("clipped at the top left") << QRectF(-100, -100, 400, 200) << QSize(6000, 4000)
                                                 << qint64(1'000'000) << QRect(0, 0, 375, 125);
        QTest::newRow("clipped at the bottom right") << QRectF(5800, 3900, 400, 200) << QSize(6000, 4000)
                                                     << qint64(1'000'000) << QRect(5750, 3875, 250, 125);
        QTest::newRow("nothing of the image in view")
            << QRectF(7000, 0, 400, 200) << QSize(6000, 4000) << qint64(1'000'000) << QRect();
        QTest::newRow("too large to be worth it")
            << QRectF(0, 0, 4000, 3000) << QSize(6000, 4000) << qint64(1'000'000) << QRect();
    }
    void region() {
        QFETCH(QRectF, visible);
        QFETCH(QSize, image);
        QFETCH(qint64, maxPixels);
        QFETCH(QRect, region);
        const std::optional<QRect> got = sharpenRegion(visible, image, maxPixels);
        QCOMPARE(got.value_or(QRect()), region);
        QCOMPARE(got.has_value(), !region.isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestSharpenGeometry)
#include "test_sharpen_geometry.moc"
