// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestUtils.h"
#include "geometry/BoundsPolicy.h"
#include "geometry/Padding.h"

#include <QTest>

#include <opencv2/core.hpp>

using namespace cropdeck;

class TestPadding : public QObject {
    Q_OBJECT
private slots:
    void constantColour_data();
    void constantColour();
    void edgeEqualsReplicatedImageBorder_data();
    void edgeEqualsReplicatedImageBorder();
    void noPaddingSharesPixels();
    void rejectsBadInput();
};

namespace {

cv::Mat randomImage(int width, int height, int type, quint32 seed) {
    cv::Mat image(height, width, type);
    cv::RNG rng(seed);
    rng.fill(image, cv::RNG::UNIFORM, 0, 256);
    return image;
}

const int kColour[3] = {10, 20, 61}; // B, G, R; gray mean is 30.33 → 30

} // namespace

void TestPadding::constantColour_data() {
    QTest::addColumn<int>("type");
    QTest::addColumn<QVector<int>>("expected");
    QTest::newRow("gray uses the mean") << CV_8UC1 << QVector<int>{30};
    QTest::newRow("BGR") << CV_8UC3 << QVector<int>{10, 20, 61};
    QTest::newRow("BGRA is opaque") << CV_8UC4 << QVector<int>{10, 20, 61, 255};
}

void TestPadding::constantColour() {
    QFETCH(int, type);
    QFETCH(QVector<int>, expected);
    const cv::Mat source = randomImage(5, 4, type, 1);
    const Result<cv::Mat> canvas = padToCanvas(source, QSize(9, 7), QPoint(3, 1), PadMode::Constant, kColour);
    QVERIFY(canvas.ok());
    QCOMPARE(canvas->cols, 9);
    QCOMPARE(canvas->rows, 7);
    QCOMPARE(canvas->type(), type);
    const cv::Mat placed = (*canvas)(cv::Rect(3, 1, 5, 4));
    QCOMPARE(test::differingPixels(placed, source), 0LL);
    // Every pixel outside the placed source is the pad colour.
    for (int y = 0; y < canvas->rows; ++y) {
        for (int x = 0; x < canvas->cols; ++x) {
            if (x >= 3 && x < 8 && y >= 1 && y < 5)
                continue;
            const uchar* pixel = canvas->ptr(y) + x * canvas->elemSize();
            for (int c = 0; c < canvas->channels(); ++c)
                QCOMPARE(int(pixel[c]), expected[c]);
        }
    }
}

void TestPadding::edgeEqualsReplicatedImageBorder_data() {
    QTest::addColumn<QRect>("window");
    QTest::addColumn<int>("type");
    // Image is 20 × 15.
    const QList<QPair<const char*, QRect>> windows = {
        {"top-left corner", QRect(-4, -3, 10, 8)}, {"bottom-right corner", QRect(15, 12, 9, 7)},
        {"left edge only", QRect(-6, 5, 10, 4)},   {"larger than the image", QRect(-5, -5, 30, 25)},
        {"one column inside", QRect(19, 2, 6, 6)}, {"top band", QRect(3, -10, 5, 11)},
    };
    for (const auto& [name, rect] : windows) {
        QTest::addRow("%s gray", name) << rect << CV_8UC1;
        QTest::addRow("%s BGR", name) << rect << CV_8UC3;
        QTest::addRow("%s BGRA", name) << rect << CV_8UC4;
    }
}

void TestPadding::edgeEqualsReplicatedImageBorder() {
    QFETCH(QRect, window);
    QFETCH(int, type);
    const cv::Mat image = randomImage(20, 15, type, quint32(window.x() * 31 + window.y() + type));
    const BoundsPlan plan = planBounds(window, QSize(20, 15), BoundsPolicy::Pad);
    QVERIFY(plan.cuts());
    QVERIFY(plan.needsPadding);
    const cv::Mat source = image(cv::Rect(plan.sourceRect.x(), plan.sourceRect.y(), plan.sourceRect.width(),
                                          plan.sourceRect.height()));
    const Result<cv::Mat> canvas =
        padToCanvas(source, plan.canvasSize, plan.destOffset, PadMode::Edge, kColour);
    QVERIFY(canvas.ok());

    // Reference: the whole image with its border replicated far enough, then the window cut from it.
    const int margin = 40;
    cv::Mat extended;
    cv::copyMakeBorder(image, extended, margin, margin, margin, margin, cv::BORDER_REPLICATE);
    const cv::Mat expected =
        extended(cv::Rect(window.x() + margin, window.y() + margin, window.width(), window.height()));
    QVERIFY2(test::differingPixels(*canvas, expected) == 0,
             qPrintable(test::describeDifference(*canvas, expected)));
}

void TestPadding::noPaddingSharesPixels() {
    const cv::Mat source = randomImage(6, 4, CV_8UC3, 3);
    for (PadMode mode : {PadMode::Constant, PadMode::Edge}) {
        const Result<cv::Mat> canvas = padToCanvas(source, QSize(6, 4), QPoint(0, 0), mode, kColour);
        QVERIFY(canvas.ok());
        QCOMPARE(canvas->data, source.data);
    }
}

void TestPadding::rejectsBadInput() {
    const cv::Mat source = randomImage(6, 4, CV_8UC3, 3);
    const Result<cv::Mat> tooSmall = padToCanvas(source, QSize(6, 4), QPoint(1, 0), PadMode::Edge, kColour);
    QVERIFY(!tooSmall.ok());
    QCOMPARE(tooSmall.error().kind, ErrorKind::Invalid);
    QVERIFY(!padToCanvas(source, QSize(10, 10), QPoint(-1, 0), PadMode::Constant, kColour).ok());
    QVERIFY(!padToCanvas(cv::Mat(), QSize(10, 10), QPoint(0, 0), PadMode::Constant, kColour).ok());
    const cv::Mat wide(4, 4, CV_16UC1, cv::Scalar(0));
    QVERIFY(!padToCanvas(wide, QSize(10, 10), QPoint(0, 0), PadMode::Constant, kColour).ok());
    const cv::Mat twoChannels(4, 4, CV_8UC2, cv::Scalar(0));
    QVERIFY(!padToCanvas(twoChannels, QSize(10, 10), QPoint(0, 0), PadMode::Edge, kColour).ok());
}

QTEST_APPLESS_MAIN(TestPadding)
#include "test_padding.moc"
