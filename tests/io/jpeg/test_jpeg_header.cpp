// SPDX-License-Identifier: GPL-3.0-or-later
// parseJpegLayout: the right frame, scan and restart facts on files we made, and a bounded, clean
// refusal of every cut or damaged header.

#include "JpegTestImages.h"
#include "io/jpeg/JpegHeader.h"

#include <QTest>

#include <random>

using namespace cropdeck;
using namespace cropdeck::test;

class TestJpegHeader : public QObject {
    Q_OBJECT

private slots:
    void readsLayout_data();
    void readsLayout();
    void refusesCutHeaders();
    void survivesDamage();
};

void TestJpegHeader::readsLayout_data() {
    QTest::addColumn<bool>("color");
    QTest::addColumn<int>("sampling");
    QTest::addColumn<bool>("progressive");
    QTest::addColumn<int>("restartRows");
    QTest::addColumn<int>("mcuWidth");
    QTest::addColumn<int>("mcuHeight");
    QTest::newRow("gray") << false << int(Sampling::S444) << false << 0 << 8 << 8;
    QTest::newRow("420 restart") << true << int(Sampling::S420) << false << 1 << 16 << 16;
    QTest::newRow("422 progressive") << true << int(Sampling::S422) << true << 0 << 16 << 8;
    QTest::newRow("440") << true << int(Sampling::S440) << false << 2 << 8 << 16;
}

void TestJpegHeader::readsLayout() {
    QFETCH(bool, color);
    QFETCH(int, sampling);
    QFETCH(bool, progressive);
    QFETCH(int, restartRows);
    QFETCH(int, mcuWidth);
    QFETCH(int, mcuHeight);
    JpegOptions options;
    options.color = color;
    options.sampling = Sampling(sampling);
    options.progressive = progressive;
    options.restartRows = restartRows;
    const QByteArray jpeg = encodeJpeg(naturalImage(123, 45, color, 1), options);
    const std::optional<jpeg::JpegLayout> layout = jpeg::parseJpegLayout(jpeg);
    QVERIFY(layout.has_value());
    QCOMPARE(layout->width, 123);
    QCOMPARE(layout->height, 45);
    QCOMPARE(layout->precision, 8);
    QCOMPARE(layout->progressive(), progressive);
    QCOMPARE(int(layout->components.size()), color ? 3 : 1);
    QCOMPARE(quint8(jpeg[layout->sofOffset + 1]), layout->sofMarker);
    // A progressive file's first scan is the DC scan of all components; sequential ones interleave all.
    QCOMPARE(layout->scanComponents, color ? 3 : 1);
    QCOMPARE(layout->mcuWidth(), mcuWidth);
    QCOMPARE(layout->mcuHeight(), mcuHeight);
    QCOMPARE(layout->restartInterval, restartRows * layout->mcusPerRow());
    QCOMPARE(quint8(jpeg[layout->segments.back().offset + 1]), quint8(0xDA));
    QCOMPARE(layout->entropyOffset, layout->segments.back().offset + layout->segments.back().size);
}

void TestJpegHeader::refusesCutHeaders() {
    const QByteArray jpeg = encodeJpeg(naturalImage(40, 30, true, 2), JpegOptions());
    const qsizetype entropy = jpeg::parseJpegLayout(jpeg)->entropyOffset;
    for (qsizetype size = 0; size < entropy; ++size) {
        // A copy of exactly `size` bytes, so reading past it is a memory error under sanitizers.
        const QByteArray cut = jpeg.left(size);
        QVERIFY2(!jpeg::parseJpegLayout(cut).has_value(), QByteArray::number(size));
    }
    QVERIFY(jpeg::parseJpegLayout(jpeg.left(entropy)).has_value());
}

void TestJpegHeader::survivesDamage() {
    const QByteArray jpeg = encodeJpeg(naturalImage(40, 30, true, 3), JpegOptions());
    const qsizetype entropy = jpeg::parseJpegLayout(jpeg)->entropyOffset;
    std::mt19937 rng(7);
    int refused = 0;
    for (int i = 0; i < 3000; ++i) {
        QByteArray damaged = jpeg.left(entropy + 16);
        damaged[std::uniform_int_distribution<qsizetype>(0, entropy - 1)(rng)] = char(rng());
        const std::optional<jpeg::JpegLayout> layout = jpeg::parseJpegLayout(damaged);
        if (!layout) {
            ++refused;
            continue;
        }
        QVERIFY(layout->entropyOffset <= damaged.size());
        for (const jpeg::JpegSegment& segment : layout->segments)
            QVERIFY(segment.offset >= 2 && segment.offset + segment.size <= damaged.size());
        QVERIFY(layout->width > 0 && layout->height > 0 && !layout->components.empty());
    }
    QVERIFY(refused > 0);
}

QTEST_APPLESS_MAIN(TestJpegHeader)
#include "test_jpeg_header.moc"
