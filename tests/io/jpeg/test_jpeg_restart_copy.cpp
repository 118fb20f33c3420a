// SPDX-License-Identifier: GPL-3.0-or-later
// makeJpegRestartCopy: for every sampling, progression, arithmetic coding and odd size the region tests
// use, the copy holds exactly the source's coefficients and quantisation tables, is baseline with
// restart intervals that split every MCU row alike, and decodes (whole, and by region through its restart
// markers) to the source's pixels. It refuses damaged data and progressive files that libjpeg would smooth,
// and stops when asked to.

#include "JpegCoefficients.h"
#include "JpegTestImages.h"
#include "TestUtils.h"
#include "io/jpeg/JpegHeader.h"
#include "io/jpeg/JpegRegionDecoder.h"
#include "io/jpeg/JpegRestartCopy.h"
#include "io/jpeg/JpegRestartDecoder.h"

#include <QTest>

#include <opencv2/imgcodecs.hpp>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

struct Case {
    const char* name;
    int width;
    int height;
    bool color;
    Sampling sampling;
    bool progressive;
    bool arithmetic;
};

const Case kCases[] = {
    {"gray 1001x777", 1001, 777, false, Sampling::S444, false, false},
    {"gray progressive 1001x777", 1001, 777, false, Sampling::S444, true, false},
    {"444 641x479", 641, 479, true, Sampling::S444, false, false},
    {"422 1001x777", 1001, 777, true, Sampling::S422, false, false},
    {"420 1001x777", 1001, 777, true, Sampling::S420, false, false},
    {"440 1001x777", 1001, 777, true, Sampling::S440, false, false},
    {"411 1001x777", 1001, 777, true, Sampling::S411, false, false},
    {"420 progressive 1001x777", 1001, 777, true, Sampling::S420, true, false},
    {"422 progressive 641x479", 641, 479, true, Sampling::S422, true, false},
    {"420 arithmetic 500x371", 500, 371, true, Sampling::S420, false, true},
    {"444 arithmetic progressive 300x211", 300, 211, true, Sampling::S444, true, true},
    {"420 17x9", 17, 9, true, Sampling::S420, false, false},
    {"440 9x17", 9, 17, true, Sampling::S440, false, false},
    {"420 1x1", 1, 1, true, Sampling::S420, false, false},
    {"420 33x200", 33, 200, true, Sampling::S420, false, false},
};

QByteArray encodeCase(const Case& c, unsigned seed) {
    JpegOptions options;
    options.color = c.color;
    options.sampling = c.sampling;
    options.progressive = c.progressive;
    options.arithmetic = c.arithmetic;
    return encodeJpeg(naturalImage(c.width, c.height, c.color, seed), options);
}

const std::function<bool()> kNeverStop;

bool samePlanes(const std::vector<CoefficientPlane>& a, const std::vector<CoefficientPlane>& b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].widthInBlocks != b[i].widthInBlocks || a[i].heightInBlocks != b[i].heightInBlocks ||
            a[i].h != b[i].h || a[i].v != b[i].v || a[i].quant != b[i].quant || a[i].blocks != b[i].blocks)
            return false;
    return true;
}

int restartMarkers(const QByteArray& jpeg, qsizetype from) {
    int count = 0;
    for (qsizetype i = from; i + 1 < jpeg.size(); ++i)
        count += quint8(jpeg[i]) == 0xFF && quint8(jpeg[i + 1]) >= 0xD0 && quint8(jpeg[i + 1]) <= 0xD7;
    return count;
}

// The source cut after its first scan and closed with EOI: valid, but only the DC coefficients are sent.
QByteArray firstScanOnly(const QByteArray& progressive) {
    const std::optional<jpeg::JpegLayout> layout = jpeg::parseJpegLayout(progressive);
    if (!layout)
        return {};
    const qsizetype secondScan = progressive.indexOf(QByteArray("\xFF\xDA", 2), layout->entropyOffset);
    return secondScan < 0 ? QByteArray() : progressive.left(secondScan) + QByteArray("\xFF\xD9", 2);
}

} // namespace

class TestJpegRestartCopy : public QObject {
    Q_OBJECT

private slots:
    void copyHoldsTheSourceCoefficients_data() {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(std::size(kCases)); ++i)
            QTest::newRow(kCases[i].name) << i;
    }

    void copyHoldsTheSourceCoefficients() {
        QFETCH(int, index);
        const Case& c = kCases[index];
        const QByteArray source = encodeCase(c, 700 + index);
        QVERIFY(!source.isEmpty());
        const Result<QByteArray> copy = makeJpegRestartCopy(source, kNeverStop, QStringLiteral("s.jpg"));
        QVERIFY2(copy.ok(), errorText(copy).constData());

        const std::vector<CoefficientPlane> expected = readCoefficients(source);
        QVERIFY(!expected.empty());
        QVERIFY(samePlanes(readCoefficients(*copy), expected));

        const std::optional<jpeg::JpegLayout> layout = jpeg::parseJpegLayout(*copy);
        QVERIFY(layout);
        QCOMPARE(layout->sofMarker, quint8(0xC0)); // baseline Huffman, whatever the source was
        QCOMPARE(layout->width, c.width);
        QCOMPARE(layout->height, c.height);
        QCOMPARE(layout->scanComponents, int(layout->components.size()));
        // Intervals of at most 4 MCUs, splitting every row alike.
        QVERIFY(layout->restartInterval >= 1 && layout->restartInterval <= 4);
        QCOMPARE(layout->mcusPerRow() % layout->restartInterval, 0);
        QCOMPARE(restartMarkers(*copy, layout->entropyOffset),
                 layout->mcuRows() * layout->mcusPerRow() / layout->restartInterval - 1);

        QCOMPARE(differingPixels(referenceDecodeBytes(*copy), referenceDecodeBytes(source)), 0LL);
    }

    // The copy's reason to exist: a region read through its restart markers gives the source's pixels.
    void regionsFromTheCopyAreTheSourceRegions_data() { copyHoldsTheSourceCoefficients_data(); }

    void regionsFromTheCopyAreTheSourceRegions() {
        QFETCH(int, index);
        const Case& c = kCases[index];
        const QByteArray source = encodeCase(c, 700 + index);
        const Result<QByteArray> copy = makeJpegRestartCopy(source, kNeverStop, QStringLiteral("s.jpg"));
        QVERIFY2(copy.ok(), errorText(copy).constData());
        int fromRestart = 0;
        for (const QRect& window : testWindows(c.width, c.height, 12, 90 + index))
            for (int scale : {1, 2, 8}) {
                DecodeRequest request;
                request.region = window;
                request.scaleDenom = scale;
                const Result<DecodedRegion> fast =
                    decodeJpegRegionFromRestart(*copy, request, QStringLiteral("copy"));
                const Result<DecodedRegion> plain =
                    decodeJpegRegion(source, request, QStringLiteral("s.jpg"));
                QVERIFY2(fast.ok() && plain.ok(), errorText(fast) + errorText(plain));
                QCOMPARE(fast->scaledRegion, plain->scaledRegion);
                QVERIFY2(differingPixels(fast->pixels, plain->pixels) == 0,
                         qPrintable(describeDifference(fast->pixels, plain->pixels)));
                fromRestart += QByteArray(fast->decoder) == "jpeg-restart";
            }
        if (c.height >= 200)
            QVERIFY2(fromRestart > 0, "no window was read through the restart markers");
    }

    void damagedDataGivesNoCopy() {
        const QByteArray source = encodeCase(kCases[4], 1);
        const Result<QByteArray> truncated =
            makeJpegRestartCopy(source.left(source.size() * 2 / 3), kNeverStop, QStringLiteral("cut.jpg"));
        QVERIFY(!truncated.ok());
        QVERIFY(truncated.error().message.contains(u"cut.jpg"));
        const Result<QByteArray> garbage =
            makeJpegRestartCopy(QByteArray(300, 'x'), kNeverStop, QStringLiteral("garbage.jpg"));
        QVERIFY(!garbage.ok());
    }

    void progressiveThatLibjpegSmoothsGivesNoCopy() {
        const QByteArray dcOnly = firstScanOnly(encodeCase(kCases[7], 2));
        QVERIFY(!dcOnly.isEmpty());
        QVERIFY(!referenceDecodeBytes(dcOnly).empty()); // a readable file, only not fully refined
        const Result<QByteArray> copy = makeJpegRestartCopy(dcOnly, kNeverStop, QStringLiteral("dc.jpg"));
        QVERIFY(!copy.ok());
        QCOMPARE(copy.error().kind, ErrorKind::Unsupported);
        QVERIFY2(copy.error().message.contains(u"smooth"), qPrintable(copy.error().message));
    }

    void stopsWhenAsked() {
        const QByteArray source = encodeCase(kCases[4], 3);
        int asked = 0;
        const Result<QByteArray> copy = makeJpegRestartCopy(
            source, [&] { return ++asked == 5; }, QStringLiteral("s.jpg"));
        QVERIFY(!copy.ok());
        QCOMPARE(copy.error().kind, ErrorKind::Cancelled);
        QCOMPARE(asked, 5);
    }
};

QTEST_GUILESS_MAIN(TestJpegRestartCopy)
#include "test_jpeg_restart_copy.moc"
