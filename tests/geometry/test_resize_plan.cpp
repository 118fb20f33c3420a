// SPDX-License-Identifier: GPL-3.0-or-later
#include "geometry/ResizePlan.h"

#include <QTest>

using namespace cropdeck;

Q_DECLARE_METATYPE(ResizeMode)

class TestResizePlan : public QObject {
    Q_OBJECT
private slots:
    void plans_data();
    void plans();
    void invalid();
    void dctScale_data();
    void dctScale();
};

void TestResizePlan::plans_data() {
    QTest::addColumn<QSize>("region");
    QTest::addColumn<ResizeMode>("mode");
    QTest::addColumn<QSize>("target");
    QTest::addColumn<QSize>("scaled");
    QTest::addColumn<QRect>("keep");

    QTest::newRow("none") << QSize(123, 45) << ResizeMode::None << QSize() << QSize(123, 45)
                          << QRect(0, 0, 123, 45);
    QTest::newRow("exact") << QSize(123, 45) << ResizeMode::Exact << QSize(64, 64) << QSize(64, 64)
                           << QRect(0, 0, 64, 64);
    QTest::newRow("fit wide") << QSize(400, 200) << ResizeMode::Fit << QSize(100, 100) << QSize(100, 50)
                              << QRect(0, 0, 100, 50);
    QTest::newRow("fit tall") << QSize(200, 400) << ResizeMode::Fit << QSize(100, 100) << QSize(50, 100)
                              << QRect(0, 0, 50, 100);
    // 333 × 100/1000 = 33.3 → 33; 335 → 33.5 rounds up to 34.
    QTest::newRow("fit rounds to nearest")
        << QSize(1000, 333) << ResizeMode::Fit << QSize(100, 100) << QSize(100, 33) << QRect(0, 0, 100, 33);
    QTest::newRow("fit half rounds up")
        << QSize(1000, 335) << ResizeMode::Fit << QSize(100, 100) << QSize(100, 34) << QRect(0, 0, 100, 34);
    QTest::newRow("fit enlarges") << QSize(10, 20) << ResizeMode::Fit << QSize(100, 100) << QSize(50, 100)
                                  << QRect(0, 0, 50, 100);
    QTest::newRow("fit keeps at least one pixel")
        << QSize(10000, 1) << ResizeMode::Fit << QSize(100, 100) << QSize(100, 1) << QRect(0, 0, 100, 1);
    QTest::newRow("fit same aspect") << QSize(300, 200) << ResizeMode::Fit << QSize(150, 100)
                                     << QSize(150, 100) << QRect(0, 0, 150, 100);
    QTest::newRow("fill wide") << QSize(400, 200) << ResizeMode::Fill << QSize(100, 100) << QSize(200, 100)
                               << QRect(50, 0, 100, 100);
    QTest::newRow("fill tall") << QSize(200, 400) << ResizeMode::Fill << QSize(100, 100) << QSize(100, 200)
                               << QRect(0, 50, 100, 100);
    QTest::newRow("fill odd crop goes up/left")
        << QSize(301, 100) << ResizeMode::Fill << QSize(100, 50) << QSize(151, 50) << QRect(25, 0, 100, 50);
    QTest::newRow("fill same aspect")
        << QSize(640, 480) << ResizeMode::Fill << QSize(320, 240) << QSize(320, 240) << QRect(0, 0, 320, 240);
}

void TestResizePlan::plans() {
    QFETCH(QSize, region);
    QFETCH(ResizeMode, mode);
    QFETCH(QSize, target);
    QFETCH(QSize, scaled);
    QFETCH(QRect, keep);
    const Result<ResizePlan> plan = planResize(region, mode, target);
    QVERIFY(plan.ok());
    QCOMPARE(plan->scaledSize, scaled);
    QCOMPARE(plan->keep, keep);
    QVERIFY(QRect(QPoint(0, 0), plan->scaledSize).contains(plan->keep));
    if (mode == ResizeMode::Exact || mode == ResizeMode::Fill)
        QCOMPARE(plan->outputSize(), target);
    if (mode == ResizeMode::Fit)
        QVERIFY(plan->outputSize().width() == target.width() ||
                plan->outputSize().height() == target.height());
}

void TestResizePlan::invalid() {
    QVERIFY(!planResize(QSize(0, 10), ResizeMode::None, QSize()).ok());
    const Result<ResizePlan> noTarget = planResize(QSize(10, 10), ResizeMode::Fit, QSize(0, 100));
    QVERIFY(!noTarget.ok());
    QCOMPARE(noTarget.error().kind, ErrorKind::Invalid);
    QVERIFY(noTarget.error().message.contains(QStringLiteral("0x100")));
    QVERIFY(!planResize(QSize(10, 10), ResizeMode::Exact, QSize()).ok());
}

void TestResizePlan::dctScale_data() {
    QTest::addColumn<QSize>("region");
    QTest::addColumn<QSize>("output");
    QTest::addColumn<int>("scale");

    QTest::newRow("no downscale") << QSize(100, 100) << QSize(100, 100) << 1;
    QTest::newRow("enlarging") << QSize(100, 100) << QSize(200, 200) << 1;
    QTest::newRow("exactly half") << QSize(200, 200) << QSize(100, 100) << 2;
    QTest::newRow("just under half") << QSize(199, 199) << QSize(100, 100) << 2; // ceil(199/2) = 100
    QTest::newRow("not quite half") << QSize(197, 200) << QSize(100, 100) << 1;  // ceil(197/2) = 99
    QTest::newRow("quarter") << QSize(1000, 1000) << QSize(224, 224) << 4;
    QTest::newRow("eighth") << QSize(4000, 3000) << QSize(500, 375) << 8;
    QTest::newRow("capped at eight") << QSize(4000, 4000) << QSize(10, 10) << 8;
    QTest::newRow("limited by the tighter axis") << QSize(4000, 400) << QSize(100, 100) << 4;
    QTest::newRow("empty output") << QSize(100, 100) << QSize(0, 0) << 1;
}

void TestResizePlan::dctScale() {
    QFETCH(QSize, region);
    QFETCH(QSize, output);
    QFETCH(int, scale);
    QCOMPARE(chooseDctScale(region, output), scale);
}

QTEST_APPLESS_MAIN(TestResizePlan)
#include "test_resize_plan.moc"
