// SPDX-License-Identifier: GPL-3.0-or-later
// The editing geometry of the canvas (handles, hit-testing, move, resize, add, duplicate), each as a
// table of cases with exact results.
#include "ui/WindowHandles.h"

#include <QTest>

using namespace cropdeck::ui;

class TestWindowHandles : public QObject {
    Q_OBJECT

private slots:
    void handleRects_data() {
        QTest::addColumn<double>("zoom");
        QTest::addColumn<int>("handle");
        QTest::addColumn<QRectF>("expected");
        // 8 px at 1:1 is 8 scene px; at zoom 4 it is 2; at zoom 0.5 it is 16: fixed on screen.
        QTest::newRow("top left 1:1") << 1.0 << int(WindowPart::TopLeft) << QRectF(96, 46, 8, 8);
        QTest::newRow("bottom right 1:1") << 1.0 << int(WindowPart::BottomRight) << QRectF(136, 66, 8, 8);
        QTest::newRow("top edge middle") << 1.0 << int(WindowPart::Top) << QRectF(116, 46, 8, 8);
        QTest::newRow("left edge middle zoom 4") << 4.0 << int(WindowPart::Left) << QRectF(99, 59, 2, 2);
        QTest::newRow("right edge zoomed out") << 0.5 << int(WindowPart::Right) << QRectF(132, 52, 16, 16);
    }
    void handleRects() {
        QFETCH(double, zoom);
        QFETCH(int, handle);
        QFETCH(QRectF, expected);
        QCOMPARE(handleRect(QRectF(100, 50, 40, 20), WindowPart(handle), zoom, 8), expected);
    }

    void hits_data() {
        QTest::addColumn<QPointF>("pointer");
        QTest::addColumn<double>("zoom");
        QTest::addColumn<bool>("withHandles");
        QTest::addColumn<int>("part");
        QTest::newRow("inside") << QPointF(120, 60) << 1.0 << true << int(WindowPart::Body);
        QTest::newRow("corner handle just outside the box")
            << QPointF(97, 47) << 1.0 << true << int(WindowPart::TopLeft);
        QTest::newRow("no handles when not selected")
            << QPointF(97, 47) << 1.0 << false << int(WindowPart::Outside);
        QTest::newRow("handle inside the box") << QPointF(102, 52) << 1.0 << true << int(WindowPart::TopLeft);
        QTest::newRow("same point is body when zoomed in")
            << QPointF(102, 52) << 4.0 << true << int(WindowPart::Body);
        QTest::newRow("bottom edge") << QPointF(120, 70) << 1.0 << true << int(WindowPart::Bottom);
        QTest::newRow("right edge is half-open: outside without handles")
            << QPointF(140, 60) << 1.0 << false << int(WindowPart::Outside);
        QTest::newRow("right edge handle") << QPointF(140, 60) << 1.0 << true << int(WindowPart::Right);
        QTest::newRow("far away") << QPointF(10, 10) << 1.0 << true << int(WindowPart::Outside);
    }
    void hits() {
        QFETCH(QPointF, pointer);
        QFETCH(double, zoom);
        QFETCH(bool, withHandles);
        QFETCH(int, part);
        QCOMPARE(int(hitTest(QRectF(100, 50, 40, 20), pointer, zoom, 8, withHandles)), part);
    }

    void moves_data() {
        QTest::addColumn<QRectF>("start");
        QTest::addColumn<QPointF>("delta");
        QTest::addColumn<QRectF>("expected");
        QTest::newRow("whole") << QRectF(10, 20, 30, 40) << QPointF(5, -3) << QRectF(15, 17, 30, 40);
        QTest::newRow("delta rounded")
            << QRectF(10, 20, 30, 40) << QPointF(4.6, 0.4) << QRectF(15, 20, 30, 40);
        QTest::newRow("half rounds up")
            << QRectF(10, 20, 30, 40) << QPointF(-0.5, 0.5) << QRectF(10, 21, 30, 40);
        QTest::newRow("fractional box lands on whole pixels")
            << QRectF(10.3, 20.6, 30.4, 40) << QPointF(1, 1) << QRectF(11, 22, 31, 40);
        QTest::newRow("outside the image is allowed")
            << QRectF(0, 0, 30, 40) << QPointF(-50, -5) << QRectF(-50, -5, 30, 40);
    }
    void moves() {
        QFETCH(QRectF, start);
        QFETCH(QPointF, delta);
        QFETCH(QRectF, expected);
        QCOMPARE(movedBox(start, delta), expected);
    }

    void resizes_data() {
        QTest::addColumn<int>("handle");
        QTest::addColumn<QPointF>("pointer");
        QTest::addColumn<bool>("keepAspect");
        QTest::addColumn<QRectF>("expected");
        // Start: (100, 50, 40, 20): right 140, bottom 70.
        QTest::newRow("bottom right grows")
            << int(WindowPart::BottomRight) << QPointF(150.4, 80.6) << false << QRectF(100, 50, 50, 31);
        QTest::newRow("top left moves its corner")
            << int(WindowPart::TopLeft) << QPointF(90, 40) << false << QRectF(90, 40, 50, 30);
        QTest::newRow("right edge changes only the width")
            << int(WindowPart::Right) << QPointF(120, 999) << false << QRectF(100, 50, 20, 20);
        QTest::newRow("top edge changes only the height")
            << int(WindowPart::Top) << QPointF(-5, 60) << false << QRectF(100, 60, 40, 10);
        QTest::newRow("dragged past the opposite edge flips")
            << int(WindowPart::Right) << QPointF(90, 0) << false << QRectF(90, 50, 10, 20);
        QTest::newRow("at least one pixel")
            << int(WindowPart::Left) << QPointF(140, 60) << false << QRectF(140, 50, 1, 20);
        QTest::newRow("aspect: corner follows the wider move")
            << int(WindowPart::BottomRight) << QPointF(180, 71) << true << QRectF(100, 50, 80, 40);
        QTest::newRow("aspect: corner follows the taller move")
            << int(WindowPart::BottomRight) << QPointF(141, 90) << true << QRectF(100, 50, 80, 40);
        QTest::newRow("aspect: top left towards the fixed corner")
            << int(WindowPart::TopLeft) << QPointF(120, 65) << true << QRectF(120, 60, 20, 10);
        QTest::newRow("aspect: edge scales the other side about its centre")
            << int(WindowPart::Right) << QPointF(180, 60) << true << QRectF(100, 40, 80, 40);
        QTest::newRow("aspect: bottom edge")
            << int(WindowPart::Bottom) << QPointF(0, 80) << true << QRectF(90, 50, 60, 30);
    }
    void resizes() {
        QFETCH(int, handle);
        QFETCH(QPointF, pointer);
        QFETCH(bool, keepAspect);
        QFETCH(QRectF, expected);
        QCOMPARE(resizedBox(QRectF(100, 50, 40, 20), WindowPart(handle), pointer, keepAspect), expected);
    }

    void drags_data() {
        QTest::addColumn<QPointF>("from");
        QTest::addColumn<QPointF>("to");
        QTest::addColumn<QRectF>("expected");
        QTest::newRow("down right") << QPointF(10, 20) << QPointF(50, 60) << QRectF(10, 20, 40, 40);
        QTest::newRow("up left") << QPointF(50, 60) << QPointF(10.2, 19.7) << QRectF(10, 20, 40, 40);
        QTest::newRow("under a pixel wide is nothing") << QPointF(10, 20) << QPointF(10.4, 60) << QRectF();
    }
    void drags() {
        QFETCH(QPointF, from);
        QFETCH(QPointF, to);
        QFETCH(QRectF, expected);
        QCOMPARE(draggedBox(from, to), expected);
    }

    void duplicates_data() {
        QTest::addColumn<QRectF>("box");
        QTest::addColumn<QRectF>("expected");
        // Image 200 × 100, offset (10, 10).
        QTest::newRow("room for the offset") << QRectF(10, 10, 50, 20) << QRectF(20, 20, 50, 20);
        QTest::newRow("clamped at the right and bottom")
            << QRectF(145, 75, 50, 20) << QRectF(150, 80, 50, 20);
        QTest::newRow("already outside: stays where it is on that axis")
            << QRectF(180, 10, 50, 20) << QRectF(180, 20, 50, 20);
        QTest::newRow("larger than the image") << QRectF(-10, 0, 300, 20) << QRectF(-10, 10, 300, 20);
    }
    void duplicates() {
        QFETCH(QRectF, box);
        QFETCH(QRectF, expected);
        QCOMPARE(duplicatedBox(box, QPointF(10, 10), QSizeF(200, 100)), expected);
        QCOMPARE(duplicatedBox(box, QPointF(10, 10), QSizeF()), box.translated(10, 10)); // no image size
    }
};

QTEST_APPLESS_MAIN(TestWindowHandles)
#include "test_window_handles.moc"
