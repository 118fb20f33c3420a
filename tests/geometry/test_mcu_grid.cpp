// SPDX-License-Identifier: GPL-3.0-or-later
// The lossless crop's MCU grid in the boxes' coordinates: snapped edges worked out by hand for the usual
// subsamplings and EXIF rotations, and for every orientation the property that matters: the snapped box,
// mapped to stored pixels, starts and ends on MCU multiples (or the image's edge).
#include "geometry/McuGrid.h"
#include "geometry/Orientation.h"

#include <QRandomGenerator>
#include <QTest>

using namespace cropdeck;

class TestMcuGrid : public QObject {
    Q_OBJECT

private slots:
    void snapsEveryEdgeToTheNearestLine_data() {
        QTest::addColumn<QSize>("stored");
        QTest::addColumn<QSize>("mcu");
        QTest::addColumn<int>("orientation");
        QTest::addColumn<QRectF>("box");
        QTest::addColumn<QRectF>("snapped");
        const QSize stored(100, 60);
        QTest::addRow("4:2:0") << stored << QSize(16, 16) << 1 << QRectF(5, 7, 30, 20)
                               << QRectF(0, 0, 32, 32);
        QTest::addRow("4:4:4") << stored << QSize(8, 8) << 1 << QRectF(13, 21, 50, 40)
                               << QRectF(16, 24, 48, 36); // 61: the image's edge, 60, is nearer than 64
        QTest::addRow("ties go down")
            << stored << QSize(16, 16) << 1 << QRectF(8, 8, 16, 16) << QRectF(0, 0, 16, 16);
        QTest::addRow("image edge is a line")
            << stored << QSize(16, 16) << 1 << QRectF(80, 41, 19, 18) << QRectF(80, 48, 20, 12);
        QTest::addRow("never empty") << stored << QSize(8, 8) << 1 << QRectF(1, 1, 2, 2)
                                     << QRectF(0, 0, 8, 8);
        // Mirrored (3) on 203x117: x lines 203 - 8k, y lines 117 - 8k and 0; the line after 0 is 5.
        QTest::addRow("never empty, to the next line")
            << QSize(203, 117) << QSize(8, 8) << 3 << QRectF(182, 0, 16, 1) << QRectF(179, 0, 16, 5);
        QTest::addRow("outside the image")
            << stored << QSize(8, 8) << 1 << QRectF(-13, -3, 20, 10) << QRectF(-16, 0, 24, 8);
        QTest::addRow("fractional box")
            << stored << QSize(8, 8) << 1 << QRectF(3.75, 4.5, 9, 8) << QRectF(0, 8, 16, 8);
        // 6: upright x is stored y backwards (lines 60 - 8k), upright y is stored x (lines 16k, and 100).
        QTest::addRow("4:2:2 rotated 90 (6)")
            << stored << QSize(16, 8) << 6 << QRectF(10, 20, 20, 30) << QRectF(12, 16, 16, 32);
        // 3: both axes backwards: x lines 100 - 16k and 0, y lines 60 - 16k and 0.
        QTest::addRow("4:2:0 rotated 180 (3)")
            << stored << QSize(16, 16) << 3 << QRectF(10, 10, 30, 30) << QRectF(4, 12, 32, 32);
        // 8: upright x is stored y (lines 16k), upright y is stored x backwards (lines 100 - 16k).
        QTest::addRow("4:2:0 rotated 270 (8)")
            << stored << QSize(16, 16) << 8 << QRectF(10, 10, 30, 30) << QRectF(16, 4, 16, 32);
    }
    void snapsEveryEdgeToTheNearestLine() {
        QFETCH(QSize, stored);
        QFETCH(QSize, mcu);
        QFETCH(int, orientation);
        QFETCH(QRectF, box);
        QFETCH(QRectF, snapped);
        QCOMPARE(snapBoxToMcuGrid(box, McuGrid{stored, mcu, orientation}), snapped);
    }

    void positionSnapKeepsTheSize_data() {
        QTest::addColumn<int>("orientation");
        QTest::addColumn<QRectF>("box");
        QTest::addColumn<QRectF>("snapped");
        QTest::addRow("upright: left and top") << 1 << QRectF(10, 10, 30, 30) << QRectF(16, 16, 30, 30);
        // Rotated 180: the stored crop starts at the upright right and bottom edges.
        QTest::addRow("rotated 180: right and bottom")
            << 3 << QRectF(10, 10, 30, 30) << QRectF(6, 14, 30, 30);
        // Rotated 90 (6): stored left is upright top, stored top is upright right.
        QTest::addRow("rotated 90: right and top") << 6 << QRectF(10, 10, 30, 30) << QRectF(14, 16, 30, 30);
    }
    void positionSnapKeepsTheSize() {
        QFETCH(int, orientation);
        QFETCH(QRectF, box);
        QFETCH(QRectF, snapped);
        QCOMPARE(snapPositionToMcuGrid(box, McuGrid{QSize(100, 60), QSize(16, 16), orientation}), snapped);
    }

    void snappedBoxesStartAndEndOnStoredMcus_data() {
        QTest::addColumn<int>("orientation");
        QTest::addColumn<QSize>("mcu");
        for (int o = 1; o <= 8; ++o)
            for (const QSize mcu : {QSize(8, 8), QSize(16, 16), QSize(16, 8)})
                QTest::addRow("orientation %d, MCU %dx%d", o, mcu.width(), mcu.height()) << o << mcu;
    }
    void snappedBoxesStartAndEndOnStoredMcus() {
        QFETCH(int, orientation);
        QFETCH(QSize, mcu);
        const QSize stored(203, 117); // partial MCUs on the right and at the bottom
        const McuGrid grid{stored, mcu, orientation};
        const QSize upright = uprightSize(stored, orientation);
        QRandomGenerator random(quint32(orientation * 100 + mcu.width() + mcu.height()));
        const auto onLine = [](int edge, int step, int length) {
            return edge % step == 0 || edge == length;
        };
        for (int i = 0; i < 200; ++i) {
            const int x = random.bounded(upright.width() - 1), y = random.bounded(upright.height() - 1);
            const QRectF box(x, y, 1 + random.bounded(upright.width() - x),
                             1 + random.bounded(upright.height() - y));
            const QRectF snapped = snapBoxToMcuGrid(box, grid);
            const QRect inside = snapped.toRect().intersected(QRect(QPoint(0, 0), upright));
            if (inside.isEmpty())
                continue; // snapped to the image's edge and a step beyond it: nothing to crop
            const QRect storedRect = uprightToStored(inside, stored, orientation);
            QVERIFY2(onLine(storedRect.left(), mcu.width(), stored.width()) &&
                         onLine(storedRect.top(), mcu.height(), stored.height()) &&
                         onLine(storedRect.left() + storedRect.width(), mcu.width(), stored.width()) &&
                         onLine(storedRect.top() + storedRect.height(), mcu.height(), stored.height()),
                     qPrintable(QStringLiteral("box %1,%2 %3x%4 → stored %5,%6 %7x%8")
                                    .arg(box.x())
                                    .arg(box.y())
                                    .arg(box.width())
                                    .arg(box.height())
                                    .arg(storedRect.x())
                                    .arg(storedRect.y())
                                    .arg(storedRect.width())
                                    .arg(storedRect.height())));
        }
    }

    void stepFollowsTheRotation() {
        QCOMPARE(mcuStep(McuGrid{QSize(100, 60), QSize(16, 8), 1}), QSize(16, 8));
        QCOMPARE(mcuStep(McuGrid{QSize(100, 60), QSize(16, 8), 6}), QSize(8, 16));
    }

    void invalidGridLeavesTheBox() {
        const QRectF box(3, 4, 5, 6);
        QCOMPARE(snapBoxToMcuGrid(box, McuGrid{QSize(), QSize(8, 8), 1}), box);
        QCOMPARE(snapPositionToMcuGrid(box, McuGrid{QSize(10, 10), QSize(0, 8), 1}), box);
    }
};

QTEST_GUILESS_MAIN(TestMcuGrid)
#include "test_mcu_grid.moc"
