// SPDX-License-Identifier: GPL-3.0-or-later
// decodeJpegRegionFromRestart: the same pixels as the plain region decode and OpenCV's full decode for
// every restart layout (1 MCU, 7 MCUs, a row, several rows), sampling and scale; it really takes the
// restart path where it should (skipping rows above and, where intervals split rows alike, columns
// beside the region), falls back where it cannot, and stays safe on damaged markers.

#include "JpegTestImages.h"
#include "TestUtils.h"
#include "io/jpeg/JpegRegionDecoder.h"
#include "io/jpeg/JpegRestartDecoder.h"
#include "io/jpeg/JpegRestartStream.h"

#include <QTest>

#include <opencv2/imgcodecs.hpp>

#include <cstring>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

struct Case {
    const char* name;
    int width;
    int height;
    bool color;
    Sampling sampling;
    int interval; // MCUs
    int rows;     // MCU rows, when interval is 0
};

const Case kCases[] = {
    {"gray interval 1", 301, 277, false, Sampling::S444, 1, 0},
    {"gray interval 7", 1001, 777, false, Sampling::S444, 7, 0},
    {"gray one row", 1001, 777, false, Sampling::S444, 0, 1},
    {"gray 3 rows", 1001, 777, false, Sampling::S444, 0, 3},
    {"420 interval 1", 333, 250, true, Sampling::S420, 1, 0},
    {"420 interval 7", 1001, 777, true, Sampling::S420, 7, 0},
    {"420 one row", 1001, 777, true, Sampling::S420, 0, 1},
    {"420 3 rows", 1001, 777, true, Sampling::S420, 0, 3},
    {"422 interval 5", 641, 479, true, Sampling::S422, 5, 0},
    {"444 one row", 641, 479, true, Sampling::S444, 0, 1},
    {"440 interval 3", 500, 371, true, Sampling::S440, 3, 0},
    {"444 interval 9", 641, 479, true, Sampling::S444, 9, 0},
    {"422 interval 3", 1001, 777, true, Sampling::S422, 3, 0},
    {"411 interval 4", 500, 371, true, Sampling::S411, 4, 0},
    {"420 interval 4 odd", 1017, 333, true, Sampling::S420, 4, 0},
    {"411 one row", 500, 371, true, Sampling::S411, 0, 1},
    {"420 17x9 interval 1", 17, 9, true, Sampling::S420, 1, 0},
    {"gray 17x41 interval 2", 17, 41, false, Sampling::S444, 2, 0},
    {"420 17x57 interval 1", 17, 57, true, Sampling::S420, 1, 0},
};

JpegOptions optionsOf(const Case& c) {
    JpegOptions options;
    options.color = c.color;
    options.sampling = c.sampling;
    options.restartInterval = c.interval;
    options.restartRows = c.rows;
    return options;
}

QByteArray encodeCase(int index) {
    const Case& c = kCases[index];
    return encodeJpeg(naturalImage(c.width, c.height, c.color, 500 + index), optionsOf(c));
}

int reducedFlag(bool colourImage, int scale) {
    const int colourFlags[] = {cv::IMREAD_REDUCED_COLOR_2, cv::IMREAD_REDUCED_COLOR_4,
                               cv::IMREAD_REDUCED_COLOR_8};
    const int grayFlags[] = {cv::IMREAD_REDUCED_GRAYSCALE_2, cv::IMREAD_REDUCED_GRAYSCALE_4,
                             cv::IMREAD_REDUCED_GRAYSCALE_8};
    const int i = scale == 2 ? 0 : scale == 4 ? 1 : 2;
    return colourImage ? colourFlags[i] : grayFlags[i];
}

QByteArray describe(const QRect& r, const cv::Mat& a, const cv::Mat& b) {
    return QStringLiteral("%1,%2 %3x%4: %5")
        .arg(r.x())
        .arg(r.y())
        .arg(r.width())
        .arg(r.height())
        .arg(describeDifference(a, b))
        .toUtf8();
}

// Offset of the n-th RST marker in the entropy data, or -1.
qsizetype nthRestartMarker(const QByteArray& jpeg, int n) {
    int seen = 0;
    for (qsizetype i = 0; i + 1 < jpeg.size(); ++i)
        if (quint8(jpeg[i]) == 0xFF && quint8(jpeg[i + 1]) >= 0xD0 && quint8(jpeg[i + 1]) <= 0xD7 &&
            seen++ == n)
            return i;
    return -1;
}

} // namespace

class TestJpegRestart : public QObject {
    Q_OBJECT

private slots:
    void matchesPlainDecode_data();
    void matchesPlainDecode();
    void scaledMatchesReducedDecode_data();
    void scaledMatchesReducedDecode();
    void fallsBackWithoutUsableMarkers_data();
    void fallsBackWithoutUsableMarkers();
    void columnsBesideTheRegionAreNotDecoded();
    void damagedMarkerIsAnErrorNotACrash();
    void truncatedFilesNeverCrash();
};

void TestJpegRestart::matchesPlainDecode_data() {
    QTest::addColumn<int>("index");
    for (int i = 0; i < int(std::size(kCases)); ++i)
        QTest::newRow(kCases[i].name) << i;
}

void TestJpegRestart::matchesPlainDecode() {
    QFETCH(int, index);
    const QByteArray jpeg = encodeCase(index);
    QVERIFY(!jpeg.isEmpty());
    const cv::Mat reference = referenceDecodeBytes(jpeg);
    const Case& c = kCases[index];
    int restartPathCount = 0;
    const std::vector<QRect> windows = testWindows(c.width, c.height, 40, 900 + index);
    for (const QRect& window : windows) {
        DecodeRequest request;
        request.region = window;
        const Result<DecodedRegion> decoded =
            decodeJpegRegionFromRestart(jpeg, request, QStringLiteral("r.jpg"));
        QVERIFY2(decoded.ok(), errorText(decoded).constData());
        const bool useful = jpegRestartAccessUseful(jpeg, request);
        QCOMPARE(QByteArray(decoded->decoder), QByteArray(useful ? "jpeg-restart" : "jpeg-region"));
        restartPathCount += useful ? 1 : 0;
        QCOMPARE(decoded->region, window);
        QCOMPARE(decoded->scaledRegion, window);
        const cv::Mat expected = reference(cv::Rect(window.x(), window.y(), window.width(), window.height()));
        QVERIFY2(differingPixels(decoded->pixels, expected) == 0,
                 describe(window, decoded->pixels, expected));
        const Result<DecodedRegion> plain = decodeJpegRegion(jpeg, request, QStringLiteral("r.jpg"));
        QVERIFY(plain.ok());
        QCOMPARE(differingPixels(decoded->pixels, plain->pixels), 0LL);
    }
    // The restart path must actually have been exercised (tiny images have too few rows to gain).
    if (c.height >= 200)
        QVERIFY2(restartPathCount >= int(windows.size()) / 3, QByteArray::number(restartPathCount));
    else if (c.height >= 40)
        QVERIFY(restartPathCount >= 1);
}

void TestJpegRestart::scaledMatchesReducedDecode_data() {
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("scale");
    for (int i = 0; i < int(std::size(kCases)); ++i)
        for (int scale : {2, 4, 8})
            QTest::addRow("%s 1/%d", kCases[i].name, scale) << i << scale;
}

void TestJpegRestart::scaledMatchesReducedDecode() {
    QFETCH(int, index);
    QFETCH(int, scale);
    const Case& c = kCases[index];
    const QByteArray jpeg = encodeCase(index);
    const cv::Mat reference = opencvDecode(jpeg, reducedFlag(c.color, scale));
    QVERIFY(!reference.empty());
    for (const QRect& window : testWindows(c.width, c.height, 12, 77 * scale + index)) {
        DecodeRequest request;
        request.region = window;
        request.scaleDenom = scale;
        const Result<DecodedRegion> decoded =
            decodeJpegRegionFromRestart(jpeg, request, QStringLiteral("r.jpg"));
        QVERIFY2(decoded.ok(), errorText(decoded).constData());
        const Result<DecodedRegion> plain = decodeJpegRegion(jpeg, request, QStringLiteral("r.jpg"));
        QVERIFY(plain.ok());
        QCOMPARE(decoded->scaledRegion, plain->scaledRegion);
        const QRect s = decoded->scaledRegion;
        const cv::Mat expected = reference(cv::Rect(s.x(), s.y(), s.width(), s.height()));
        QVERIFY2(differingPixels(decoded->pixels, expected) == 0,
                 describe(window, decoded->pixels, expected));
    }
}

// 4:2:0, 1001 px wide: 63 MCUs of 16 px per row, 9 intervals of 7 MCUs (112 px). A region at x 500..539
// needs MCU columns 31..33, and 30..34 with the chroma context: intervals 4 and, whole, only them.
void TestJpegRestart::columnsBesideTheRegionAreNotDecoded() {
    const QByteArray jpeg = encodeCase(5); // "420 interval 7"
    const std::optional<jpeg::JpegLayout> layout = jpeg::parseJpegLayout(jpeg);
    QVERIFY(layout);
    for (const QRect& region : {QRect(500, 3, 40, 30), QRect(500, 400, 40, 30)}) {
        DecodeRequest request;
        request.region = region;
        const std::optional<jpeg::RestartPlan> plan = jpeg::planRestartAccess(*layout, request);
        QVERIFY(plan);
        QCOMPARE(plan->columnOffset, 4 * 112);
        QCOMPARE(plan->width, 112);
        const Result<DecodedRegion> decoded =
            decodeJpegRegionFromRestart(jpeg, request, QStringLiteral("r.jpg"));
        QVERIFY2(decoded.ok(), errorText(decoded).constData());
        QCOMPARE(QByteArray(decoded->decoder), QByteArray("jpeg-restart"));
        const Result<DecodedRegion> plain = decodeJpegRegion(jpeg, request, QStringLiteral("r.jpg"));
        QVERIFY(plain.ok());
        QCOMPARE(differingPixels(decoded->pixels, plain->pixels), 0LL);
    }
}

void TestJpegRestart::fallsBackWithoutUsableMarkers_data() {
    QTest::addColumn<bool>("progressive");
    QTest::addColumn<bool>("arithmetic");
    QTest::addColumn<int>("interval");
    QTest::newRow("no markers") << false << false << 0;
    QTest::newRow("progressive with markers") << true << false << 2;
    QTest::newRow("arithmetic with markers") << false << true << 2;
}

void TestJpegRestart::fallsBackWithoutUsableMarkers() {
    QFETCH(bool, progressive);
    QFETCH(bool, arithmetic);
    QFETCH(int, interval);
    JpegOptions options;
    options.progressive = progressive;
    options.arithmetic = arithmetic;
    options.restartInterval = interval;
    const QByteArray jpeg = encodeJpeg(naturalImage(200, 300, true, 3), options);
    const cv::Mat reference = referenceDecodeBytes(jpeg);
    DecodeRequest request;
    request.region = QRect(50, 250, 100, 50);
    QVERIFY(!jpegRestartAccessUseful(jpeg, request));
    const Result<DecodedRegion> decoded = decodeJpegRegionFromRestart(jpeg, request, QStringLiteral("f.jpg"));
    QVERIFY2(decoded.ok(), errorText(decoded).constData());
    QCOMPARE(QByteArray(decoded->decoder), QByteArray("jpeg-region"));
    QCOMPARE(differingPixels(decoded->pixels, reference(cv::Rect(50, 250, 100, 50))), 0LL);
}

void TestJpegRestart::damagedMarkerIsAnErrorNotACrash() {
    JpegOptions options;
    options.restartRows = 1;
    QByteArray jpeg = encodeJpeg(naturalImage(256, 256, true, 4), options);
    const qsizetype marker = nthRestartMarker(jpeg, 3);
    QVERIFY(marker > 0);
    jpeg[marker + 1] = char(0xD5); // RST3 where RST3 belongs becomes RST5
    DecodeRequest request;
    request.region = QRect(10, 200, 30, 30);
    const Result<DecodedRegion> strict =
        decodeJpegRegionFromRestart(jpeg, request, QStringLiteral("bad.jpg"));
    QVERIFY(!strict.ok());
    QCOMPARE(strict.error().kind, ErrorKind::Corrupt);
    QVERIFY(strict.error().message.startsWith(QStringLiteral("bad.jpg: ")));
    request.failOn = FailOn::None;
    const Result<DecodedRegion> lenient =
        decodeJpegRegionFromRestart(jpeg, request, QStringLiteral("bad.jpg"));
    QVERIFY2(lenient.ok(), errorText(lenient).constData());
    QCOMPARE(lenient->pixels.rows, 30);
}

void TestJpegRestart::truncatedFilesNeverCrash() {
    JpegOptions options;
    options.restartInterval = 3;
    const QByteArray jpeg = encodeJpeg(naturalImage(96, 64, true, 5), options);
    const cv::Mat reference = referenceDecodeBytes(jpeg);
    DecodeRequest request;
    request.region = QRect(40, 40, 20, 20);
    int truncatedErrors = 0;
    for (qsizetype size = 0; size < jpeg.size(); size += 7) {
        const QByteArrayView prefix(jpeg.constData(), size);
        request.failOn = FailOn::Truncated;
        const Result<DecodedRegion> decoded =
            decodeJpegRegionFromRestart(prefix, request, QStringLiteral("t.jpg"));
        if (decoded.ok()) // the region's rows lie before the cut: then they must be right
            QCOMPARE(differingPixels(decoded->pixels, reference(cv::Rect(40, 40, 20, 20))), 0LL);
        else
            truncatedErrors += decoded.error().kind == ErrorKind::Truncated ? 1 : 0;
        request.failOn = FailOn::None;
        (void)jpegRestartAccessUseful(prefix, request);
        (void)decodeJpegRegionFromRestart(prefix, request, QStringLiteral("t.jpg"));
    }
    QVERIFY(truncatedErrors > 0);
}

QTEST_APPLESS_MAIN(TestJpegRestart)
#include "test_jpeg_restart.moc"
