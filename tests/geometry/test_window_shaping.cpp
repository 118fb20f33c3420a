// SPDX-License-Identifier: GPL-3.0-or-later
#include "geometry/WindowShaping.h"

#include <QSet>
#include <QTest>

#include <limits>

using namespace cropdeck;

Q_DECLARE_METATYPE(std::optional<QRect>)

class TestWindowShaping : public QObject {
    Q_OBJECT
private slots:
    void margin_data();
    void margin();
    void aspect_data();
    void aspect();
    void fixedSize_data();
    void fixedSize();
    void centre_data();
    void centre();
    void randomIsDeterministicAndInside_data();
    void randomIsDeterministicAndInside();
    void randomReachesEveryPosition();
    void randomStreamIsPinned();
    void normalizedSquare_data();
    void normalizedSquare();
};

namespace {
const std::optional<QRect> none = std::nullopt;
}

void TestWindowShaping::margin_data() {
    QTest::addColumn<QRect>("window");
    QTest::addColumn<double>("value");
    QTest::addColumn<bool>("percent");
    QTest::addColumn<std::optional<QRect>>("expected");

    QTest::newRow("none") << QRect(10, 10, 20, 20) << 0.0 << false << std::optional(QRect(10, 10, 20, 20));
    QTest::newRow("absolute") << QRect(10, 10, 20, 20) << 5.0 << false << std::optional(QRect(5, 5, 30, 30));
    QTest::newRow("absolute fraction rounds out")
        << QRect(10, 10, 20, 20) << 2.5 << false << std::optional(QRect(7, 7, 26, 26));
    QTest::newRow("percent of each side")
        << QRect(0, 0, 100, 50) << 10.0 << true << std::optional(QRect(-10, -5, 120, 60));
    QTest::newRow("percent fraction rounds out")
        << QRect(0, 0, 15, 15) << 10.0 << true << std::optional(QRect(-2, -2, 19, 19));
    // 10% of 30 is 3.0000000000000004: noise must not add a pixel.
    QTest::newRow("percent float noise")
        << QRect(0, 0, 30, 30) << 10.0 << true << std::optional(QRect(-3, -3, 36, 36));
    QTest::newRow("negative shrinks")
        << QRect(10, 10, 20, 20) << -2.0 << false << std::optional(QRect(12, 12, 16, 16));
    QTest::newRow("negative collapses") << QRect(10, 10, 20, 20) << -10.0 << false << none;
    QTest::newRow("huge margin") << QRect(10, 10, 20, 20) << 1e15 << false << none;
    QTest::newRow("NaN margin") << QRect(10, 10, 20, 20) << std::numeric_limits<double>::quiet_NaN() << false
                                << none;
}

void TestWindowShaping::margin() {
    QFETCH(QRect, window);
    QFETCH(double, value);
    QFETCH(bool, percent);
    QFETCH(std::optional<QRect>, expected);
    QCOMPARE(applyMargin(window, Margin{value, percent}), expected);
}

void TestWindowShaping::aspect_data() {
    QTest::addColumn<QRect>("window");
    QTest::addColumn<double>("aspect");
    QTest::addColumn<std::optional<QRect>>("expected");

    QTest::newRow("off") << QRect(10, 10, 100, 50) << 0.0 << std::optional(QRect(10, 10, 100, 50));
    QTest::newRow("already there") << QRect(10, 10, 100, 50) << 2.0 << std::optional(QRect(10, 10, 100, 50));
    QTest::newRow("taller around the centre")
        << QRect(0, 0, 100, 50) << 1.0 << std::optional(QRect(0, -25, 100, 100));
    QTest::newRow("wider around the centre")
        << QRect(0, 0, 10, 20) << 1.0 << std::optional(QRect(-5, 0, 20, 20));
    // 3 × 4/3 is 3.9999999999999996: the new side is 4, the extra pixel goes up/left.
    QTest::newRow("4:3 rounding") << QRect(5, 5, 3, 3) << 4.0 / 3.0 << std::optional(QRect(4, 5, 4, 3));
    QTest::newRow("odd growth goes left") << QRect(0, 0, 10, 2) << 1.0 << std::optional(QRect(0, -4, 10, 10));
    QTest::newRow("16:9 rounds up") << QRect(0, 0, 100, 100) << 16.0 / 9.0
                                    << std::optional(QRect(-39, 0, 178, 100));
    QTest::newRow("infinite") << QRect(0, 0, 10, 10) << std::numeric_limits<double>::infinity() << none;
    QTest::newRow("beyond limits") << QRect(0, 0, 10, 10) << 1e12 << none;
}

void TestWindowShaping::aspect() {
    QFETCH(QRect, window);
    QFETCH(double, aspect);
    QFETCH(std::optional<QRect>, expected);
    QCOMPARE(lockAspect(window, aspect), expected);
}

void TestWindowShaping::fixedSize_data() {
    QTest::addColumn<QRect>("window");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<std::optional<QRect>>("expected");

    QTest::newRow("grow even") << QRect(10, 10, 4, 4) << QSize(8, 8) << std::optional(QRect(8, 8, 8, 8));
    QTest::newRow("grow odd") << QRect(10, 10, 5, 5) << QSize(8, 8) << std::optional(QRect(8, 8, 8, 8));
    QTest::newRow("shrink odd") << QRect(0, 0, 9, 9) << QSize(4, 4) << std::optional(QRect(2, 2, 4, 4));
    QTest::newRow("mixed") << QRect(100, 100, 50, 10) << QSize(20, 30)
                           << std::optional(QRect(115, 90, 20, 30));
    QTest::newRow("same") << QRect(3, 4, 5, 6) << QSize(5, 6) << std::optional(QRect(3, 4, 5, 6));
    QTest::newRow("empty size") << QRect(3, 4, 5, 6) << QSize(0, 6) << none;
}

void TestWindowShaping::fixedSize() {
    QFETCH(QRect, window);
    QFETCH(QSize, size);
    QFETCH(std::optional<QRect>, expected);
    QCOMPARE(fixedSizeAround(window, size), expected);
}

void TestWindowShaping::centre_data() {
    QTest::addColumn<QSize>("image");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QRect>("expected");

    QTest::newRow("even") << QSize(100, 80) << QSize(50, 50) << QRect(25, 15, 50, 50);
    QTest::newRow("odd slack goes up/left") << QSize(101, 81) << QSize(50, 50) << QRect(25, 15, 50, 50);
    QTest::newRow("whole image") << QSize(64, 48) << QSize(64, 48) << QRect(0, 0, 64, 48);
    QTest::newRow("larger sticks out") << QSize(100, 80) << QSize(120, 81) << QRect(-10, -1, 120, 81);
}

void TestWindowShaping::centre() {
    QFETCH(QSize, image);
    QFETCH(QSize, size);
    QFETCH(QRect, expected);
    QCOMPARE(centreCrop(image, size), expected);
    // A centre crop is a fixed-size window around the whole image.
    QCOMPARE(fixedSizeAround(QRect(QPoint(0, 0), image), size), std::optional(expected));
}

void TestWindowShaping::randomIsDeterministicAndInside_data() {
    QTest::addColumn<QSize>("image");
    QTest::addColumn<QSize>("size");
    QTest::newRow("small in large") << QSize(4000, 3000) << QSize(224, 224);
    QTest::newRow("one position") << QSize(50, 40) << QSize(50, 40);
    QTest::newRow("thin") << QSize(1000, 10) << QSize(1, 10);
}

void TestWindowShaping::randomIsDeterministicAndInside() {
    QFETCH(QSize, image);
    QFETCH(QSize, size);
    const QRect imageRect(QPoint(0, 0), image);
    for (int imageIndex = 0; imageIndex < 20; ++imageIndex) {
        for (int windowIndex = 0; windowIndex < 5; ++windowIndex) {
            const QRect a = randomCrop(image, size, 42, imageIndex, windowIndex);
            QCOMPARE(a.size(), size);
            QVERIFY2(imageRect.contains(a), qPrintable(QStringLiteral("%1,%2").arg(a.x()).arg(a.y())));
            QCOMPARE(randomCrop(image, size, 42, imageIndex, windowIndex), a);
        }
    }
}

void TestWindowShaping::randomReachesEveryPosition() {
    // 3 × 2 possible positions; 600 draws over (seed, image, window) must reach all of them, and
    // not just one stream: every index changes the draw.
    QSet<QPair<int, int>> seen;
    QSet<QPair<int, int>> firstWindows;
    for (int imageIndex = 0; imageIndex < 100; ++imageIndex) {
        for (int windowIndex = 0; windowIndex < 6; ++windowIndex) {
            const QRect r = randomCrop(QSize(12, 9), QSize(10, 8), 7, imageIndex, windowIndex);
            seen.insert({r.x(), r.y()});
            if (windowIndex == 0)
                firstWindows.insert({r.x(), r.y()});
        }
    }
    QCOMPARE(seen.size(), 6);
    QCOMPARE(firstWindows.size(), 6);
    // A window too wide for the image is centred on that axis, random on the other.
    const QRect wide = randomCrop(QSize(10, 100), QSize(20, 10), 1, 2, 3);
    QCOMPARE(wide.x(), -5);
    QVERIFY(wide.y() >= 0 && wide.y() <= 90);
}

void TestWindowShaping::randomStreamIsPinned() {
    // The positions are part of CropDeck's output contract (re-runs and other machines must cut the same
    // windows), so the generator may not change silently.
    QCOMPARE(randomCrop(QSize(1000, 1000), QSize(100, 100), 0, 0, 0).topLeft(), QPoint(263, 215));
    QCOMPARE(randomCrop(QSize(1000, 1000), QSize(100, 100), 12345, 3, 1).topLeft(), QPoint(153, 592));
    QVERIFY(randomCrop(QSize(1000, 1000), QSize(100, 100), 1, 0, 0) !=
            randomCrop(QSize(1000, 1000), QSize(100, 100), 2, 0, 0));
}

void TestWindowShaping::normalizedSquare_data() {
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<double>("scale");
    QTest::addColumn<double>("maxFraction");
    QTest::addColumn<QSize>("image");
    QTest::addColumn<std::optional<QRect>>("expected");

    QTest::newRow("centre half") << 0.5 << 0.5 << 0.5 << 1.0 << QSize(1000, 800)
                                 << std::optional(QRect(500, 400, 400, 400));
    QTest::newRow("clamped right and bottom")
        << 0.9 << 0.9 << 0.5 << 1.0 << QSize(1000, 800) << std::optional(QRect(600, 400, 400, 400));
    QTest::newRow("top-left corner") << 0.0 << 0.0 << 0.25 << 1.0 << QSize(512, 512)
                                     << std::optional(QRect(0, 0, 128, 128));
    QTest::newRow("x = 1") << 1.0 << 0.0 << 0.25 << 1.0 << QSize(512, 512)
                           << std::optional(QRect(384, 0, 128, 128));
    QTest::newRow("max fraction caps")
        << 0.0 << 0.0 << 0.9 << 0.5 << QSize(4000, 4000) << std::optional(QRect(0, 0, 2000, 2000));
    QTest::newRow("floor of the position")
        << 0.3337 << 0.6663 << 0.1 << 1.0 << QSize(1000, 1000) << std::optional(QRect(333, 666, 100, 100));
    // Plain floor, as the parallel_image_crop reference computes it: 100 × 0.29 is 28.999999999999996.
    QTest::newRow("side is a plain floor")
        << 0.0 << 0.0 << 0.29 << 1.0 << QSize(100, 100) << std::optional(QRect(0, 0, 28, 28));
    QTest::newRow("zero scale is one pixel")
        << 0.5 << 0.5 << 0.0 << 1.0 << QSize(10, 10) << std::optional(QRect(5, 5, 1, 1));
    QTest::newRow("scale above one is the shorter side")
        << 0.5 << 0.5 << 3.0 << 5.0 << QSize(30, 20) << std::optional(QRect(10, 0, 20, 20));
    QTest::newRow("negative position clamps")
        << -2.0 << -1e300 << 0.5 << 1.0 << QSize(10, 10) << std::optional(QRect(0, 0, 5, 5));
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << 0.5 << 0.5 << 1.0 << QSize(10, 10)
                         << none;
    QTest::newRow("empty image") << 0.5 << 0.5 << 0.5 << 1.0 << QSize(0, 10) << none;
}

void TestWindowShaping::normalizedSquare() {
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(double, scale);
    QFETCH(double, maxFraction);
    QFETCH(QSize, image);
    QFETCH(std::optional<QRect>, expected);
    QCOMPARE(normalizedSquareWindow(NormalizedSquare{x, y, scale}, image, maxFraction), expected);
}

QTEST_APPLESS_MAIN(TestWindowShaping)
#include "test_window_shaping.moc"
