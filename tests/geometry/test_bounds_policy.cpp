// SPDX-License-Identifier: GPL-3.0-or-later
#include "geometry/BoundsPolicy.h"

#include <QTest>

using namespace cropdeck;

Q_DECLARE_METATYPE(BoundsPolicy)

namespace {
enum class Outcome { Cut, Skip, Fail };
}
Q_DECLARE_METATYPE(Outcome)

class TestBoundsPolicy : public QObject {
    Q_OBJECT
private slots:
    void plans_data();
    void plans();
    void errorNamesSidesAndAmounts();
    void invalidInputs();
};

void TestBoundsPolicy::plans_data() {
    QTest::addColumn<QRect>("window");
    QTest::addColumn<BoundsPolicy>("policy");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<QRect>("source");
    QTest::addColumn<QSize>("canvas");
    QTest::addColumn<QPoint>("offset");
    QTest::addColumn<QString>("reasonContains");

    // Image is 100 × 80 throughout.
    const QRect inside(10, 10, 30, 20);
    for (BoundsPolicy policy : {BoundsPolicy::Clip, BoundsPolicy::Shift, BoundsPolicy::Pad,
                                BoundsPolicy::Skip, BoundsPolicy::Error}) {
        QTest::addRow("inside, policy %d", int(policy))
            << inside << policy << Outcome::Cut << inside << inside.size() << QPoint(0, 0) << QString();
        QTest::addRow("whole image, policy %d", int(policy))
            << QRect(0, 0, 100, 80) << policy << Outcome::Cut << QRect(0, 0, 100, 80) << QSize(100, 80)
            << QPoint(0, 0) << QString();
    }

    const QRect overLeftBottom(-10, 70, 30, 20); // 10 px past left, 10 px past bottom
    QTest::newRow("clip overhang") << overLeftBottom << BoundsPolicy::Clip << Outcome::Cut
                                   << QRect(0, 70, 20, 10) << QSize(20, 10) << QPoint(0, 0) << QString();
    QTest::newRow("shift overhang") << overLeftBottom << BoundsPolicy::Shift << Outcome::Cut
                                    << QRect(0, 60, 30, 20) << QSize(30, 20) << QPoint(0, 0) << QString();
    QTest::newRow("pad overhang") << overLeftBottom << BoundsPolicy::Pad << Outcome::Cut
                                  << QRect(0, 70, 20, 10) << QSize(30, 20) << QPoint(10, 0) << QString();
    QTest::newRow("skip overhang") << overLeftBottom << BoundsPolicy::Skip << Outcome::Skip << QRect()
                                   << QSize() << QPoint() << QStringLiteral("10 px past the left edge");
    QTest::newRow("error overhang") << overLeftBottom << BoundsPolicy::Error << Outcome::Fail << QRect()
                                    << QSize() << QPoint() << QStringLiteral("10 px past the bottom edge");

    const QRect overRightTop(90, -5, 20, 10);
    QTest::newRow("pad right/top") << overRightTop << BoundsPolicy::Pad << Outcome::Cut << QRect(90, 0, 10, 5)
                                   << QSize(20, 10) << QPoint(0, 5) << QString();
    QTest::newRow("shift right/top") << overRightTop << BoundsPolicy::Shift << Outcome::Cut
                                     << QRect(80, 0, 20, 10) << QSize(20, 10) << QPoint(0, 0) << QString();

    const QRect larger(-20, 10, 150, 30); // wider than the image, fits vertically
    QTest::newRow("shift larger clips that axis")
        << larger << BoundsPolicy::Shift << Outcome::Cut << QRect(0, 10, 100, 30) << QSize(100, 30)
        << QPoint(0, 0) << QString();
    QTest::newRow("pad larger") << larger << BoundsPolicy::Pad << Outcome::Cut << QRect(0, 10, 100, 30)
                                << QSize(150, 30) << QPoint(20, 0) << QString();

    const QRect outside(200, 10, 20, 20);
    QTest::newRow("clip outside skips") << outside << BoundsPolicy::Clip << Outcome::Skip << QRect()
                                        << QSize() << QPoint() << QStringLiteral("wholly outside");
    QTest::newRow("pad outside skips") << outside << BoundsPolicy::Pad << Outcome::Skip << QRect() << QSize()
                                       << QPoint() << QStringLiteral("wholly outside");
    QTest::newRow("shift outside moves in")
        << outside << BoundsPolicy::Shift << Outcome::Cut << QRect(80, 10, 20, 20) << QSize(20, 20)
        << QPoint(0, 0) << QString();
    QTest::newRow("error outside") << outside << BoundsPolicy::Error << Outcome::Fail << QRect() << QSize()
                                   << QPoint() << QStringLiteral("120 px past the right edge");
    // Touching the right edge from outside: [100, 120) does not overlap [0, 100).
    QTest::newRow("clip touching edge skips")
        << QRect(100, 0, 20, 20) << BoundsPolicy::Clip << Outcome::Skip << QRect() << QSize() << QPoint()
        << QStringLiteral("wholly outside");
}

void TestBoundsPolicy::plans() {
    QFETCH(QRect, window);
    QFETCH(BoundsPolicy, policy);
    QFETCH(Outcome, outcome);
    QFETCH(QRect, source);
    QFETCH(QSize, canvas);
    QFETCH(QPoint, offset);
    QFETCH(QString, reasonContains);

    const BoundsPlan plan = planBounds(window, QSize(100, 80), policy);
    switch (outcome) {
    case Outcome::Cut:
        QVERIFY(plan.cuts());
        QCOMPARE(plan.sourceRect, source);
        QCOMPARE(plan.canvasSize, canvas);
        QCOMPARE(plan.destOffset, offset);
        QCOMPARE(plan.needsPadding, canvas != source.size());
        QVERIFY(QRect(0, 0, 100, 80).contains(plan.sourceRect));
        break;
    case Outcome::Skip:
        QVERIFY(plan.skip);
        QVERIFY(!plan.error);
        QVERIFY2(plan.skipReason.contains(reasonContains), qPrintable(plan.skipReason));
        break;
    case Outcome::Fail:
        QVERIFY(plan.error);
        QCOMPARE(plan.error->kind, ErrorKind::OutOfBounds);
        QVERIFY2(plan.error->message.contains(reasonContains), qPrintable(plan.error->message));
        break;
    }
}

void TestBoundsPolicy::errorNamesSidesAndAmounts() {
    const BoundsPlan plan = planBounds(QRect(-12, -3, 700, 500), QSize(640, 480), BoundsPolicy::Error);
    QVERIFY(plan.error);
    QCOMPARE(
        plan.error->message,
        QStringLiteral("window (x=-12, y=-3, 700x500) sticks out of the 640x480 image: 12 px past the left "
                       "edge and 3 px past the top edge and 48 px past the right edge and 17 px past the "
                       "bottom edge"));
    QCOMPARE(describeOverhang(QRect(0, 0, 640, 480), QSize(640, 480)), QString());
}

void TestBoundsPolicy::invalidInputs() {
    const BoundsPlan emptyWindow = planBounds(QRect(5, 5, 0, 10), QSize(100, 80), BoundsPolicy::Clip);
    QVERIFY(emptyWindow.error);
    QCOMPARE(emptyWindow.error->kind, ErrorKind::Invalid);
    const BoundsPlan emptyImage = planBounds(QRect(5, 5, 10, 10), QSize(0, 0), BoundsPolicy::Pad);
    QVERIFY(emptyImage.error);
    QCOMPARE(emptyImage.error->kind, ErrorKind::Invalid);
}

QTEST_APPLESS_MAIN(TestBoundsPolicy)
#include "test_bounds_policy.moc"
