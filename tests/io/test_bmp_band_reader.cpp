// SPDX-License-Identifier: GPL-3.0-or-later
// decodeBmpRegion(): pixel-identical to the OpenCV reference for every BMP layout it takes (bottom-up and
// top-down, odd widths, palettes gray and colour, 16/24/32-bit), Unsupported for the others, and
// truncation handled as failOn says.

#include "DecoderTestSupport.h"
#include "IoTestFiles.h"
#include "TestUtils.h"
#include "io/BmpBandReader.h"
#include "io/ImageProbe.h"
#include "io/LocalStorage.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>

#include <functional>
#include <utility>

using namespace cropdeck;
using namespace cropdeck::test;

Q_DECLARE_METATYPE(cropdeck::FailOn)

namespace {

constexpr const char* kBandReader = "bmp-rows";

std::vector<uchar> grayPalette(int entries) {
    std::vector<uchar> p;
    for (int i = 0; i < entries; ++i) {
        const uchar v = uchar(i * 255 / std::max(1, entries - 1));
        p.insert(p.end(), {v, v, v});
    }
    return p;
}

std::vector<uchar> colorPalette(int entries) {
    std::vector<uchar> p;
    for (int i = 0; i < entries; ++i)
        p.insert(p.end(), {uchar(i * 41), uchar(200 - i), uchar(i * 7 + 3)});
    return p;
}

// Pixel data for a layout: palette indices below 2^bits, or raw stored bytes for 16/24/32 bits.
cv::Mat pixelsFor(int width, int height, int bitCount, unsigned seed) {
    if (bitCount <= 8)
        return makeTestImage(width, height, 1, CV_8U, seed) / (256 >> bitCount);
    return makeTestImage(width, height, bitCount / 8, CV_8U, seed);
}

struct Layout {
    const char* name;
    BmpSpec spec;
    int paletteEntries; // 0: none
    bool grayPalette;
};

const std::array<quint32, 4> k565 = {0xF800, 0x07E0, 0x001F, 0};
const std::array<quint32, 4> k555 = {0x7C00, 0x03E0, 0x001F, 0};

const Layout kLayouts[] = {
    {"24-bit", {40, 24, 0, false}, 0, false},
    {"24-bit top-down", {40, 24, 0, true}, 0, false},
    {"32-bit BI_RGB", {40, 32, 0, false}, 0, false},
    {"32-bit BI_RGB v5 top-down", {124, 32, 0, true}, 0, false},
    {"32-bit bitfields v5", {124, 32, 3, false}, 0, false},
    {"32-bit bitfields v4 top-down", {108, 32, 3, true}, 0, false},
    {"32-bit bitfields 40+masks", {40, 32, 3, false}, 0, false},
    {"16-bit 555", {40, 16, 0, false}, 0, false},
    {"16-bit bitfields 565", {40, 16, 3, false, {}, 0, k565}, 0, false},
    {"16-bit bitfields 555 top-down", {40, 16, 3, true, {}, 0, k555}, 0, false},
    {"8-bit gray palette", {40, 8, 0, false}, 256, true},
    {"8-bit colour palette", {40, 8, 0, false}, 256, false},
    {"8-bit 16-colour palette", {40, 8, 0, true, {}, 16}, 16, false},
    {"8-bit gray palette v5 top-down", {124, 8, 0, true}, 256, true},
    {"4-bit colour palette", {40, 4, 0, false}, 16, false},
    {"4-bit gray palette top-down", {40, 4, 0, true}, 16, true},
    {"1-bit gray palette", {40, 1, 0, false}, 2, true},
    {"1-bit colour palette", {40, 1, 0, true}, 2, false},
};

QByteArray makeLayout(const Layout& l, int width, int height, unsigned seed) {
    BmpSpec spec = l.spec;
    if (l.paletteEntries > 0)
        spec.paletteBgr = l.grayPalette ? grayPalette(l.paletteEntries) : colorPalette(l.paletteEntries);
    return makeBmp(pixelsFor(width, height, spec.bitCount, seed), spec);
}

// How the tests read: one mapping per region (the usual case on small files), mappings of about 1 KB
// (so that even small files meet band boundaries, in both row orders and when truncated), or read().
enum class Access { Mapped, MappedSmallBands, Read };

BmpReadOptions optionsFor(Access access) {
    BmpReadOptions options;
    options.access = access == Access::Read ? BmpAccess::Read : BmpAccess::Mapped;
    if (access == Access::MappedSmallBands)
        options.mappedBandBytes = 1000;
    return options;
}

// The decoder with a fixed access mode, in the form compareWindowsWithReference() takes.
RegionDecoder decoderFor(Access access) {
    return [access](const QString& path, const ImageInfo& info, const DecodeRequest& request) {
        return decodeBmpRegion(path, info, request, optionsFor(access));
    };
}

Result<DecodedRegion> decodeFile(const QString& path, const QRect& region, FailOn failOn,
                                 Access access = Access::Mapped, const std::atomic_bool* cancel = nullptr) {
    const Result<ImageInfo> info = probeImage(path, 0);
    if (!info)
        return info.error();
    return decodeBmpRegion(path, *info, DecodeRequest{region, 1, failOn, cancel}, optionsFor(access));
}

void addAccessRows(const char* name, const std::function<void(QTestData&)>& columns) {
    for (const auto& [access, label] :
         {std::pair{Access::Mapped, "mapped"}, std::pair{Access::MappedSmallBands, "mapped in small bands"},
          std::pair{Access::Read, "read"}})
        columns(QTest::addRow("%s, %s", name, label) << access);
}

} // namespace

Q_DECLARE_METATYPE(Access)

class TestBmpBandReader : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void layouts_data();
    void layouts();
    void openCvWritten_data();
    void openCvWritten();
    void narrowAndWideWindowsOnLargeImage_data();
    void narrowAndWideWindowsOnLargeImage();
    void mappedBandsMeetExactly();
    void mapsOnlyLocalStorage();
    void unsupportedLayouts_data();
    void unsupportedLayouts();
    void truncated_data();
    void truncated();
    void cancel();

private:
    QTemporaryDir m_dir;
};

void TestBmpBandReader::layouts_data() {
    QTest::addColumn<Access>("access");
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    for (int i = 0; i < int(std::size(kLayouts)); ++i)
        for (const QSize size : {QSize(37, 23), QSize(101, 64), QSize(3, 1), QSize(1, 5)})
            addAccessRows(
                qPrintable(
                    QStringLiteral("%1 %2x%3").arg(kLayouts[i].name).arg(size.width()).arg(size.height())),
                [&](QTestData& row) { row << i << size.width() << size.height(); });
}

void TestBmpBandReader::layouts() {
    QFETCH(Access, access);
    QFETCH(int, index);
    QFETCH(int, width);
    QFETCH(int, height);
    const QString path = m_dir.filePath(QStringLiteral("layout.bmp"));
    QVERIFY(writeBytes(path, makeLayout(kLayouts[index], width, height, unsigned(index + width))));
    const QString problem =
        compareWindowsWithReference(path, decoderFor(access), 40, unsigned(index), kBandReader);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestBmpBandReader::openCvWritten_data() {
    QTest::addColumn<int>("channels");
    QTest::newRow("gray (8-bit gray palette)") << 1;
    QTest::newRow("bgr (24-bit)") << 3;
    QTest::newRow("bgra (32-bit BI_RGB)") << 4;
}

void TestBmpBandReader::openCvWritten() {
    QFETCH(int, channels);
    const QString path = m_dir.filePath(QStringLiteral("opencv.bmp"));
    QVERIFY(writeWithOpenCv(path, makeTestImage(203, 121, channels, CV_8U, 9)));
    const QString problem =
        compareWindowsWithReference(path, decoderFor(Access::Mapped), 60, 21, kBandReader);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestBmpBandReader::narrowAndWideWindowsOnLargeImage_data() {
    QTest::addColumn<Access>("access");
    addAccessRows("1500x900", [](QTestData&) {});
}

void TestBmpBandReader::narrowAndWideWindowsOnLargeImage() {
    // Read access: narrow windows take the one-read-per-row path, wide ones the band path. Mapped access:
    // one mapping. All must agree with the reference.
    QFETCH(Access, access);
    const QString path = m_dir.filePath(QStringLiteral("large.bmp"));
    QVERIFY(writeWithOpenCv(path, makeTestImage(1500, 900, 3, CV_8U, 10)));
    const Result<ImageInfo> info = probeImage(path, 0);
    QVERIFY(info.ok());
    const cv::Mat reference = referenceDecode(path);
    for (const QRect& r :
         {QRect(700, 0, 3, 900), QRect(0, 400, 1500, 90), QRect(1499, 13, 1, 800), QRect(5, 5, 1400, 880)}) {
        const Result<DecodedRegion> decoded =
            decodeBmpRegion(path, *info, DecodeRequest{r, 1, FailOn::Error, nullptr}, optionsFor(access));
        QVERIFY(decoded.ok());
        QCOMPARE(differingPixels(decoded->pixels, reference(cv::Rect(r.x(), r.y(), r.width(), r.height()))),
                 0);
    }
}

void TestBmpBandReader::mappedBandsMeetExactly() {
    // A 72 MB gray BMP with the default 64 MiB mappings: the full-height windows take two mappings
    // (the boundary lies 7456 rows below the window's top), the others one; all must come out whole.
    const QString path = m_dir.filePath(QStringLiteral("two-bands.bmp"));
    cv::Mat image(8000, 9000, CV_8UC1);
    cv::randu(image, 0, 256);
    QVERIFY(writeWithOpenCv(path, image));
    const Result<ImageInfo> info = probeImage(path, 0);
    QVERIFY(info.ok());
    for (const QRect& r : {QRect(0, 0, 9000, 8000), QRect(4000, 6900, 700, 1100), QRect(8999, 0, 1, 8000),
                           QRect(0, 7999, 9000, 1)}) {
        const Result<DecodedRegion> decoded =
            decodeBmpRegion(path, *info, DecodeRequest{r, 1, FailOn::Error, nullptr});
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
        QCOMPARE(differingPixels(decoded->pixels, image(cv::Rect(r.x(), r.y(), r.width(), r.height()))), 0);
    }
    QFile::remove(path);
}

void TestBmpBandReader::mapsOnlyLocalStorage() {
    // What cannot be examined is treated as remote (read() is always safe).
    QVERIFY(!isOnLocalStorage(m_dir.filePath(QStringLiteral("no-such-file.bmp"))));
#if defined(Q_OS_LINUX)
    // proc and tmpfs are local by any measure; network and FUSE types are listed in LocalStorage.cpp.
    QVERIFY(isOnLocalStorage(QStringLiteral("/proc/self/status")));
    if (QFileInfo::exists(QStringLiteral("/dev/shm")))
        QVERIFY(isOnLocalStorage(QStringLiteral("/dev/shm")));
#endif
}

void TestBmpBandReader::unsupportedLayouts_data() {
    QTest::addColumn<QByteArray>("bytes");
    const cv::Mat bgr = makeTestImage(9, 7, 3, CV_8U, 4);
    QTest::newRow("OS/2 1.x header") << makeBmp(bgr, {12, 24});
    QTest::newRow("16-bit odd masks")
        << makeBmp(makeTestImage(9, 7, 2, CV_8U, 4), {40, 16, 3, false, {}, 0, {0xF000, 0x0F00, 0x00F0, 0}});
    QTest::newRow("16-bit bitfields in a v4 header")
        << makeBmp(makeTestImage(9, 7, 2, CV_8U, 4), {108, 16, 3, false, {}, 0, k565});
    // RLE8 is refused from the header alone, so the (unencoded) data does not matter.
    QTest::newRow("RLE8") << makeBmp(cv::Mat(7, 9, CV_8UC1, cv::Scalar(1)),
                                     {40, 8, 1, false, grayPalette(256)});
}

void TestBmpBandReader::unsupportedLayouts() {
    QFETCH(QByteArray, bytes);
    const QString path = m_dir.filePath(QStringLiteral("unsupported.bmp"));
    QVERIFY(writeBytes(path, bytes));
    const Result<DecodedRegion> decoded = decodeFile(path, QRect(1, 1, 5, 5), FailOn::Error);
    QVERIFY(!decoded.ok());
    QVERIFY2(decoded.error().kind == ErrorKind::Unsupported, qPrintable(decoded.error().message));
}

void TestBmpBandReader::truncated_data() {
    QTest::addColumn<Access>("access");
    QTest::addColumn<FailOn>("failOn");
    addAccessRows("error", [](QTestData& row) { row << FailOn::Error; });
    addAccessRows("truncated", [](QTestData& row) { row << FailOn::Truncated; });
    addAccessRows("none", [](QTestData& row) { row << FailOn::None; });
}

void TestBmpBandReader::truncated() {
    QFETCH(Access, access);
    QFETCH(FailOn, failOn);
    // Bottom-up: the stored rows that survive a cut are the image's bottom rows.
    const cv::Mat image = makeTestImage(50, 40, 3, CV_8U, 8);
    const QByteArray whole = makeBmp(image, {40, 24, 0, false});
    const QString path = m_dir.filePath(QStringLiteral("cut.bmp"));
    const qint64 stride = 152;                                    // 50 * 3 rounded up to 4
    QVERIFY(writeBytes(path, whole.left(54 + 25 * stride + 10))); // 25 full stored rows and a bit
    const Result<DecodedRegion> bottom = decodeFile(path, QRect(5, 20, 40, 20), failOn, access);
    QVERIFY2(bottom.ok(), "the rows that exist decode in every mode");
    QCOMPARE(differingPixels(bottom->pixels, image(cv::Rect(5, 20, 40, 20))), 0);
    const Result<DecodedRegion> all = decodeFile(path, QRect(0, 0, 50, 40), failOn, access);
    if (failOn != FailOn::None) {
        QVERIFY(!all.ok());
        QCOMPARE(all.error().kind, ErrorKind::Truncated);
        return;
    }
    QVERIFY(all.ok());
    QCOMPARE(differingPixels(all->pixels.rowRange(15, 40), image.rowRange(15, 40)), 0);
    QCOMPARE(cv::countNonZero(all->pixels.rowRange(0, 15).reshape(1)), 0);
    const Result<DecodedRegion> nothing = decodeFile(path, QRect(0, 0, 50, 10), failOn, access);
    QVERIFY2(!nothing.ok(), "a region with no row left is an error even with failOn=None");
    QCOMPARE(nothing.error().kind, ErrorKind::Truncated);
}

void TestBmpBandReader::cancel() {
    const QString path = m_dir.filePath(QStringLiteral("cancel.bmp"));
    QVERIFY(writeWithOpenCv(path, makeTestImage(64, 64, 3, CV_8U, 6)));
    std::atomic_bool cancelFlag{true};
    const Result<DecodedRegion> decoded =
        decodeFile(path, QRect(0, 0, 64, 64), FailOn::Error, Access::MappedSmallBands, &cancelFlag);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().kind, ErrorKind::Cancelled);
}

QTEST_GUILESS_MAIN(TestBmpBandReader)
#include "test_bmp_band_reader.moc"
