// SPDX-License-Identifier: GPL-3.0-or-later
// The canvas's coordinate transforms, each as a table of cases.
#include "geometry/Orientation.h"
#include "ui/CanvasGeometry.h"

#include <QTest>

using namespace cropdeck;
using namespace cropdeck::ui;

class TestCanvasGeometry : public QObject {
    Q_OBJECT

private slots:
    void fit_data() {
        QTest::addColumn<QSizeF>("scene");
        QTest::addColumn<QSizeF>("viewport");
        QTest::addColumn<double>("margin");
        QTest::addColumn<double>("dpr");
        QTest::addColumn<double>("zoom");
        QTest::newRow("wide image, width limits")
            << QSizeF(6000, 4000) << QSizeF(1600, 1000) << 0.0 << 1.0 << 0.25;
        QTest::newRow("margin counts on both sides")
            << QSizeF(1000, 500) << QSizeF(520, 520) << 10.0 << 1.0 << 0.5;
        QTest::newRow("tall image, height limits")
            << QSizeF(1000, 4000) << QSizeF(1000, 1000) << 0.0 << 1.0 << 0.25;
        QTest::newRow("small image is not enlarged")
            << QSizeF(100, 80) << QSizeF(1600, 1000) << 0.0 << 1.0 << 1.0;
        QTest::newRow("small image on HiDPI stops at 1:1")
            << QSizeF(100, 80) << QSizeF(1600, 1000) << 0.0 << 2.0 << 0.5;
        QTest::newRow("large image on HiDPI fits in logical pixels")
            << QSizeF(6000, 4000) << QSizeF(1600, 1000) << 0.0 << 2.0 << 0.25;
        QTest::newRow("empty scene") << QSizeF() << QSizeF(100, 100) << 0.0 << 1.0 << 1.0;
        QTest::newRow("viewport smaller than margins")
            << QSizeF(10, 10) << QSizeF(10, 10) << 8.0 << 1.0 << 1.0;
    }
    void fit() {
        QFETCH(QSizeF, scene);
        QFETCH(QSizeF, viewport);
        QFETCH(double, margin);
        QFETCH(double, dpr);
        QFETCH(double, zoom);
        QCOMPARE(fitZoom(scene, viewport, margin, dpr), zoom);
    }

    void show_data() {
        QTest::addColumn<QSizeF>("area");
        QTest::addColumn<QSizeF>("viewport");
        QTest::addColumn<double>("margin");
        QTest::addColumn<double>("zoom");
        QTest::newRow("small box enlarged, width limits")
            << QSizeF(40, 30) << QSizeF(1000, 1000) << 0.0 << 25.0;
        QTest::newRow("margins taken first") << QSizeF(40, 30) << QSizeF(496, 1000) << 48.0 << 10.0;
        QTest::newRow("large box shrunk, height limits")
            << QSizeF(1000, 4000) << QSizeF(1000, 1000) << 0.0 << 0.25;
        QTest::newRow("one pixel stops at 64") << QSizeF(1, 1) << QSizeF(1000, 1000) << 0.0 << 64.0;
        QTest::newRow("empty area") << QSizeF() << QSizeF(100, 100) << 0.0 << 1.0;
        QTest::newRow("viewport smaller than margins") << QSizeF(10, 10) << QSizeF(90, 90) << 48.0 << 1.0;
    }
    void show() {
        QFETCH(QSizeF, area);
        QFETCH(QSizeF, viewport);
        QFETCH(double, margin);
        QFETCH(double, zoom);
        QCOMPARE(zoomToShow(area, viewport, margin), zoom);
    }

    void steps_data() {
        QTest::addColumn<double>("zoom");
        QTest::addColumn<int>("steps");
        QTest::addColumn<double>("expected");
        QTest::newRow("one in") << 1.0 << 1 << 1.25;
        QTest::newRow("one out") << 1.0 << -1 << 0.8;
        QTest::newRow("in and out") << 0.3 << 0 << 0.3;
        QTest::newRow("clamped high") << 60.0 << 3 << 64.0;
        QTest::newRow("clamped low") << 1.0 / 60 << -3 << 1.0 / 64;
    }
    void steps() {
        QFETCH(double, zoom);
        QFETCH(int, steps);
        QFETCH(double, expected);
        QVERIFY(qFuzzyCompare(steppedZoom(zoom, steps), expected));
    }

    void displayedCoversScene_data() {
        QTest::addColumn<QSize>("displayed");
        QTest::addColumn<QSize>("scene");
        QTest::newRow("full size") << QSize(640, 480) << QSize(640, 480);
        QTest::newRow("1/8 of 6000x4000") << QSize(750, 500) << QSize(6000, 4000);
        QTest::newRow("1/4 of an odd size, rounded up") << QSize(251, 151) << QSize(1001, 601);
    }
    void displayedCoversScene() {
        QFETCH(QSize, displayed);
        QFETCH(QSize, scene);
        const QTransform t = displayedToScene(displayed, scene);
        QCOMPARE(t.map(QPointF(0, 0)), QPointF(0, 0));
        QCOMPARE(t.map(QPointF(displayed.width(), displayed.height())),
                 QPointF(scene.width(), scene.height()));
    }

    void widgetSceneRoundTrip_data() {
        QTest::addColumn<QPointF>("widget");
        QTest::addColumn<double>("zoom");
        QTest::addColumn<QPointF>("origin");
        QTest::addColumn<QPointF>("scene");
        QTest::newRow("identity") << QPointF(10, 20) << 1.0 << QPointF(0, 0) << QPointF(10, 20);
        QTest::newRow("zoomed out") << QPointF(10, 20) << 0.25 << QPointF(0, 0) << QPointF(40, 80);
        QTest::newRow("zoomed in and scrolled")
            << QPointF(10, 20) << 4.0 << QPointF(100, 50) << QPointF(102.5, 55);
    }
    void widgetSceneRoundTrip() {
        QFETCH(QPointF, widget);
        QFETCH(double, zoom);
        QFETCH(QPointF, origin);
        QFETCH(QPointF, scene);
        QCOMPARE(widgetToScene(widget, zoom, origin), scene);
        QCOMPARE(sceneToWidget(scene, zoom, origin), widget);
    }

    void storedScene_data() {
        QTest::addColumn<int>("orientation");
        QTest::addColumn<bool>("onStored");
        for (int orientation = 1; orientation <= 8; ++orientation) {
            QTest::addRow("orientation %d, upright boxes", orientation) << orientation << false;
            QTest::addRow("orientation %d, stored boxes", orientation) << orientation << true;
        }
    }
    void storedScene() {
        QFETCH(int, orientation);
        QFETCH(bool, onStored);
        const QSize stored(400, 300);
        const QRectF box(10, 20, 30, 40);
        const QRectF scene = storedToScene(box, stored, orientation, onStored);
        // The scene box is the engine's mapping (or none), and maps back exactly.
        QCOMPARE(scene, onStored ? box : storedToUpright(box, stored, orientation));
        QCOMPARE(sceneToStored(scene, stored, orientation, onStored), box);
        const QSize sceneSize = onStored ? stored : uprightSize(stored, orientation);
        QVERIFY(QRectF(QPointF(0, 0), QSizeF(sceneSize)).contains(scene));
    }
};

QTEST_APPLESS_MAIN(TestCanvasGeometry)
#include "test_canvas_geometry.moc"
