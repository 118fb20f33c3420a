// SPDX-License-Identifier: GPL-3.0-or-later
// decodeJpegRegion against OpenCV's full decode: identical pixels for every sampling, progression,
// restart layout and odd size; DCT-scaled decodes against cv::IMREAD_REDUCED_*; errors as values.

#include "JpegTestImages.h"
#include "TestUtils.h"
#include "io/jpeg/JpegHeader.h"
#include "io/jpeg/JpegRegionDecoder.h"

#include <QTest>

#include <opencv2/imgcodecs.hpp>

#include <random>
#include <vector>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

struct Case {
    const char* name;
    int width;
    int height;
    JpegOptions options;
};

JpegOptions colour(Sampling sampling, bool progressive = false, int restart = 0) {
    JpegOptions options;
    options.sampling = sampling;
    options.progressive = progressive;
    options.restartInterval = restart;
    return options;
}

JpegOptions gray(bool progressive = false, int restart = 0) {
    JpegOptions options = colour(Sampling::S444, progressive, restart);
    options.color = false;
    return options;
}

JpegOptions arithmetic(JpegOptions options) {
    options.arithmetic = true;
    return options;
}

const Case kCases[] = {
    {"gray 1001x777", 1001, 777, gray()},
    {"gray progressive 1001x777", 1001, 777, gray(true)},
    {"gray restart 7", 640, 480, gray(false, 7)},
    {"gray 17x9", 17, 9, gray()},
    {"444 1001x777", 1001, 777, colour(Sampling::S444)},
    {"422 1001x777", 1001, 777, colour(Sampling::S422)},
    {"420 1001x777", 1001, 777, colour(Sampling::S420)},
    {"440 1001x777", 1001, 777, colour(Sampling::S440)},
    {"411 1001x777", 1001, 777, colour(Sampling::S411)},
    {"420 progressive 1001x777", 1001, 777, colour(Sampling::S420, true)},
    {"422 progressive 641x479", 641, 479, colour(Sampling::S422, true)},
    {"420 restart 1", 333, 250, colour(Sampling::S420, false, 1)},
    {"420 arithmetic", 500, 371, arithmetic(colour(Sampling::S420))},
    {"444 arithmetic progressive", 300, 211, arithmetic(colour(Sampling::S444, true))},
    {"420 17x9", 17, 9, colour(Sampling::S420)},
    {"422 17x9", 17, 9, colour(Sampling::S422)},
    {"440 9x17", 9, 17, colour(Sampling::S440)},
    {"420 1x1", 1, 1, colour(Sampling::S420)},
    {"420 33x200", 33, 200, colour(Sampling::S420)},
};

int reducedFlag(bool colourImage, int scale) {
    switch (scale) {
    case 2:
        return colourImage ? cv::IMREAD_REDUCED_COLOR_2 : cv::IMREAD_REDUCED_GRAYSCALE_2;
    case 4:
        return colourImage ? cv::IMREAD_REDUCED_COLOR_4 : cv::IMREAD_REDUCED_GRAYSCALE_4;
    default:
        return colourImage ? cv::IMREAD_REDUCED_COLOR_8 : cv::IMREAD_REDUCED_GRAYSCALE_8;
    }
}

// 1 to 5 row bands over random columns: sorted and disjoint, some touching the next (no row between),
// and every other set ending at the image's last row, where a partial iMCU row is.
std::vector<QRect> randomBands(int width, int height, std::mt19937& random) {
    const auto between = [&](int low, int high) {
        return std::uniform_int_distribution<int>(low, high)(random);
    };
    const int x = between(0, width - 1);
    const int w = between(1, width - x);
    std::vector<QRect> bands;
    int top = between(0, height - 1) / 3;
    for (int count = between(1, 5); count > 0 && top < height; --count) {
        const int h = between(1, std::max(1, (height - top) / 2));
        bands.push_back(QRect(x, top, w, std::min(h, height - top)));
        top = bands.back().bottom() + 1 + between(0, std::max(1, height / 4));
    }
    if (between(0, 1) == 1)
        bands.back().setBottom(height - 1);
    return bands;
}

QString windowName(const QRect& r) {
    return QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

} // namespace

class TestJpegRegion : public QObject {
    Q_OBJECT

private slots:
    void matchesFullDecode_data();
    void matchesFullDecode();
    void scaledMatchesReducedDecode_data();
    void scaledMatchesReducedDecode();
    void rowBandsMatchFullDecode_data();
    void rowBandsMatchFullDecode();
    void rowBandsRejectBadLayouts();
    void rejectsBadRequests();
    void cancels();
    void reportsGarbage();
    void refusesLosslessAndTwelveBit_data();
    void refusesLosslessAndTwelveBit();
};

void TestJpegRegion::matchesFullDecode_data() {
    QTest::addColumn<int>("index");
    for (int i = 0; i < int(std::size(kCases)); ++i)
        QTest::newRow(kCases[i].name) << i;
}

void TestJpegRegion::matchesFullDecode() {
    QFETCH(int, index);
    const Case& c = kCases[index];
    const QByteArray jpeg =
        encodeJpeg(naturalImage(c.width, c.height, c.options.color, 100 + index), c.options);
    QVERIFY(!jpeg.isEmpty());
    const cv::Mat reference = referenceDecodeBytes(jpeg);
    QCOMPARE(reference.channels(), c.options.color ? 3 : 1);
    for (const QRect& window : testWindows(c.width, c.height, 40, 7 + index)) {
        DecodeRequest request;
        request.region = window;
        const Result<DecodedRegion> decoded = decodeJpegRegion(jpeg, request, QStringLiteral("test.jpg"));
        QVERIFY2(decoded.ok(), errorText(decoded).constData());
        QCOMPARE(decoded->scaledRegion, window);
        const cv::Mat expected = reference(cv::Rect(window.x(), window.y(), window.width(), window.height()));
        QVERIFY2(differingPixels(decoded->pixels, expected) == 0,
                 qPrintable(windowName(window) + QStringLiteral(": ") +
                            describeDifference(decoded->pixels, expected)));
    }
}

void TestJpegRegion::rowBandsMatchFullDecode_data() {
    matchesFullDecode_data();
}

void TestJpegRegion::rowBandsMatchFullDecode() {
    // Several bands in one pass (skip, read, skip, read...) must give what a full decode gives, also
    // where a band starts right after the previous one or inside the same iMCU row.
    QFETCH(int, index);
    const Case& c = kCases[index];
    const QByteArray jpeg =
        encodeJpeg(naturalImage(c.width, c.height, c.options.color, 100 + index), c.options);
    const cv::Mat reference = referenceDecodeBytes(jpeg);
    std::mt19937 random(31 + unsigned(index));
    for (int trial = 0; trial < 30; ++trial) {
        const std::vector<QRect> bands = randomBands(c.width, c.height, random);
        const Result<std::vector<DecodedRegion>> decoded =
            decodeJpegRowBands(jpeg, bands, FailOn::Error, nullptr, QStringLiteral("bands.jpg"));
        QVERIFY2(decoded.ok(), decoded.ok() ? "" : qPrintable(decoded.error().message));
        QCOMPARE(decoded->size(), bands.size());
        for (size_t b = 0; b < bands.size(); ++b) {
            const QRect& band = bands[b];
            QCOMPARE((*decoded)[b].region, band);
            QCOMPARE(QByteArray((*decoded)[b].decoder), QByteArray("jpeg-bands"));
            const cv::Mat expected = reference(cv::Rect(band.x(), band.y(), band.width(), band.height()));
            QVERIFY2(
                differingPixels((*decoded)[b].pixels, expected) == 0,
                qPrintable(
                    QStringLiteral("band %1 of %2, %3: ").arg(b).arg(bands.size()).arg(windowName(band)) +
                    describeDifference((*decoded)[b].pixels, expected)));
        }
    }
}

void TestJpegRegion::rowBandsRejectBadLayouts() {
    const QByteArray jpeg = encodeJpeg(naturalImage(64, 64, true, 5), colour(Sampling::S420));
    const auto decode = [&](const std::vector<QRect>& bands) {
        return decodeJpegRowBands(jpeg, bands, FailOn::Error, nullptr, QStringLiteral("b.jpg"));
    };
    const std::vector<std::vector<QRect>> bad = {
        {},
        {QRect(0, 10, 8, 8), QRect(4, 30, 8, 8)}, // different columns
        {QRect(0, 30, 8, 8), QRect(0, 10, 8, 8)}, // not sorted
        {QRect(0, 10, 8, 8), QRect(0, 17, 8, 8)}, // sharing row 17
        {QRect(0, 60, 8, 8)},                     // past the bottom
    };
    for (const std::vector<QRect>& bands : bad) {
        const auto decoded = decode(bands);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().kind, ErrorKind::Invalid);
        QVERIFY2(decoded.error().message.startsWith(QStringLiteral("b.jpg: ")),
                 qPrintable(decoded.error().message));
    }
    QVERIFY(decode({QRect(0, 10, 8, 8), QRect(0, 18, 8, 8)}).ok()); // touching is fine
}

void TestJpegRegion::scaledMatchesReducedDecode_data() {
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("scale");
    for (int i = 0; i < int(std::size(kCases)); ++i)
        for (int scale : {2, 4, 8})
            QTest::addRow("%s 1/%d", kCases[i].name, scale) << i << scale;
}

void TestJpegRegion::scaledMatchesReducedDecode() {
    QFETCH(int, index);
    QFETCH(int, scale);
    const Case& c = kCases[index];
    const QByteArray jpeg =
        encodeJpeg(naturalImage(c.width, c.height, c.options.color, 100 + index), c.options);
    const cv::Mat reference = opencvDecode(jpeg, reducedFlag(c.options.color, scale));
    QCOMPARE(reference.cols, (c.width + scale - 1) / scale);
    QCOMPARE(reference.rows, (c.height + scale - 1) / scale);
    for (const QRect& window : testWindows(c.width, c.height, 15, 31 * scale + index)) {
        DecodeRequest request;
        request.region = window;
        request.scaleDenom = scale;
        const Result<DecodedRegion> decoded = decodeJpegRegion(jpeg, request, QStringLiteral("test.jpg"));
        QVERIFY2(decoded.ok(), errorText(decoded).constData());
        const QRect s = decoded->scaledRegion;
        QCOMPARE(s.x(), window.x() / scale);
        QCOMPARE(s.y(), window.y() / scale);
        QCOMPARE(s.right() + 1, std::min(reference.cols, (window.x() + window.width() + scale - 1) / scale));
        QCOMPARE(s.bottom() + 1,
                 std::min(reference.rows, (window.y() + window.height() + scale - 1) / scale));
        const cv::Mat expected = reference(cv::Rect(s.x(), s.y(), s.width(), s.height()));
        QVERIFY2(differingPixels(decoded->pixels, expected) == 0,
                 qPrintable(windowName(window) + QStringLiteral(": ") +
                            describeDifference(decoded->pixels, expected)));
    }
}

void TestJpegRegion::rejectsBadRequests() {
    const QByteArray jpeg = encodeJpeg(naturalImage(64, 48, true, 1), JpegOptions());
    for (const QRect& region :
         {QRect(0, 0, 65, 10), QRect(-1, 0, 4, 4), QRect(60, 40, 5, 9), QRect(3, 3, 0, 5)}) {
        DecodeRequest request;
        request.region = region;
        const Result<DecodedRegion> decoded = decodeJpegRegion(jpeg, request, QStringLiteral("a.jpg"));
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().kind, ErrorKind::Invalid);
        QVERIFY(decoded.error().message.contains(QStringLiteral("a.jpg")));
    }
    DecodeRequest request;
    request.region = QRect(0, 0, 8, 8);
    request.scaleDenom = 3;
    const Result<DecodedRegion> decoded = decodeJpegRegion(jpeg, request, QStringLiteral("a.jpg"));
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().kind, ErrorKind::Invalid);
}

void TestJpegRegion::cancels() {
    const QByteArray jpeg = encodeJpeg(naturalImage(64, 64, false, 2), gray());
    std::atomic_bool cancel = true;
    DecodeRequest request;
    request.region = QRect(0, 0, 64, 64);
    request.cancel = &cancel;
    const Result<DecodedRegion> decoded = decodeJpegRegion(jpeg, request, QStringLiteral("c.jpg"));
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().kind, ErrorKind::Cancelled);
    cancel = false;
    QVERIFY(decodeJpegRegion(jpeg, request, QStringLiteral("c.jpg")).ok());
}

void TestJpegRegion::reportsGarbage() {
    DecodeRequest request;
    request.region = QRect(0, 0, 1, 1);
    const Result<DecodedRegion> empty =
        decodeJpegRegion(QByteArrayView(), request, QStringLiteral("empty.jpg"));
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().kind, ErrorKind::Truncated);
    QVERIFY(empty.error().message.startsWith(QStringLiteral("empty.jpg: ")));
    const Result<DecodedRegion> text =
        decodeJpegRegion(QByteArrayView("not a jpeg at all"), request, QStringLiteral("text.jpg"));
    QVERIFY(!text.ok());
    QCOMPARE(text.error().kind, ErrorKind::Corrupt);
}

void TestJpegRegion::refusesLosslessAndTwelveBit_data() {
    QTest::addColumn<int>("byte"); // offset from the SOF marker's 0xFF
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("says");
    QTest::newRow("SOF3 lossless") << 1 << 0xC3 << QStringLiteral("lossless JPEG is not supported");
    QTest::newRow("12-bit") << 4 << 12 << QStringLiteral("precision 12");
}

// Our own baseline file with its SOF rewritten, so the refusal does not depend on a sample file.
void TestJpegRegion::refusesLosslessAndTwelveBit() {
    QFETCH(int, byte);
    QFETCH(int, value);
    QFETCH(QString, says);
    QByteArray jpeg = encodeJpeg(naturalImage(32, 32, true, 5), JpegOptions());
    const std::optional<jpeg::JpegLayout> layout = jpeg::parseJpegLayout(jpeg);
    QVERIFY(layout.has_value());
    jpeg[layout->sofOffset + byte] = char(value);
    DecodeRequest request;
    request.region = QRect(0, 0, 8, 8);
    request.failOn = FailOn::None;
    const Result<DecodedRegion> decoded = decodeJpegRegion(jpeg, request, QStringLiteral("odd.jpg"));
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().kind, ErrorKind::Unsupported);
    QVERIFY2(decoded.error().message.startsWith(QStringLiteral("odd.jpg: ")) &&
                 decoded.error().message.contains(says),
             qPrintable(decoded.error().message));
}

QTEST_APPLESS_MAIN(TestJpegRegion)
#include "test_jpeg_region.moc"
