// SPDX-License-Identifier: GPL-3.0-or-later
// decodePngRegionWholeInflate(): pixel-identical to the OpenCV reference and to decodePngRegion() for
// every filter type, colour type and bit depth; damaged files give exactly decodePngRegion()'s outcome
// under every failOn; interlaced and huge files are Unsupported; per-thread buffers are not shared; and
// RegionReader picks it only for regions that reach far down the image.

#include "DecoderTestSupport.h"
#include "IoTestFiles.h"
#include "PngStreamBuilder.h"
#include "TestUtils.h"
#include "engine/RegionReader.h"
#include "io/ImageProbe.h"
#include "io/PngDeflateDecoder.h"
#include "io/PngRowDecoder.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QtConcurrent>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstring>
#include <zlib.h>

using namespace cropdeck;
using namespace cropdeck::test;

Q_DECLARE_METATYPE(cropdeck::FailOn)

namespace {

constexpr const char* kDeflate = "png-deflate";
constexpr const char* kRows = "png-rows";
constexpr int kMixedFilters = -1;

struct Variant {
    const char* name;
    int colorType, bitDepth;
    bool trns;
};

const Variant kVariants[] = {
    {"gray8", 0, 8, false},       {"gray-alpha8", 4, 8, false},   {"rgb8", 2, 8, false},
    {"rgba8", 6, 8, false},       {"gray1", 0, 1, false},         {"gray2", 0, 2, false},
    {"gray4", 0, 4, false},       {"gray8-trns", 0, 8, true},     {"gray16", 0, 16, false},
    {"gray16-trns", 0, 16, true}, {"gray-alpha16", 4, 16, false}, {"rgb8-trns", 2, 8, true},
    {"rgb16", 2, 16, false},      {"rgb16-trns", 2, 16, true},    {"rgba16", 6, 16, false},
    {"palette1", 3, 1, false},    {"palette2-trns", 3, 2, true},  {"palette4", 3, 4, false},
    {"palette8", 3, 8, false},    {"palette8-trns", 3, 8, true},
};

quint32 be32At(const QByteArray& bytes, qsizetype at) {
    const auto* p = reinterpret_cast<const uchar*>(bytes.constData() + at);
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | p[3];
}

QByteArray be16Bytes(int v) {
    return QByteArray(1, char(v >> 8)) + QByteArray(1, char(v & 0xFF));
}

// Samples for a variant (values inside the bit depth, palette indices inside the palette) and the chunks
// it needs before IDAT. tRNS colours are taken from a pixel so that some pixels really are transparent.
cv::Mat variantSamples(const Variant& v, int width, int height, unsigned seed, PngBuild& build) {
    build.colorType = v.colorType;
    build.bitDepth = v.bitDepth;
    const int depth = v.bitDepth == 16 ? CV_16U : CV_8U;
    cv::Mat samples = makeTestImage(width, height, pngSamplesPerPixel(v.colorType), depth, seed);
    if (v.bitDepth < 8)
        samples = samples / (256 / (1 << v.bitDepth));
    if (v.colorType == 3) {
        const int entries = 1 << v.bitDepth;
        QByteArray palette;
        for (int i = 0; i < entries; ++i)
            palette +=
                QByteArray(1, char(i * 37)) + QByteArray(1, char(255 - i * 11)) + QByteArray(1, char(i * 5));
        build.beforeIdat += pngChunk("PLTE", palette);
        if (v.trns)
            build.beforeIdat += pngChunk("tRNS", QByteArray("\x00\x40\x80", std::min(3, entries)));
    } else if (v.trns) {
        QByteArray trns;
        for (int c = 0; c < samples.channels(); ++c)
            trns += be16Bytes(depth == CV_16U
                                  ? samples.ptr<ushort>(height / 2)[width / 2 * samples.channels() + c]
                                  : samples.ptr<uchar>(height / 2)[width / 2 * samples.channels() + c]);
        build.beforeIdat += pngChunk("tRNS", trns);
    }
    return samples;
}

std::function<int(int)> filterChoice(int filter) {
    if (filter == kMixedFilters)
        return [](int row) {
            return (row * 3 + row / 5) % 5;
        }; // every type, in every order
    return [filter](int) {
        return filter;
    };
}

// The outcome of a decode, comparable across decoders: pixels, or the error's kind and message.
QString outcome(const Result<DecodedRegion>& r) {
    if (!r)
        return QStringLiteral("error %1: %2").arg(errorKindName(r.error().kind), r.error().message);
    return QStringLiteral("%1x%2x%3").arg(r->pixels.cols).arg(r->pixels.rows).arg(r->pixels.channels());
}

// Empty when the whole-inflate decoder gives decodePngRegion()'s outcome on every region.
QString sameAsRowDecoder(const QString& path, const std::vector<QRect>& regions, FailOn failOn) {
    const Result<ImageInfo> info = probeImage(path, 0);
    if (!info)
        return QStringLiteral("probe failed: ") + info.error().message;
    for (const QRect& r : regions) {
        const DecodeRequest request{r, 1, failOn, nullptr};
        const Result<DecodedRegion> rows = decodePngRegion(path, *info, request);
        const Result<DecodedRegion> whole = decodePngRegionWholeInflate(path, *info, request);
        const QString where =
            QStringLiteral("window %1,%2 %3×%4: ").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
        if (outcome(rows) != outcome(whole))
            return where + QStringLiteral("rows gave \"%1\", whole inflate \"%2\"")
                               .arg(outcome(rows), outcome(whole));
        if (rows && differingPixels(rows->pixels, whole->pixels) != 0)
            return where + describeDifference(whole->pixels, rows->pixels);
    }
    return {};
}

Result<DecodedRegion> decodeWhole(const QString& path, const QRect& region, FailOn failOn,
                                  const std::atomic_bool* cancel = nullptr) {
    const Result<ImageInfo> info = probeImage(path, 0);
    if (!info)
        return info.error();
    return decodePngRegionWholeInflate(path, *info, DecodeRequest{region, 1, failOn, cancel});
}

// Byte offset of the n-th chunk of `type` in a PNG file, or -1.
qsizetype chunkOffset(const QByteArray& png, const char* type, int n) {
    for (qsizetype at = 8; at + 12 <= png.size(); at += 12 + qsizetype(be32At(png, at)))
        if (std::memcmp(png.constData() + at + 4, type, 4) == 0 && n-- == 0)
            return at;
    return -1;
}

QString sharedFile(const QString& relative) {
    return sharedDataDir() + QStringLiteral("/edge_cases/") + relative;
}

} // namespace

class TestPngDeflateDecoder : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void everyFilter_data();
    void everyFilter();
    void every16BitValue_data();
    void every16BitValue();
    void libpngAdaptiveFilters_data();
    void libpngAdaptiveFilters();
    void openCvWritten_data();
    void openCvWritten();
    void idatLayouts_data();
    void idatLayouts();
    void damaged_data();
    void damaged();
    void sharedPngs_data();
    void sharedPngs();
    void unsupported();
    void buffersAreNotShared();
    void regionReaderChoice();
    void badRequests();
    void cancel();

private:
    QString write(const QString& name, const QByteArray& bytes) {
        const QString path = m_dir.filePath(name);
        return writeBytes(path, bytes) ? path : QString();
    }
    QByteArray baseRgb(PngBuild& build, cv::Mat* image = nullptr);

    QTemporaryDir m_dir;
};

void TestPngDeflateDecoder::everyFilter_data() {
    QTest::addColumn<int>("variant");
    QTest::addColumn<int>("filter");
    // The four common layouts with each filter on every row; every layout with the filters mixed.
    for (int i = 0; i < int(std::size(kVariants)); ++i) {
        const bool common = kVariants[i].bitDepth == 8 && kVariants[i].colorType != 3 && !kVariants[i].trns;
        for (int filter = 0; common && filter <= 4; ++filter)
            QTest::addRow("%s filter %d", kVariants[i].name, filter) << i << filter;
        QTest::addRow("%s mixed filters", kVariants[i].name) << i << kMixedFilters;
    }
}

void TestPngDeflateDecoder::everyFilter() {
    QFETCH(int, variant);
    QFETCH(int, filter);
    const Variant& v = kVariants[variant];
    PngBuild build;
    build.filterOf = filterChoice(filter);
    const cv::Mat samples = variantSamples(v, 67, 53, unsigned(variant * 7 + filter + 10), build);
    const QString path =
        write(QStringLiteral("filters-%1-%2.png").arg(v.name).arg(filter), buildPng(samples, build));
    QVERIFY(!path.isEmpty());
    QString problem =
        compareWindowsWithReference(path, decodePngRegionWholeInflate, 40, unsigned(variant), kDeflate);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    for (FailOn failOn : {FailOn::Error, FailOn::None}) {
        problem = sameAsRowDecoder(path, testWindows(67, 53, 20, unsigned(filter + 100)), failOn);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

void TestPngDeflateDecoder::every16BitValue_data() {
    QTest::addColumn<int>("colorType");
    QTest::newRow("gray16") << 0;
    QTest::newRow("gray-alpha16") << 4;
    QTest::newRow("rgb16") << 2;
    QTest::newRow("rgba16") << 6;
}

// All 65536 sample values, so the 16-to-8-bit rounding is checked exhaustively.
void TestPngDeflateDecoder::every16BitValue() {
    QFETCH(int, colorType);
    const int channels = pngSamplesPerPixel(colorType);
    cv::Mat samples(256, 256, CV_16UC(channels));
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256 * channels; ++x)
            samples.ptr<ushort>(y)[x] = ushort((y * 256 + x / channels + (x % channels) * 4099) & 0xFFFF);
    PngBuild build;
    build.colorType = colorType;
    build.bitDepth = 16;
    build.filterOf = filterChoice(kMixedFilters);
    const QString path = write(QStringLiteral("all16-%1.png").arg(colorType), buildPng(samples, build));
    QVERIFY(!path.isEmpty());
    const QString problem = compareWindowsWithReference(path, decodePngRegionWholeInflate, 10, 3, kDeflate);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestPngDeflateDecoder::libpngAdaptiveFilters_data() {
    QTest::addColumn<int>("variant");
    for (int i = 0; i < int(std::size(kVariants)); ++i)
        QTest::newRow(kVariants[i].name) << i;
}

// libpng picks a filter per row among all five (PNG_ALL_FILTERS is its default for 8- and 16-bit).
void TestPngDeflateDecoder::libpngAdaptiveFilters() {
    QFETCH(int, variant);
    const Variant& v = kVariants[variant];
    PngBuild unused;
    // Big enough that libpng keeps zlib's full window even at 1 bit per pixel (see fullWindow()).
    const cv::Mat samples = variantSamples(v, 640, 240, unsigned(variant + 40), unused);
    PngSpec spec{v.colorType, v.bitDepth, false};
    if (v.colorType == 3) {
        for (int i = 0; i < (1 << v.bitDepth); ++i)
            spec.palette.insert(spec.palette.end(), {uchar(i * 37), uchar(255 - i * 11), uchar(i * 5)});
        if (v.trns)
            spec.trnsAlpha = {0, 64, 128};
    } else if (v.trns) {
        spec.trnsValue = v.bitDepth == 16 ? samples.ptr<ushort>(78)[105 * samples.channels()]
                                          : samples.ptr<uchar>(78)[105 * samples.channels()];
    }
    const QString path = m_dir.filePath(QStringLiteral("libpng-%1.png").arg(v.name));
    QVERIFY(writePngWithLibpng(path, samples, spec));
    const QString problem =
        compareWindowsWithReference(path, decodePngRegionWholeInflate, 40, unsigned(variant), kDeflate);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestPngDeflateDecoder::openCvWritten_data() {
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("level");
    QTest::addColumn<int>("strategy");
    for (int channels : {1, 3, 4})
        for (int level : {1, 6, 9})
            for (int strategy : {cv::IMWRITE_PNG_STRATEGY_DEFAULT, cv::IMWRITE_PNG_STRATEGY_FILTERED,
                                 cv::IMWRITE_PNG_STRATEGY_RLE})
                QTest::addRow("%d channels, level %d, strategy %d", channels, level, strategy)
                    << channels << level << strategy;
}

void TestPngDeflateDecoder::openCvWritten() {
    QFETCH(int, channels);
    QFETCH(int, level);
    QFETCH(int, strategy);
    const QString path =
        m_dir.filePath(QStringLiteral("opencv-%1-%2-%3.png").arg(channels).arg(level).arg(strategy));
    const cv::Mat image = makeTestImage(301, 217, channels, CV_8U, unsigned(level * 10 + channels));
    QVERIFY(writeWithOpenCv(path, image,
                            {cv::IMWRITE_PNG_COMPRESSION, level, cv::IMWRITE_PNG_STRATEGY, strategy}));
    const QString problem = compareWindowsWithReference(path, decodePngRegionWholeInflate, 40, 5, kDeflate);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestPngDeflateDecoder::idatLayouts_data() {
    QTest::addColumn<int>("chunkBytes");
    QTest::addColumn<bool>("emptyFirst");
    QTest::addColumn<bool>("iend");
    QTest::addColumn<QByteArray>("extraBefore");
    QTest::addColumn<QByteArray>("trailing");
    QTest::newRow("one IDAT") << 0 << false << true << QByteArray() << QByteArray();
    QTest::newRow("1-byte IDATs") << 1 << false << true << QByteArray() << QByteArray();
    QTest::newRow("777-byte IDATs") << 777 << false << true << QByteArray() << QByteArray();
    QTest::newRow("empty IDAT first") << 500 << true << true << QByteArray() << QByteArray();
    QTest::newRow("no IEND") << 500 << false << false << QByteArray() << QByteArray();
    QTest::newRow("bytes after IEND") << 500 << false << true << QByteArray() << QByteArray("trailing junk");
    QTest::newRow("chunk after the IDATs")
        << 500 << false << false << QByteArray()
        << pngChunk("tEXt", QByteArray("Comment\0after", 13)) + pngChunk("IEND", {});
    QTest::newRow("ancillary chunks before IDAT")
        << 500 << false << true
        << pngChunk("gAMA", QByteArray("\x00\x00\xb1\x8f", 4)) + pngChunk("tEXt", QByteArray("Title\0x", 7)) +
               pngChunk("prVt", QByteArray(100, 'p'))
        << QByteArray();
}

// Compared with the written samples (OpenCV's reference refuses a file without IEND) and the row decoder.
void TestPngDeflateDecoder::idatLayouts() {
    QFETCH(int, chunkBytes);
    QFETCH(bool, emptyFirst);
    QFETCH(bool, iend);
    QFETCH(QByteArray, extraBefore);
    QFETCH(QByteArray, trailing);
    PngBuild build;
    build.filterOf = filterChoice(kMixedFilters);
    build.idatChunkBytes = chunkBytes;
    build.emptyIdatFirst = emptyFirst;
    build.iend = iend;
    build.beforeIdat = extraBefore;
    const cv::Mat samples = makeTestImage(90, 70, 3, CV_8U, 21);
    cv::Mat expected;
    cv::cvtColor(samples, expected, cv::COLOR_RGB2BGR);
    const QString path = write(QStringLiteral("layout-%1.png").arg(QTest::currentDataTag()),
                               buildPng(samples, build) + trailing);
    QVERIFY(!path.isEmpty());
    const std::vector<QRect> windows = testWindows(90, 70, 20, 9);
    for (const QRect& r : windows) {
        const Result<DecodedRegion> d = decodeWhole(path, r, FailOn::Error);
        QVERIFY2(d.ok(), qPrintable(d.ok() ? QString() : d.error().message));
        QCOMPARE(QString::fromLatin1(d->decoder), QString(kDeflate));
        const cv::Mat want = expected(cv::Rect(r.x(), r.y(), r.width(), r.height()));
        QVERIFY2(differingPixels(d->pixels, want) == 0, qPrintable(describeDifference(d->pixels, want)));
    }
    const QString problem = sameAsRowDecoder(path, windows, FailOn::Error);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

QByteArray TestPngDeflateDecoder::baseRgb(PngBuild& build, cv::Mat* image) {
    build.filterOf = filterChoice(kMixedFilters);
    build.idatChunkBytes = 1000;
    const cv::Mat samples = makeTestImage(120, 90, 3, CV_8U, 33);
    if (image)
        *image = samples;
    return buildPng(samples, build);
}

void TestPngDeflateDecoder::damaged_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("wholeOk");         // the whole image under failOn=Error
    QTest::addColumn<QString>("wholeDecoder"); // when it decodes
    PngBuild build;
    const QByteArray base = baseRgb(build);
    const cv::Mat samples = makeTestImage(120, 90, 3, CV_8U, 33);
    const QByteArray raw = filteredPngRows(samples, build);
    const QByteArray stream = zlibStream(raw, build);

    QByteArray badIdatCrc = base;
    const qsizetype third = chunkOffset(base, "IDAT", 2);
    badIdatCrc[third + 8 + 1000] = char(~badIdatCrc[third + 8 + 1000]);
    QTest::newRow("IDAT CRC") << badIdatCrc << false << QString();

    QByteArray brokenStream = stream;
    for (qsizetype i = stream.size() / 2; i < stream.size() / 2 + 16; ++i)
        brokenStream[i] = char(brokenStream[i] ^ 0x5a);
    QTest::newRow("broken deflate data") << pngAround(120, 90, brokenStream, build) << false << QString();
    QTest::newRow("file cut at 60%") << base.left(base.size() * 6 / 10) << false << QString();
    QTest::newRow("file cut inside the last IDAT")
        << base.left(chunkOffset(base, "IEND", 0) - 10) << false << QString();
    QTest::newRow("file ends after the last IDAT")
        << base.left(chunkOffset(base, "IEND", 0)) << true << QString(kDeflate);

    QByteArray badAdler = stream;
    badAdler[badAdler.size() - 1] = char(badAdler[badAdler.size() - 1] ^ 1);
    QTest::newRow("Adler-32") << pngAround(120, 90, badAdler, build) << false << QString();
    QTest::newRow("data after the zlib stream")
        << pngAround(120, 90, stream + "more", build) << false << QString();
    QTest::newRow("too much image data")
        << pngAround(120, 90, zlibStream(raw + raw.left(361), build), build) << false << QString();
    QTest::newRow("too little image data")
        << pngAround(120, 90, zlibStream(raw.left(raw.size() - 200), build), build) << false << QString();

    QByteArray badFilter = raw;
    badFilter[40 * 361] = char(9);
    QTest::newRow("filter type 9 on row 40")
        << pngAround(120, 90, zlibStream(badFilter, build), build) << false << QString();

    PngBuild withChunk = build;
    withChunk.beforeIdat = pngChunk("ZZZZ", "critical");
    QTest::newRow("unknown critical chunk") << pngAround(120, 90, stream, withChunk) << false << QString();
    QByteArray ancillary = pngChunk("tEXt", QByteArray("Title\0x", 7));
    ancillary[ancillary.size() - 1] = char(ancillary[ancillary.size() - 1] ^ 1);
    withChunk.beforeIdat = ancillary;
    QTest::newRow("ancillary CRC") << pngAround(120, 90, stream, withChunk) << false << QString();
    withChunk.beforeIdat = pngChunk("tRNS", be16Bytes(300) + be16Bytes(1) + be16Bytes(2));
    QTest::newRow("tRNS out of range") << pngAround(120, 90, stream, withChunk) << false << QString();
    withChunk.beforeIdat = pngChunk("tRNS", be16Bytes(1) + be16Bytes(2) + be16Bytes(3)) +
                           pngChunk("tRNS", be16Bytes(1) + be16Bytes(2) + be16Bytes(3));
    QTest::newRow("two tRNS") << pngAround(120, 90, stream, withChunk) << false << QString();

    PngBuild smallWindow = build;
    smallWindow.zlibWindowBits = 9;
    QTest::newRow("512-byte zlib window") << buildPng(samples, smallWindow) << true << QString(kRows);
}

// Whatever is wrong, the outcome is decodePngRegion()'s, for every region and failOn.
void TestPngDeflateDecoder::damaged() {
    QFETCH(QByteArray, bytes);
    QFETCH(bool, wholeOk);
    QFETCH(QString, wholeDecoder);
    const QString path = write(
        QStringLiteral("damaged-%1.png")
            .arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'))),
        bytes);
    QVERIFY(!path.isEmpty());
    const std::vector<QRect> regions = {QRect(0, 0, 120, 10), QRect(10, 40, 50, 10), QRect(5, 80, 100, 10),
                                        QRect(0, 0, 120, 90)};
    for (FailOn failOn : {FailOn::Error, FailOn::Truncated, FailOn::None}) {
        const QString problem = sameAsRowDecoder(path, regions, failOn);
        QVERIFY2(problem.isEmpty(),
                 qPrintable(QStringLiteral("failOn %1: %2").arg(int(failOn)).arg(problem)));
    }
    const Result<DecodedRegion> whole = decodeWhole(path, QRect(0, 0, 120, 90), FailOn::Error);
    QCOMPARE(whole.ok(), wholeOk);
    if (whole)
        QCOMPARE(QString::fromLatin1(whole->decoder), wholeDecoder);
    else
        QVERIFY2(whole.error().message.startsWith(path), qPrintable(whole.error().message));
}

void TestPngDeflateDecoder::sharedPngs_data() {
    QTest::addColumn<QString>("path");
    if (sharedDataDir().isEmpty())
        return;
    const QDir edge(sharedDataDir() + QStringLiteral("/edge_cases"));
    for (const QString& folder : edge.entryList({QStringLiteral("png_*")}, QDir::Dirs)) {
        const QDir dir(edge.filePath(folder));
        for (const QString& name : dir.entryList(QDir::Files))
            QTest::newRow(qPrintable(folder + QLatin1Char('/') + name)) << dir.filePath(name);
    }
}

// The real edge cases: identical to the reference where it decodes, the row decoder's outcome always,
// Unsupported (naming the file) for interlaced files.
void TestPngDeflateDecoder::sharedPngs() {
    CROPDECK_REQUIRE_SHARED_DATA();
    QFETCH(QString, path);
    const Result<ImageInfo> info = probeImage(path, 0);
    if (!info)
        QSKIP(qPrintable(QStringLiteral("the probe refuses it, so no decoder sees it: ") +
                         info.error().message));
    const std::vector<QRect> windows = testWindows(info->width, info->height, 12, 4);
    if (info->interlaced) {
        const Result<DecodedRegion> d = decodeWhole(path, windows.front(), FailOn::Error);
        QVERIFY(!d.ok());
        QCOMPARE(d.error().kind, ErrorKind::Unsupported);
        QVERIFY2(d.error().message.startsWith(path), qPrintable(d.error().message));
        return;
    }
    for (FailOn failOn : {FailOn::Error, FailOn::Truncated, FailOn::None}) {
        const QString problem = sameAsRowDecoder(path, windows, failOn);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    if (referenceDecode(path).empty())
        return; // damaged: the comparison with the row decoder above is the check
    // OpenCV shrugs off damage such as an ancillary chunk's CRC error: compare at the same tolerance.
    const QString problem =
        compareWindowsWithReference(path, decodePngRegionWholeInflate, 12, 4, nullptr, FailOn::None);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestPngDeflateDecoder::unsupported() {
    PngBuild build;
    build.colorType = 6;
    build.bitDepth = 16;
    // A 40000×40000 RGBA16 header over a stream that is never inflated: 12.8 GB raw, refused up front.
    // (The probe refuses such a file as too small for its pixels; the decoder is asked directly.)
    const QString huge =
        write(QStringLiteral("huge.png"), pngAround(40000, 40000, QByteArray("x\x9c", 2), build));
    const Result<ImageInfo> implausible = probeImage(huge, 0);
    QVERIFY(!implausible);
    QCOMPARE(implausible.error().kind, ErrorKind::Corrupt);
    ImageInfo hugeInfo;
    hugeInfo.format = ImageFormat::Png;
    hugeInfo.width = hugeInfo.height = 40000;
    hugeInfo.bitDepth = 16;
    hugeInfo.pngColorType = 6;
    hugeInfo.channels = 4;
    hugeInfo.hasAlpha = true;
    Result<DecodedRegion> d = decodePngRegionWholeInflate(
        huge, hugeInfo, DecodeRequest{QRect(0, 0, 10, 10), 1, FailOn::Error, nullptr});
    QVERIFY(!d.ok());
    QCOMPARE(d.error().kind, ErrorKind::Unsupported);
    QVERIFY2(d.error().message.startsWith(huge), qPrintable(d.error().message));

    const QString interlaced = m_dir.filePath(QStringLiteral("interlaced.png"));
    QVERIFY(writePngWithLibpng(interlaced, makeTestImage(50, 40, 3, CV_8U, 2), PngSpec{2, 8, true}));
    d = decodeWhole(interlaced, QRect(0, 30, 50, 10), FailOn::Error);
    QVERIFY(!d.ok());
    QCOMPARE(d.error().kind, ErrorKind::Unsupported);
    QVERIFY2(d.error().message.startsWith(interlaced), qPrintable(d.error().message));
}

// Many decodes of images of different sizes on several threads at once: every result is exact, so no
// thread sees another's buffers, and a reused buffer never leaks an earlier image's bytes.
void TestPngDeflateDecoder::buffersAreNotShared() {
    struct Task {
        QString path;
        QRect region;
        cv::Mat expected;
    };
    std::vector<Task> tasks;
    for (int i = 0; i < 6; ++i) {
        const int side = 40 + 90 * i;
        const int channels[] = {1, 3, 4, 1, 3, 4};
        const cv::Mat image = makeTestImage(side, side + 7, channels[i], CV_8U, unsigned(i));
        const QString path = m_dir.filePath(QStringLiteral("thread-%1.png").arg(i));
        QVERIFY(writeWithOpenCv(path, image));
        const cv::Mat reference = referenceDecode(path);
        for (const QRect& r : testWindows(image.cols, image.rows, 6, unsigned(i)))
            tasks.push_back({path, r, reference(cv::Rect(r.x(), r.y(), r.width(), r.height()))});
    }
    std::vector<Task> all;
    for (int round = 0; round < 4; ++round)
        all.insert(all.end(), tasks.rbegin(), tasks.rend());
    QThreadPool pool;
    pool.setMaxThreadCount(4);
    const QList<QString> problems =
        QtConcurrent::blockingMapped<QList<QString>>(&pool, all, [](const Task& t) {
            const Result<DecodedRegion> d = decodeWhole(t.path, t.region, FailOn::Error);
            if (!d)
                return d.error().message;
            return differingPixels(d->pixels, t.expected) == 0
                       ? QString()
                       : t.path + describeDifference(d->pixels, t.expected);
        });
    for (const QString& problem : problems)
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestPngDeflateDecoder::regionReaderChoice() {
    PngBuild build;
    const QString path = write(QStringLiteral("reader.png"), baseRgb(build));
    const Result<ImageInfo> info = probeImage(path, 0);
    QVERIFY(info.ok());
    const auto decoderFor = [&](const QString& file, const ImageInfo& i, const QRect& r, FailOn failOn) {
        RegionReader reader(file, i, failOn, nullptr);
        const Result<DecodedRegion> d = reader.read(r);
        return d ? QString::fromLatin1(d->decoder) : QStringLiteral("error ") + errorKindName(d.error().kind);
    };
    QCOMPARE(decoderFor(path, *info, QRect(0, 80, 120, 10), FailOn::Error), QString(kDeflate));
    QCOMPARE(decoderFor(path, *info, QRect(0, 0, 120, 90), FailOn::Error), QString(kDeflate));
    QCOMPARE(decoderFor(path, *info, QRect(0, 0, 120, 10), FailOn::Error), QString(kRows));

    const QString interlaced = m_dir.filePath(QStringLiteral("reader-interlaced.png"));
    QVERIFY(writePngWithLibpng(interlaced, makeTestImage(120, 90, 3, CV_8U, 3), PngSpec{2, 8, true}));
    const Result<ImageInfo> interlacedInfo = probeImage(interlaced, 0);
    QVERIFY(interlacedInfo.ok());
    QCOMPARE(decoderFor(interlaced, *interlacedInfo, QRect(0, 80, 120, 10), FailOn::Error), QString(kRows));

    // Damage reaches the caller as the row decoder's error, not as an OpenCV fallback.
    QByteArray damaged = readBytes(path);
    const qsizetype idat = chunkOffset(damaged, "IDAT", 0);
    damaged[idat + 12] = char(~damaged[idat + 12]);
    const QString damagedPath = write(QStringLiteral("reader-damaged.png"), damaged);
    QCOMPARE(decoderFor(damagedPath, *info, QRect(0, 80, 120, 10), FailOn::Error),
             QStringLiteral("error corrupt"));
}

void TestPngDeflateDecoder::badRequests() {
    PngBuild build;
    const QString path = write(QStringLiteral("requests.png"), baseRgb(build));
    const Result<ImageInfo> info = probeImage(path, 0);
    QVERIFY(info.ok());
    const auto kindOf = [&](const QString& file, const QRect& r, int scale, const ImageInfo& i) {
        const Result<DecodedRegion> d =
            decodePngRegionWholeInflate(file, i, DecodeRequest{r, scale, FailOn::Error, nullptr});
        return d.ok() ? std::optional<ErrorKind>() : std::optional<ErrorKind>(d.error().kind);
    };
    QCOMPARE(kindOf(path, QRect(100, 0, 21, 10), 1, *info), std::optional<ErrorKind>(ErrorKind::Invalid));
    QCOMPARE(kindOf(path, QRect(0, 0, 0, 10), 1, *info), std::optional<ErrorKind>(ErrorKind::Invalid));
    QCOMPARE(kindOf(path, QRect(0, 0, 120, 90), 2, *info), std::optional<ErrorKind>(ErrorKind::Invalid));
    ImageInfo notPng = *info;
    notPng.format = ImageFormat::Bmp;
    QCOMPARE(kindOf(path, QRect(0, 0, 10, 10), 1, notPng), std::optional<ErrorKind>(ErrorKind::Invalid));
    ImageInfo stale = *info;
    stale.height = 91;
    QCOMPARE(kindOf(path, QRect(0, 0, 10, 10), 1, stale), std::optional<ErrorKind>(ErrorKind::Corrupt));
    QCOMPARE(kindOf(m_dir.filePath(QStringLiteral("gone.png")), QRect(0, 0, 1, 1), 1, *info),
             std::optional<ErrorKind>(ErrorKind::NotFound));
}

void TestPngDeflateDecoder::cancel() {
    PngBuild build;
    const QString path = write(QStringLiteral("cancel.png"), baseRgb(build));
    std::atomic_bool cancelFlag{true};
    const Result<DecodedRegion> d = decodeWhole(path, QRect(0, 0, 120, 90), FailOn::Error, &cancelFlag);
    QVERIFY(!d.ok());
    QCOMPARE(d.error().kind, ErrorKind::Cancelled);
}

QTEST_GUILESS_MAIN(TestPngDeflateDecoder)
#include "test_png_deflate_decoder.moc"
