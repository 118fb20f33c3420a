// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/WindowPipeline.h"
#include "geometry/Orientation.h"

#include <QTest>

using namespace cropdeck;

class TestWindowPipeline : public QObject {
    Q_OBJECT
private slots:
    void resolve_data();
    void resolve();
    void invalidWindowsNameTheWindow_data();
    void invalidWindowsNameTheWindow();
    void planMapsToStoredPixels_data();
    void planMapsToStoredPixels();
    void planHonoursPolicies();
};

namespace {

CropWindow box(const QRectF& rect, const QString& id = QStringLiteral("3")) {
    CropWindow window;
    window.box = rect;
    window.id = id;
    return window;
}

CropWindow square(double x, double y, double scale) {
    CropWindow window;
    window.kind = CropWindow::Kind::NormalizedSquare;
    window.square = NormalizedSquare{x, y, scale};
    window.id = QStringLiteral("0");
    return window;
}

} // namespace

void TestWindowPipeline::resolve_data() {
    QTest::addColumn<CropWindow>("window");
    QTest::addColumn<double>("margin");
    QTest::addColumn<bool>("percent");
    QTest::addColumn<double>("aspect");
    QTest::addColumn<QSize>("fixedSize");
    QTest::addColumn<QRect>("expected");

    QTest::newRow("box only") << box(QRectF(10.5, 20, 30, 40)) << 0.0 << false << 0.0 << QSize()
                              << QRect(10, 20, 31, 40);
    QTest::newRow("margin after rounding")
        << box(QRectF(10.5, 20, 30, 40)) << 2.0 << false << 0.0 << QSize() << QRect(8, 18, 35, 44);
    QTest::newRow("percent margin of the rounded box")
        << box(QRectF(0, 0, 100, 50)) << 10.0 << true << 0.0 << QSize() << QRect(-10, -5, 120, 60);
    QTest::newRow("margin then aspect")
        << box(QRectF(0, 0, 100, 50)) << 10.0 << true << 1.0 << QSize() << QRect(-10, -35, 120, 120);
    QTest::newRow("fixed size wins") << box(QRectF(100, 100, 50, 10)) << 5.0 << false << 1.0 << QSize(20, 30)
                                     << QRect(115, 90, 20, 30);
    QTest::newRow("normalised square")
        << square(0.5, 0.5, 0.5) << 0.0 << false << 0.0 << QSize() << QRect(500, 400, 400, 400);
    QTest::newRow("normalised square with margin")
        << square(0.0, 0.0, 0.1) << 1.0 << false << 0.0 << QSize() << QRect(-1, -1, 82, 82);
}

void TestWindowPipeline::resolve() {
    QFETCH(CropWindow, window);
    QFETCH(double, margin);
    QFETCH(bool, percent);
    QFETCH(double, aspect);
    QFETCH(QSize, fixedSize);
    QFETCH(QRect, expected);
    CropSettings settings;
    settings.margin = Margin{margin, percent};
    settings.aspect = aspect;
    settings.fixedSize = fixedSize;
    const Result<QRect> rect = resolveWindowRect(window, QSize(1000, 800), settings);
    QVERIFY2(rect.ok(), rect.ok() ? "" : qPrintable(rect.error().message));
    QCOMPARE(*rect, expected);
}

void TestWindowPipeline::invalidWindowsNameTheWindow_data() {
    QTest::addColumn<CropWindow>("window");
    QTest::addColumn<double>("margin");
    QTest::addColumn<QSize>("fixedSize");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty box") << box(QRectF(5, 5, 0, 10), QStringLiteral("dog-7")) << 0.0 << QSize()
                               << QStringLiteral(
                                      "window dog-7: box (x=5, y=5, w=0, h=10) is empty, not a number or "
                                      "too large");
    QTest::newRow("margin eats it") << box(QRectF(5, 5, 4, 4)) << -2.0 << QSize()
                                    << QStringLiteral("window 3: the margin -2 px leaves nothing of it");
    QTest::newRow("zero fixed size") << box(QRectF(5, 5, 4, 4)) << 0.0 << QSize(0, 0)
                                     << QStringLiteral(
                                            "window 3: the fixed window size 0x0 must be at least 1x1");
}

void TestWindowPipeline::invalidWindowsNameTheWindow() {
    QFETCH(CropWindow, window);
    QFETCH(double, margin);
    QFETCH(QSize, fixedSize);
    QFETCH(QString, message);
    CropSettings settings;
    settings.margin.value = margin;
    settings.fixedSize = fixedSize;
    const Result<QRect> rect = resolveWindowRect(window, QSize(100, 100), settings);
    QVERIFY(!rect.ok());
    QCOMPARE(rect.error().kind, ErrorKind::Invalid);
    QCOMPARE(rect.error().message, message);
}

void TestWindowPipeline::planMapsToStoredPixels_data() {
    QTest::addColumn<int>("orientation");
    QTest::addColumn<bool>("onStored");
    QTest::addColumn<bool>("fromExif");
    QTest::addColumn<int>("effectiveOrientation");
    QTest::addColumn<QRect>("storedSource");

    // Stored 400 × 300; with orientation 6 the upright image is 300 × 400 and the upright box
    // (10, 20, 30, 40) is stored (20, 300 - 40, 40, 30).
    QTest::newRow("upright, orientation 6") << 6 << false << true << 6 << QRect(20, 260, 40, 30);
    QTest::newRow("upright, orientation 3") << 3 << false << true << 3 << QRect(360, 240, 30, 40);
    QTest::newRow("boxes on stored pixels") << 6 << true << true << 1 << QRect(10, 20, 30, 40);
    QTest::newRow("EXIF ignored by setting") << 6 << false << false << 1 << QRect(10, 20, 30, 40);
    QTest::newRow("invalid orientation") << 0 << false << true << 1 << QRect(10, 20, 30, 40);
}

void TestWindowPipeline::planMapsToStoredPixels() {
    QFETCH(int, orientation);
    QFETCH(bool, onStored);
    QFETCH(bool, fromExif);
    QFETCH(int, effectiveOrientation);
    QFETCH(QRect, storedSource);
    CropSettings settings;
    settings.orientationFromExif = fromExif;
    const Result<WindowPlan> plan =
        planWindow(box(QRectF(10, 20, 30, 40)), QSize(400, 300), orientation, onStored, settings);
    QVERIFY(plan.ok());
    QVERIFY(plan->bounds.cuts());
    QCOMPARE(plan->window, QRect(10, 20, 30, 40));
    QCOMPARE(plan->orientation, effectiveOrientation);
    QCOMPARE(plan->storedSource, storedSource);
    QCOMPARE(storedToUpright(plan->storedSource, QSize(400, 300), plan->orientation),
             plan->bounds.sourceRect);
}

void TestWindowPipeline::planHonoursPolicies() {
    CropSettings settings;
    // Upright image of stored 400 × 300 at orientation 6 is 300 × 400: x = 290 + 20 sticks out 10 px.
    const CropWindow overRight = box(QRectF(290, 0, 20, 20));

    settings.bounds = BoundsPolicy::Error;
    const Result<WindowPlan> failed = planWindow(overRight, QSize(400, 300), 6, false, settings);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().kind, ErrorKind::OutOfBounds);
    QVERIFY2(failed.error().message.startsWith(QStringLiteral("window 3: ")),
             qPrintable(failed.error().message));
    QVERIFY2(failed.error().message.contains(QStringLiteral("10 px past the right edge of")) ||
                 failed.error().message.contains(QStringLiteral("10 px past the right edge")),
             qPrintable(failed.error().message));

    settings.bounds = BoundsPolicy::Skip;
    const Result<WindowPlan> skipped = planWindow(overRight, QSize(400, 300), 6, false, settings);
    QVERIFY(skipped.ok());
    QVERIFY(skipped->bounds.skip);
    QVERIFY(!skipped->storedSource.isValid());

    settings.bounds = BoundsPolicy::Pad;
    const Result<WindowPlan> padded = planWindow(overRight, QSize(400, 300), 6, false, settings);
    QVERIFY(padded.ok());
    QCOMPARE(padded->bounds.sourceRect, QRect(290, 0, 10, 20));
    QCOMPARE(padded->bounds.canvasSize, QSize(20, 20));
    QCOMPARE(padded->storedSource, uprightToStored(QRect(290, 0, 10, 20), QSize(400, 300), 6));
}

QTEST_APPLESS_MAIN(TestWindowPipeline)
#include "test_window_pipeline.moc"
