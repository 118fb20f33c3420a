// SPDX-License-Identifier: GPL-3.0-or-later
// EXIF orientation parsing on synthetic blobs: both byte orders, every value, invalid values and types,
// and damaged blobs that must give 1 without reading out of bounds.

#include "IoTestFiles.h"
#include "io/ExifOrientation.h"

#include <QTest>

#include <random>

using namespace cropdeck;
using namespace cropdeck::test;

class TestExifOrientation : public QObject {
    Q_OBJECT
private slots:
    void validValues_data();
    void validValues();
    void invalidValues_data();
    void invalidValues();
    void damagedBlobs_data();
    void damagedBlobs();
    void everyPrefixIsSafe();
    void randomBytesAreSafe();
    void jpegApp1();
    void exifChunkPrefix();
};

void TestExifOrientation::validValues_data() {
    QTest::addColumn<bool>("littleEndian");
    QTest::addColumn<int>("orientation");
    QTest::addColumn<int>("entriesBefore");
    for (bool le : {true, false})
        for (int o = 1; o <= 8; ++o)
            QTest::addRow("%s-%d", le ? "II" : "MM", o) << le << o << (o % 3) * 5;
}

void TestExifOrientation::validValues() {
    QFETCH(bool, littleEndian);
    QFETCH(int, orientation);
    QFETCH(int, entriesBefore);
    QCOMPARE(parseExifOrientation(makeExifBlob(littleEndian, orientation, 3, entriesBefore)), orientation);
    // LONG is not what the standard says, but some writers use it and the value is unambiguous.
    QCOMPARE(parseExifOrientation(makeExifBlob(littleEndian, orientation, 4, entriesBefore)), orientation);
}

void TestExifOrientation::invalidValues_data() {
    QTest::addColumn<int>("fieldType");
    QTest::addColumn<int>("value");
    QTest::newRow("zero") << 3 << 0;
    QTest::newRow("nine") << 3 << 9;
    QTest::newRow("short 65535") << 3 << 65535;
    QTest::newRow("slong 65537 (kangaroo)") << 9 << 65537;
    QTest::newRow("ascii type") << 2 << 6;
    QTest::newRow("rational type") << 5 << 6;
    QTest::newRow("unknown type") << 99 << 6;
}

void TestExifOrientation::invalidValues() {
    QFETCH(int, fieldType);
    QFETCH(int, value);
    for (bool le : {true, false})
        QCOMPARE(parseExifOrientation(makeExifBlob(le, value, fieldType)), 1);
}

void TestExifOrientation::damagedBlobs_data() {
    QTest::addColumn<QByteArray>("blob");
    const QByteArray good = makeExifBlob(true, 6, 3, 2);
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("bad magic") << QByteArray("XX*\0\x08\0\0\0", 8) + good.mid(8);
    QTest::newRow("IFD offset past end") << QByteArray("II*\0\xff\xff\0\0", 8) + good.mid(8);
    QTest::newRow("IFD offset inside header") << QByteArray("II*\0\x02\0\0\0", 8) + good.mid(8);
    QByteArray hugeCount = good;
    hugeCount[8] = char(0xff);
    hugeCount[9] = char(0xff);
    QTest::newRow("entry count 65535") << hugeCount;
    QTest::newRow("orientation entry cut") << good.left(good.size() - 8);
}

void TestExifOrientation::damagedBlobs() {
    QFETCH(QByteArray, blob);
    // The huge-count blob still holds a valid entry at its position, which may be read; every other
    // damaged blob gives 1. Either way nothing outside the blob is touched (run under ASan to see).
    const int orientation = parseExifOrientation(blob);
    QVERIFY(orientation == 1 ||
            (orientation == 6 && QByteArrayView(QTest::currentDataTag()) == "entry count 65535"));
}

void TestExifOrientation::everyPrefixIsSafe() {
    for (bool le : {true, false}) {
        const QByteArray blob = makeExifBlob(le, 7, 3, 3);
        for (qsizetype n = 0; n < blob.size(); ++n) {
            // A copy of exactly n bytes, so any overread is outside the allocation.
            const QByteArray prefix(blob.constData(), n);
            const int orientation = parseExifOrientation(prefix);
            QVERIFY2(orientation == 1 || (orientation == 7 && n >= blob.size() - 4),
                     qPrintable(QString::number(n)));
        }
    }
}

void TestExifOrientation::randomBytesAreSafe() {
    std::mt19937 rng(1234);
    for (int i = 0; i < 2000; ++i) {
        QByteArray blob = makeExifBlob(i % 2 == 0, 3, 3, i % 4);
        for (int flips = 0; flips < 4; ++flips)
            blob[qsizetype(rng() % quint32(blob.size()))] = char(rng());
        const int orientation = parseExifOrientation(blob);
        QVERIFY(orientation >= 1 && orientation <= 8);
    }
}

void TestExifOrientation::jpegApp1() {
    const QByteArray tiff = makeExifBlob(false, 5);
    QCOMPARE(orientationFromJpegApp1(QByteArray("Exif\0\0", 6) + tiff), std::optional<int>(5));
    // An XMP APP1 is not EXIF: the caller must keep looking for the first EXIF segment.
    QCOMPARE(orientationFromJpegApp1(QByteArray("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>")), std::nullopt);
    // An EXIF segment with a broken TIFF blob still counts as the (first) EXIF segment.
    QCOMPARE(orientationFromJpegApp1(QByteArray("Exif\0\0garbage", 13)), std::optional<int>(1));
}

void TestExifOrientation::exifChunkPrefix() {
    const QByteArray tiff = makeExifBlob(true, 8);
    QCOMPARE(orientationFromExifChunk(tiff), 8);
    QCOMPARE(orientationFromExifChunk(QByteArray("Exif\0\0", 6) + tiff), 8);
}

QTEST_APPLESS_MAIN(TestExifOrientation)
#include "test_exif_orientation.moc"
