// SPDX-License-Identifier: GPL-3.0-or-later
// decodePngRegion(): pixel-identical to the OpenCV reference on every PNG colour type, bit depth, tRNS
// and interlace combination (generated and real files), stops reading after the region, and treats
// damaged files as failOn says.

#include "DecoderTestSupport.h"
#include "IoTestFiles.h"
#include "TestUtils.h"
#include "io/ImageProbe.h"
#include "io/PngRowDecoder.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

using namespace cropdeck;
using namespace cropdeck::test;

Q_DECLARE_METATYPE(cropdeck::FailOn)

namespace {

constexpr const char* kRowDecoder = "png-rows";

struct Variant {
    const char* name;
    int width, height;
    int colorType, bitDepth;
    bool interlaced;
    bool trns;
};

// Writes one PNG variant with libpng; samples are seeded, indices stay inside the palette.
bool writeVariant(const QString& path, const Variant& v) {
    const int samplesPerPixel = v.colorType == 2 ? 3 : v.colorType == 4 ? 2 : v.colorType == 6 ? 4 : 1;
    const int depth = v.bitDepth == 16 ? CV_16U : CV_8U;
    cv::Mat samples =
        makeTestImage(v.width, v.height, samplesPerPixel, depth, unsigned(v.width * 31 + v.colorType));
    PngSpec spec{v.colorType, v.bitDepth, v.interlaced};
    if (v.bitDepth < 8)
        samples = samples / (256 / (1 << v.bitDepth)); // keep values inside the bit depth
    if (v.colorType == 3) {
        for (int i = 0; i < (1 << v.bitDepth); ++i)
            spec.palette.insert(spec.palette.end(), {uchar(i * 37), uchar(255 - i * 11), uchar(i * 5)});
        if (v.trns)
            spec.trnsAlpha = {0, 64, 128, 200};
    } else if (v.trns) {
        spec.trnsValue = v.bitDepth == 16 ? 30000 : std::min(3, (1 << v.bitDepth) - 1);
    }
    return writePngWithLibpng(path, samples, spec);
}

const Variant kVariants[] = {
    {"gray1", 61, 47, 0, 1, false, false},
    {"gray2", 61, 47, 0, 2, false, false},
    {"gray4", 61, 47, 0, 4, false, false},
    {"gray8-trns", 61, 47, 0, 8, false, true},
    {"gray16", 61, 47, 0, 16, false, false},
    {"gray16-trns", 61, 47, 0, 16, false, true},
    {"rgb8-trns", 61, 47, 2, 8, false, true},
    {"rgb16", 61, 47, 2, 16, false, false},
    {"rgb16-trns", 61, 47, 2, 16, false, true},
    {"palette1", 61, 47, 3, 1, false, false},
    {"palette2", 61, 47, 3, 2, false, true},
    {"palette4", 61, 47, 3, 4, false, false},
    {"palette8", 61, 47, 3, 8, false, false},
    {"palette8-trns", 61, 47, 3, 8, false, true},
    {"gray-alpha8", 61, 47, 4, 8, false, false},
    {"gray-alpha16", 61, 47, 4, 16, false, false},
    {"rgba16", 61, 47, 6, 16, false, false},
    {"interlaced-gray8", 61, 47, 0, 8, true, false},
    {"interlaced-gray2", 61, 47, 0, 2, true, false},
    {"interlaced-rgb8", 61, 47, 2, 8, true, false},
    {"interlaced-palette4", 61, 47, 3, 4, true, true},
    {"interlaced-gray-alpha8", 61, 47, 4, 8, true, false},
    {"interlaced-rgba16", 61, 47, 6, 16, true, false},
    {"interlaced-tiny", 3, 2, 2, 8, true, false},
};

RegionDecoder pngDecoder() {
    return decodePngRegion;
}

QString sharedFile(const QString& relative) {
    return sharedDataDir() + QStringLiteral("/edge_cases/") + relative;
}

Result<DecodedRegion> decodeFile(const QString& path, const QRect& region, FailOn failOn,
                                 const std::atomic_bool* cancel = nullptr) {
    const Result<ImageInfo> info = probeImage(path, 0);
    if (!info)
        return info.error();
    return decodePngRegion(path, *info, DecodeRequest{region, 1, failOn, cancel});
}

int firstBlackRow(const cv::Mat& pixels) {
    for (int y = 0; y < pixels.rows; ++y)
        if (cv::countNonZero(pixels.row(y).reshape(1)) == 0)
            return y;
    return pixels.rows;
}

} // namespace

class TestPngRowDecoder : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void openCvWritten_data();
    void openCvWritten();
    void libpngVariants_data();
    void libpngVariants();
    void sharedPngs_data();
    void sharedPngs();
    void stopsAfterTheRegion();
    void truncatedFile_data();
    void truncatedFile();
    void sharedDamaged_data();
    void sharedDamaged();
    void badRequests();
    void cancel();

private:
    QTemporaryDir m_dir;
};

void TestPngRowDecoder::openCvWritten_data() {
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("channels");
    QTest::newRow("gray 301x217") << 301 << 217 << 1;
    QTest::newRow("bgr 301x217") << 301 << 217 << 3;
    QTest::newRow("bgra 97x203") << 97 << 203 << 4;
    QTest::newRow("gray 1x1") << 1 << 1 << 1;
    QTest::newRow("bgr 1x300") << 1 << 300 << 3;
    QTest::newRow("bgra 300x1") << 300 << 1 << 4;
}

void TestPngRowDecoder::openCvWritten() {
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(int, channels);
    const QString path = m_dir.filePath(QStringLiteral("%1.png").arg(QTest::currentDataTag()));
    QVERIFY(writeWithOpenCv(path, makeTestImage(width, height, channels, CV_8U, unsigned(width + height))));
    const QString problem = compareWindowsWithReference(path, pngDecoder(), 60, 7, kRowDecoder);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestPngRowDecoder::libpngVariants_data() {
    QTest::addColumn<int>("index");
    for (int i = 0; i < int(std::size(kVariants)); ++i)
        QTest::newRow(kVariants[i].name) << i;
}

void TestPngRowDecoder::libpngVariants() {
    QFETCH(int, index);
    const Variant& v = kVariants[index];
    const QString path = m_dir.filePath(QStringLiteral("%1.png").arg(v.name));
    QVERIFY(writeVariant(path, v));
    const QString problem = compareWindowsWithReference(path, pngDecoder(), 30, unsigned(index), kRowDecoder);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestPngRowDecoder::sharedPngs_data() {
    QTest::addColumn<QString>("path");
    if (sharedDataDir().isEmpty())
        return;
    for (const char* folder : {"png_16bit", "png_palette", "png_gray_alpha", "png_interlaced", "png_exif"}) {
        const QDir dir(sharedFile(QString::fromLatin1(folder)));
        for (const QString& name : dir.entryList({QStringLiteral("*.png")}, QDir::Files))
            QTest::newRow(qPrintable(QStringLiteral("%1/%2").arg(folder, name))) << dir.filePath(name);
    }
    QTest::newRow("png_corrupt/png_decompression_dos.png")
        << sharedFile(QStringLiteral("png_corrupt/png_decompression_dos.png"));
}

void TestPngRowDecoder::sharedPngs() {
    CROPDECK_REQUIRE_SHARED_DATA();
    QFETCH(QString, path);
    const QString problem = compareWindowsWithReference(path, pngDecoder(), 20, 3, kRowDecoder);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestPngRowDecoder::stopsAfterTheRegion() {
    // libpng writes IDAT in 8 KB chunks: damage in the last chunk is never reached by a top region.
    const QString path = m_dir.filePath(QStringLiteral("damaged-tail.png"));
    const cv::Mat image = makeTestImage(400, 300, 3, CV_8U, 11);
    QVERIFY(writeWithOpenCv(path, image, {cv::IMWRITE_PNG_COMPRESSION, 1}));
    QByteArray bytes = readBytes(path);
    QVERIFY(bytes.size() > 3 * 8192);
    for (qsizetype i = bytes.size() - 40; i < bytes.size() - 20; ++i)
        bytes[i] = char(~bytes[i]);
    QVERIFY(writeBytes(path, bytes));
    QVERIFY2(referenceDecode(path).empty(), "OpenCV reads to the end and fails on the damage");
    const Result<DecodedRegion> top = decodeFile(path, QRect(50, 0, 300, 40), FailOn::Error);
    QVERIFY2(top.ok(), qPrintable(top.ok() ? QString() : top.error().message));
    QCOMPARE(differingPixels(top->pixels, image(cv::Rect(50, 0, 300, 40))), 0);
    const Result<DecodedRegion> all = decodeFile(path, QRect(0, 0, 400, 300), FailOn::Error);
    QVERIFY(!all.ok());
    QVERIFY2(all.error().kind == ErrorKind::Corrupt, qPrintable(all.error().message));
}

void TestPngRowDecoder::truncatedFile_data() {
    QTest::addColumn<FailOn>("failOn");
    QTest::newRow("error") << FailOn::Error;
    QTest::newRow("truncated") << FailOn::Truncated;
    QTest::newRow("none") << FailOn::None;
}

void TestPngRowDecoder::truncatedFile() {
    QFETCH(FailOn, failOn);
    const QString original = m_dir.filePath(QStringLiteral("whole.png"));
    const QString cut = m_dir.filePath(QStringLiteral("cut.png"));
    const cv::Mat image = makeTestImage(300, 200, 3, CV_8U, 12);
    QVERIFY(writeWithOpenCv(original, image, {cv::IMWRITE_PNG_COMPRESSION, 1}));
    const QByteArray bytes = readBytes(original);
    QVERIFY(writeBytes(cut, bytes.left(bytes.size() * 6 / 10)));

    const Result<DecodedRegion> top = decodeFile(cut, QRect(10, 5, 200, 30), failOn);
    QVERIFY2(top.ok(), "rows before the cut decode in every mode");
    QCOMPARE(differingPixels(top->pixels, image(cv::Rect(10, 5, 200, 30))), 0);

    const QRect acrossTheCut(0, 50, 300, 150);
    const Result<DecodedRegion> across = decodeFile(cut, acrossTheCut, failOn);
    if (failOn != FailOn::None) {
        QVERIFY(!across.ok());
        QCOMPARE(across.error().kind, ErrorKind::Truncated);
        QVERIFY2(across.error().message.contains(QStringLiteral("ends early")),
                 qPrintable(across.error().message));
        return;
    }
    QVERIFY2(across.ok(), "failOn=None keeps what decoded");
    const int decodedRows = firstBlackRow(across->pixels);
    QVERIFY(decodedRows > 0 && decodedRows < acrossTheCut.height());
    QCOMPARE(
        differingPixels(across->pixels.rowRange(0, decodedRows), image(cv::Rect(0, 50, 300, decodedRows))),
        0);
    QCOMPARE(cv::countNonZero(across->pixels.rowRange(decodedRows, acrossTheCut.height()).reshape(1)), 0);
}

void TestPngRowDecoder::sharedDamaged_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QRect>("region");
    QTest::addColumn<FailOn>("failOn");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<bool>("matchesReference");
    const QString idatCrc = QStringLiteral("png_corrupt/xcsn0g01.png");
    const QString iccpCrc = QStringLiteral("png_corrupt/unknown_compression_method.png");
    const QString truncated = QStringLiteral("png_corrupt/pillars-1024x1024-truncated.png");
    const QString brokenStream = QStringLiteral("png_corrupt/broken_data_stream.png");
    const QRect all32(0, 0, 32, 32), all57(0, 0, 57, 57), top(0, 0, 1024, 64), bottom(0, 960, 1024, 64);
    QTest::newRow("IDAT CRC, error") << idatCrc << all32 << FailOn::Error << false << ErrorKind::Corrupt
                                     << false;
    QTest::newRow("IDAT CRC, truncated")
        << idatCrc << all32 << FailOn::Truncated << true << ErrorKind::Invalid << false;
    QTest::newRow("IDAT CRC, none") << idatCrc << all32 << FailOn::None << true << ErrorKind::Invalid
                                    << false;
    QTest::newRow("iCCP CRC, error") << iccpCrc << all57 << FailOn::Error << false << ErrorKind::Corrupt
                                     << false;
    QTest::newRow("iCCP CRC, truncated")
        << iccpCrc << all57 << FailOn::Truncated << true << ErrorKind::Invalid << true;
    QTest::newRow("iCCP CRC, none") << iccpCrc << all57 << FailOn::None << true << ErrorKind::Invalid << true;
    QTest::newRow("cut file, top rows")
        << truncated << top << FailOn::Error << true << ErrorKind::Invalid << false;
    QTest::newRow("cut file, bottom, error")
        << truncated << bottom << FailOn::Error << false << ErrorKind::Truncated << false;
    QTest::newRow("cut file, bottom, truncated")
        << truncated << bottom << FailOn::Truncated << false << ErrorKind::Truncated << false;
    QTest::newRow("broken stream, error")
        << brokenStream << QRect(0, 0, 128, 128) << FailOn::Error << false << ErrorKind::Corrupt << false;
    QTest::newRow("broken stream, truncated")
        << brokenStream << QRect(0, 0, 128, 128) << FailOn::Truncated << false << ErrorKind::Corrupt << false;
}

void TestPngRowDecoder::sharedDamaged() {
    CROPDECK_REQUIRE_SHARED_DATA();
    QFETCH(QString, file);
    QFETCH(QRect, region);
    QFETCH(FailOn, failOn);
    QFETCH(bool, ok);
    QFETCH(ErrorKind, kind);
    QFETCH(bool, matchesReference);
    const QString path = sharedFile(file);
    const Result<DecodedRegion> decoded = decodeFile(path, region, failOn);
    if (!ok) {
        QVERIFY2(!decoded.ok(), "damage was not reported");
        QVERIFY2(decoded.error().kind == kind, qPrintable(decoded.error().message));
        QVERIFY2(decoded.error().message.startsWith(path), qPrintable(decoded.error().message));
        return;
    }
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded->pixels.cols, region.width());
    QCOMPARE(decoded->pixels.rows, region.height());
    if (matchesReference) {
        const cv::Mat reference = referenceDecode(path);
        QCOMPARE(differingPixels(decoded->pixels, reference(cv::Rect(region.x(), region.y(), region.width(),
                                                                     region.height()))),
                 0);
    }
}

void TestPngRowDecoder::badRequests() {
    const QString path = m_dir.filePath(QStringLiteral("small.png"));
    QVERIFY(writeWithOpenCv(path, makeTestImage(20, 10, 3, CV_8U, 5)));
    const Result<ImageInfo> info = probeImage(path, 0);
    QVERIFY(info.ok());
    const auto kindOf = [&](const QRect& r, int scale, const ImageInfo& i) {
        const Result<DecodedRegion> d =
            decodePngRegion(path, i, DecodeRequest{r, scale, FailOn::Error, nullptr});
        return d.ok() ? std::optional<ErrorKind>() : std::optional<ErrorKind>(d.error().kind);
    };
    QCOMPARE(kindOf(QRect(15, 0, 6, 10), 1, *info), std::optional<ErrorKind>(ErrorKind::Invalid));
    QCOMPARE(kindOf(QRect(0, 0, 0, 10), 1, *info), std::optional<ErrorKind>(ErrorKind::Invalid));
    QCOMPARE(kindOf(QRect(0, 0, 20, 10), 2, *info), std::optional<ErrorKind>(ErrorKind::Invalid));
    ImageInfo notPng = *info;
    notPng.format = ImageFormat::Bmp;
    QCOMPARE(kindOf(QRect(0, 0, 20, 10), 1, notPng), std::optional<ErrorKind>(ErrorKind::Invalid));
    ImageInfo stale = *info;
    stale.height = 11;
    QCOMPARE(kindOf(QRect(0, 0, 20, 10), 1, stale), std::optional<ErrorKind>(ErrorKind::Corrupt));
    const Result<DecodedRegion> missing =
        decodePngRegion(m_dir.filePath(QStringLiteral("gone.png")), *info,
                        DecodeRequest{QRect(0, 0, 1, 1), 1, FailOn::Error, nullptr});
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);
}

void TestPngRowDecoder::cancel() {
    const QString path = m_dir.filePath(QStringLiteral("cancel.png"));
    QVERIFY(writeWithOpenCv(path, makeTestImage(64, 64, 1, CV_8U, 6)));
    std::atomic_bool cancelFlag{true};
    const Result<DecodedRegion> decoded = decodeFile(path, QRect(0, 0, 64, 64), FailOn::Error, &cancelFlag);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().kind, ErrorKind::Cancelled);
}

QTEST_GUILESS_MAIN(TestPngRowDecoder)
#include "test_png_row_decoder.moc"
