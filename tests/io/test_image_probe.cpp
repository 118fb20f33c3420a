// SPDX-License-Identifier: GPL-3.0-or-later
// probeImage() on generated files of every format, on hand-built headers (each malformed field gives the
// right error kind), on the pixel limit, on how much it reads, and on truncated and mutated files.

#include "IoTestFiles.h"
#include "ProbeTestSupport.h"
#include "TestUtils.h"
#include "io/ImageProbe.h"

#include <QBuffer>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <opencv2/imgcodecs.hpp>

#include <random>

using namespace cropdeck;
using namespace cropdeck::test;

Q_DECLARE_METATYPE(cropdeck::ImageFormat)
Q_DECLARE_METATYPE(cropdeck::ErrorKind)
Q_DECLARE_METATYPE(cropdeck::JpegColorSpace)

namespace {

constexpr qint64 kLimit = 180'000'000;
constexpr int W = 37, H = 23;

QByteArray exifApp1(int orientation) {
    return jpegSegment(0xE1, QByteArray("Exif\0\0", 6) + makeExifBlob(false, orientation));
}

// Writes the generated file `kind` into `dir` and returns its path (empty on failure).
QString generate(const QString& kind, const QTemporaryDir& dir) {
    const QString path = dir.filePath(kind);
    const cv::Mat gray = makeTestImage(W, H, 1, CV_8U, 1), bgr = makeTestImage(W, H, 3, CV_8U, 2);
    const cv::Mat bgra = makeTestImage(W, H, 4, CV_8U, 3), gray16 = makeTestImage(W, H, 1, CV_16U, 4);
    const cv::Mat rgb16 = makeTestImage(W, H, 3, CV_16U, 5), indices = makeTestImage(W, H, 1, CV_8U, 6) / 64;
    std::vector<unsigned char> grayPalette, colorPalette;
    for (int i = 0; i < 256; ++i) {
        grayPalette.insert(grayPalette.end(), {uchar(i), uchar(i), uchar(i)});
        colorPalette.insert(colorPalette.end(), {uchar(i), uchar(255 - i), uchar(i / 2)});
    }
    bool ok = false;
    if (kind == "gray.jpg")
        ok = writeWithOpenCv(path, gray);
    else if (kind == "color.jpg")
        ok = writeWithOpenCv(path, bgr);
    else if (kind == "progressive.jpg")
        ok = writeWithOpenCv(path, bgr, {cv::IMWRITE_JPEG_PROGRESSIVE, 1});
    else if (kind == "restart.jpg")
        ok = writeWithOpenCv(path, bgr, {cv::IMWRITE_JPEG_RST_INTERVAL, 3});
    else if (kind == "gray8.png")
        ok = writeWithOpenCv(path, gray);
    else if (kind == "rgb8.png")
        ok = writeWithOpenCv(path, bgr);
    else if (kind == "rgba8.png")
        ok = writeWithOpenCv(path, bgra);
    else if (kind == "gray16.png")
        ok = writeWithOpenCv(path, gray16);
    else if (kind == "rgb16.png")
        ok = writeWithOpenCv(path, rgb16);
    else if (kind == "palette-trns.png")
        ok = writePngWithLibpng(
            path, indices,
            {3, 8, false, std::vector<uchar>(colorPalette.begin(), colorPalette.begin() + 12), {0, 128}});
    else if (kind == "gray-alpha.png")
        ok = writePngWithLibpng(path, makeTestImage(W, H, 2, CV_8U, 7), {4, 8});
    else if (kind == "interlaced.png")
        ok = writePngWithLibpng(path, bgr, {2, 8, true});
    else if (kind == "gray2bit.png")
        ok = writePngWithLibpng(path, indices, {0, 2});
    else if (kind == "exif6.png")
        ok = writePngWithLibpng(path, bgr, {2, 8, false, {}, {}, -1, makeExifBlob(true, 6)});
    else if (kind == "gray8.bmp")
        ok = writeWithOpenCv(path, gray);
    else if (kind == "bgr24.bmp")
        ok = writeWithOpenCv(path, bgr);
    else if (kind == "bgra32.bmp")
        ok = writeWithOpenCv(path, bgra);
    else if (kind == "topdown24.bmp")
        ok = writeBytes(path, makeBmp(bgr, {40, 24, 0, true}));
    else if (kind == "bitfields32.bmp")
        ok = writeBytes(path, makeBmp(bgra, {124, 32, 3}));
    else if (kind == "palette4.bmp")
        ok = writeBytes(
            path, makeBmp(indices, {40, 4, 0, false,
                                    std::vector<uchar>(colorPalette.begin(), colorPalette.begin() + 48)}));
    else if (kind == "gray1.bmp")
        ok = writeBytes(path, makeBmp(indices / 2, {40, 1, 0, false, {0, 0, 0, 255, 255, 255}}));
    else if (kind == "os2.bmp")
        ok = writeBytes(path, makeBmp(bgr, {12, 24}));
    else if (kind == "gray8.tif")
        ok = writeWithOpenCv(path, gray);
    else if (kind == "rgb8.tif")
        ok = writeWithOpenCv(path, bgr);
    else if (kind == "rgba16.tif")
        ok = writeWithOpenCv(path, makeTestImage(W, H, 4, CV_16U, 8));
    else if (kind == "be-rgb8-o3.tif")
        ok = writeBytes(path, makeTiff(bgr, false, 3));
    else if (kind == "le-gray16-o6.tif")
        ok = writeBytes(path, makeTiff(gray16, true, 6));
    else if (kind == "lossy.webp")
        ok = writeWithOpenCv(path, bgr, {cv::IMWRITE_WEBP_QUALITY, 80});
    else if (kind == "lossless.webp")
        ok = writeWithOpenCv(path, bgr, {cv::IMWRITE_WEBP_QUALITY, 101});
    else if (kind == "alpha.webp")
        ok = writeWithOpenCv(path, bgra);
    else if (kind == "binary.pgm")
        ok = writeWithOpenCv(path, gray);
    else if (kind == "binary.ppm")
        ok = writeWithOpenCv(path, bgr);
    else if (kind == "binary16.pgm")
        ok = writeWithOpenCv(path, gray16);
    else if (kind == "ascii.pgm")
        ok = writeWithOpenCv(path, gray, {cv::IMWRITE_PXM_BINARY, 0});
    else if (kind == "ascii.ppm")
        ok = writeWithOpenCv(path, bgr, {cv::IMWRITE_PXM_BINARY, 0});
    else if (kind == "ascii.pbm")
        ok = writeBytes(path, QByteArray("P1\n# a comment\n37 23\n") + QByteArray(W * H, '1'));
    else if (kind == "binary.pbm")
        ok = writeBytes(path, QByteArray("P4 37\t23\n") + QByteArray(5 * H, 'x'));
    return ok ? path : QString();
}

struct Expected {
    ImageFormat format;
    int channels;
    int bitDepth;
};

} // namespace

class TestImageProbe : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void generated_data();
    void generated();
    void jpegDetails();
    void pngDetails();
    void bmpDetails();
    void tiffOrientationAndByteOrder();
    void crafted_data();
    void crafted();
    void pixelLimit();
    void readsOnlyHeaders();
    void fileErrors();
    void unreadableFile();
    void truncatedAndMutatedNeverCrash();

private:
    QTemporaryDir m_dir;
};

void TestImageProbe::initTestCase() {
    QVERIFY(m_dir.isValid());
}

void TestImageProbe::generated_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<ImageFormat>("format");
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("bitDepth");
    const std::vector<std::pair<const char*, Expected>> rows = {
        {"gray.jpg", {ImageFormat::Jpeg, 1, 8}},          {"color.jpg", {ImageFormat::Jpeg, 3, 8}},
        {"progressive.jpg", {ImageFormat::Jpeg, 3, 8}},   {"restart.jpg", {ImageFormat::Jpeg, 3, 8}},
        {"gray8.png", {ImageFormat::Png, 1, 8}},          {"rgb8.png", {ImageFormat::Png, 3, 8}},
        {"rgba8.png", {ImageFormat::Png, 4, 8}},          {"gray16.png", {ImageFormat::Png, 1, 16}},
        {"rgb16.png", {ImageFormat::Png, 3, 16}},         {"palette-trns.png", {ImageFormat::Png, 3, 8}},
        {"gray-alpha.png", {ImageFormat::Png, 2, 8}},     {"interlaced.png", {ImageFormat::Png, 3, 8}},
        {"gray2bit.png", {ImageFormat::Png, 1, 2}},       {"exif6.png", {ImageFormat::Png, 3, 8}},
        {"gray8.bmp", {ImageFormat::Bmp, 1, 8}},          {"bgr24.bmp", {ImageFormat::Bmp, 3, 8}},
        {"bgra32.bmp", {ImageFormat::Bmp, 3, 8}},         {"topdown24.bmp", {ImageFormat::Bmp, 3, 8}},
        {"bitfields32.bmp", {ImageFormat::Bmp, 4, 8}},    {"palette4.bmp", {ImageFormat::Bmp, 3, 4}},
        {"gray1.bmp", {ImageFormat::Bmp, 1, 1}},          {"os2.bmp", {ImageFormat::Bmp, 1, 8}},
        {"gray8.tif", {ImageFormat::Tiff, 1, 8}},         {"rgb8.tif", {ImageFormat::Tiff, 3, 8}},
        {"rgba16.tif", {ImageFormat::Tiff, 4, 16}},       {"be-rgb8-o3.tif", {ImageFormat::Tiff, 3, 8}},
        {"le-gray16-o6.tif", {ImageFormat::Tiff, 1, 16}}, {"lossy.webp", {ImageFormat::WebP, 3, 8}},
        {"lossless.webp", {ImageFormat::WebP, 3, 8}},     {"alpha.webp", {ImageFormat::WebP, 4, 8}},
        {"binary.pgm", {ImageFormat::Pnm, 1, 8}},         {"binary.ppm", {ImageFormat::Pnm, 3, 8}},
        {"binary16.pgm", {ImageFormat::Pnm, 1, 16}},      {"ascii.pgm", {ImageFormat::Pnm, 1, 8}},
        {"ascii.ppm", {ImageFormat::Pnm, 3, 8}},          {"ascii.pbm", {ImageFormat::Pnm, 1, 1}},
        {"binary.pbm", {ImageFormat::Pnm, 1, 1}},
    };
    for (const auto& [kind, e] : rows)
        QTest::newRow(kind) << QString::fromLatin1(kind) << e.format << e.channels << e.bitDepth;
}

void TestImageProbe::generated() {
    QFETCH(QString, kind);
    QFETCH(ImageFormat, format);
    QFETCH(int, channels);
    QFETCH(int, bitDepth);
    const QString path = generate(kind, m_dir);
    QVERIFY2(!path.isEmpty(), "could not write the test file");
    const Result<ImageInfo> info = probeImage(path, kLimit);
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().message));
    QCOMPARE(info->format, format);
    QCOMPARE(info->width, W);
    QCOMPARE(info->height, H);
    QCOMPARE(info->channels, channels);
    QCOMPARE(info->bitDepth, bitDepth);
    QCOMPARE(info->fileSize, QFileInfo(path).size());
    // An independent check: OpenCV decodes the same size (TIFF comes back upright from OpenCV).
    const cv::Mat decoded = referenceDecode(path);
    QVERIFY(!decoded.empty());
    const bool upright = format == ImageFormat::Tiff;
    QCOMPARE(decoded.cols, upright ? info->uprightWidth() : info->width);
    QCOMPARE(decoded.rows, upright ? info->uprightHeight() : info->height);
    // Where ImageInfo::channels is defined as what a decode gives, it must agree with OpenCV.
    if (format == ImageFormat::Bmp || format == ImageFormat::WebP || format == ImageFormat::Jpeg ||
        format == ImageFormat::Pnm)
        QCOMPARE(decoded.channels(), info->channels);
}

void TestImageProbe::jpegDetails() {
    const auto probe = [&](const char* kind) {
        return probeImage(generate(kind, m_dir), kLimit);
    };
    const Result<ImageInfo> gray = probe("gray.jpg"), color = probe("color.jpg");
    const Result<ImageInfo> progressive = probe("progressive.jpg"), restart = probe("restart.jpg");
    QVERIFY(gray && color && progressive && restart);
    QCOMPARE(gray->jpegColorSpace, JpegColorSpace::Gray);
    QCOMPARE(gray->mcuWidth, 8);
    QCOMPARE(gray->mcuHeight, 8);
    QCOMPARE(color->jpegColorSpace, JpegColorSpace::YCbCr);
    QCOMPARE(color->mcuWidth, 16); // libjpeg's default 4:2:0
    QCOMPARE(color->mcuHeight, 16);
    QVERIFY(!color->progressive && progressive->progressive);
    QCOMPARE(color->restartInterval, 0);
    QCOMPARE(restart->restartInterval, 3);
    QCOMPARE(color->orientation, 1);
}

void TestImageProbe::pngDetails() {
    const auto probe = [&](const char* kind) {
        return probeImage(generate(kind, m_dir), kLimit);
    };
    const Result<ImageInfo> rgba = probe("rgba8.png"), palette = probe("palette-trns.png");
    const Result<ImageInfo> interlaced = probe("interlaced.png"), exif = probe("exif6.png"),
                            rgb = probe("rgb8.png");
    QVERIFY(rgba && palette && interlaced && exif && rgb);
    QCOMPARE(rgba->pngColorType, 6);
    QVERIFY(rgba->hasAlpha);
    QCOMPARE(palette->pngColorType, 3);
    QVERIFY2(palette->hasAlpha, "tRNS before IDAT means transparency");
    QVERIFY(!rgb->hasAlpha);
    QVERIFY(interlaced->interlaced && !rgb->interlaced);
    QCOMPARE(exif->orientation, 6);
}

void TestImageProbe::bmpDetails() {
    const auto probe = [&](const char* kind) {
        return probeImage(generate(kind, m_dir), kLimit);
    };
    const Result<ImageInfo> bottomUp = probe("bgr24.bmp"), topDown = probe("topdown24.bmp");
    const Result<ImageInfo> bitfields = probe("bitfields32.bmp");
    QVERIFY(bottomUp && topDown && bitfields);
    QVERIFY(bottomUp->bottomUp);
    QVERIFY(!topDown->bottomUp);
    QCOMPARE(bottomUp->pixelDataOffset, 54);
    QCOMPARE(bottomUp->bmpCompression, 0);
    QCOMPARE(bitfields->bmpCompression, 3);
    QVERIFY(bitfields->hasAlpha);
    QCOMPARE(bitfields->pixelDataOffset, 14 + 124);
}

void TestImageProbe::tiffOrientationAndByteOrder() {
    const Result<ImageInfo> be = probeImage(generate("be-rgb8-o3.tif", m_dir), kLimit);
    const Result<ImageInfo> le = probeImage(generate("le-gray16-o6.tif", m_dir), kLimit);
    QVERIFY(be && le);
    QCOMPARE(be->orientation, 3);
    QCOMPARE(le->orientation, 6);
    QCOMPARE(le->uprightWidth(), H);
}

void TestImageProbe::crafted_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<ErrorKind>("kind");   // when !ok
    QTest::addColumn<QString>("mentions"); // a phrase the message (or, when ok, nothing) must contain

    const QByteArray jfif = jpegSegment(0xE0, QByteArray("JFIF\0\1\1\0\0\1\0\1\0\0", 14));
    const QByteArray sof = jpegSegment(0xC0, sofPayload(8, 20, 30, {{1, 2, 2}, {2, 1, 1}, {3, 1, 1}}));
    const auto ok = [](const char* name, const QByteArray& bytes) {
        QTest::newRow(name) << bytes << true << ErrorKind::Invalid << QString();
    };
    const auto bad = [](const char* name, const QByteArray& bytes, ErrorKind kind, const char* phrase) {
        QTest::newRow(name) << bytes << false << kind << QString::fromUtf8(phrase);
    };
    ok("jpeg minimal", jpegFile(jfif + sof));
    ok("jpeg junk and fill bytes before markers", jpegFile(jfif + QByteArray("junk\xFF\xFF", 6) + sof));
    ok("jpeg FF00 before a marker", jpegFile(jfif + QByteArray("\xFF\x00", 2) + sof));
    bad("jpeg SOF too short", jpegFile(jpegSegment(0xC0, sofPayload(8, 20, 30, {{1, 1, 1}}).left(7))),
        ErrorKind::Corrupt, "bad SOF length");
    bad("jpeg SOF length vs components",
        jpegFile(jpegSegment(0xC0, sofPayload(8, 20, 30, {{1, 1, 1}}) + "xyz")), ErrorKind::Corrupt,
        "bad SOF length");
    bad("jpeg zero sampling factor", jpegFile(jpegSegment(0xC0, sofPayload(8, 20, 30, {{1, 0, 1}}))),
        ErrorKind::Corrupt, "sampling");
    bad("jpeg DNL height", jpegFile(jpegSegment(0xC0, sofPayload(8, 0, 30, {{1, 1, 1}}))),
        ErrorKind::Unsupported, "DNL");
    bad("jpeg zero width", jpegFile(jpegSegment(0xC0, sofPayload(8, 20, 0, {{1, 1, 1}}))), ErrorKind::Corrupt,
        "0×20");
    bad("jpeg hierarchical", jpegFile(jpegSegment(0xC5, sofPayload(8, 20, 30, {{1, 1, 1}}))),
        ErrorKind::Unsupported, "hierarchical");
    bad("jpeg two SOF", jpegFile(sof + sof), ErrorKind::Corrupt, "two frame headers");
    bad("jpeg scan before SOF", jpegFile(jfif), ErrorKind::Corrupt, "before the first scan");
    bad("jpeg bad segment length", jpegFile(QByteArray("\xFF\xE0\x00\x01", 4) + sof), ErrorKind::Corrupt,
        "bad length 1");
    bad("jpeg ends in APP0", QByteArray("\xFF\xD8", 2) + jfif.left(10), ErrorKind::Truncated, "ends inside");
    bad("jpeg ends after SOI", QByteArray("\xFF\xD8\xFF", 3), ErrorKind::Truncated, "ends inside");
    bad("jpeg second SOI", jpegFile(QByteArray("\xFF\xD8", 2) + sof), ErrorKind::Corrupt,
        "second start-of-image");
    bad("jpeg bad DRI", jpegFile(sof + jpegSegment(0xDD, QByteArray("\0\1\2", 3))), ErrorKind::Corrupt,
        "DRI");

    ok("png minimal", pngFile(5, 7, 8, 2));
    QByteArray badCrc = pngFile(5, 7, 8, 2);
    badCrc[30] = char(badCrc[30] ^ 1);
    bad("png IHDR CRC", badCrc, ErrorKind::Corrupt, "IHDR CRC");
    bad("png zero width", pngFile(0, 7, 8, 2), ErrorKind::Corrupt, "0×7");
    bad("png huge width", pngFile(0x80000000u, 7, 8, 2), ErrorKind::Corrupt, "image size");
    bad("png colour type 5", pngFile(5, 7, 8, 5), ErrorKind::Corrupt, "colour type 5");
    bad("png 16-bit palette", pngFile(5, 7, 16, 3), ErrorKind::Corrupt, "bit depth 16");
    bad("png IEND before IDAT", QByteArray(pngFile(5, 7, 8, 2)).remove(33, 12), ErrorKind::Corrupt,
        "no image data");
    bad("png ends in IHDR", pngFile(5, 7, 8, 2).left(20), ErrorKind::Truncated, "ends inside");
    bad("png chunk length over 2^31", pngFile(5, 7, 8, 2, QByteArray("\x80\0\0\0tEXt", 8)),
        ErrorKind::Corrupt, "chunk length");
    bad("png ends in a chunk", pngFile(5, 7, 8, 2, QByteArray("\0\1\0\0tEXt", 8)), ErrorKind::Truncated,
        "before its image data");
    bad("png CgBI",
        QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("CgBI", "\x50\x00\x20\x06") +
            pngFile(5, 7, 8, 2).mid(8),
        ErrorKind::Unsupported, "CgBI");
    bad("png damaged signature", QByteArray(pngFile(5, 7, 8, 2)).replace(4, 2, "\n"), ErrorKind::Corrupt,
        "signature");

    const cv::Mat bgr = makeTestImage(6, 4, 3, CV_8U, 9);
    ok("bmp minimal", makeBmp(bgr, {}));
    bad("bmp zero width", QByteArray(makeBmp(bgr, {})).replace(18, 4, QByteArray(4, '\0')),
        ErrorKind::Corrupt, "image size 0×4");
    bad("bmp 7 bits", QByteArray(makeBmp(bgr, {})).replace(28, 1, "\x07"), ErrorKind::Corrupt,
        "7 bits per pixel");
    bad("bmp header size 99", QByteArray(makeBmp(bgr, {})).replace(14, 1, "\x63"), ErrorKind::Corrupt,
        "header size 99");
    bad("bmp 300 colours",
        makeBmp(cv::Mat(4, 6, CV_8UC1, cv::Scalar(1)), {40, 8, 0, false, std::vector<uchar>(12, 7), 300}),
        ErrorKind::Corrupt, "300 colours");
    bad("bmp data offset past end", QByteArray(makeBmp(bgr, {})).replace(10, 2, "\xff\x7f"),
        ErrorKind::Corrupt, "outside the file");
    bad("bmp ends in header", makeBmp(bgr, {}).left(30), ErrorKind::Truncated, "ends inside");
    bad("bmp unknown compression", QByteArray(makeBmp(bgr, {})).replace(30, 1, "\x09"), ErrorKind::Corrupt,
        "compression 9");

    const QByteArray tiff = makeTiff(bgr, true, 1);
    ok("tiff minimal", tiff);
    bad("tiff IFD past end", QByteArray(tiff).replace(4, 4, QByteArray("\xff\xff\0\0", 4)),
        ErrorKind::Corrupt, "IFD offset");
    QByteArray emptyIfd = tiff;
    const int ifdAt = int(qFromLittleEndian<quint32>(tiff.constData() + 4));
    emptyIfd[ifdAt] = emptyIfd[ifdAt + 1] = '\0';
    bad("tiff empty IFD", emptyIfd, ErrorKind::Corrupt, "empty");
    bad("tiff bad magic", QByteArray(tiff).replace(2, 1, "\x2b"), ErrorKind::Corrupt, "TIFF");

    const QByteArray vp8x = QByteArray("RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0", 20);
    ok("webp VP8X", vp8x + QByteArray("\x10\0\0\0\x09\0\0\x04\0\0", 10));
    bad("webp animated", vp8x + QByteArray("\x12\0\0\0\x09\0\0\x04\0\0", 10), ErrorKind::Unsupported,
        "animated");
    bad("webp VP8 inter frame",
        QByteArray("RIFF\0\0\0\0WEBPVP8 \x10\0\0\0\x01\0\0\x9d\x01\x2a\x05\0\x05\0", 30), ErrorKind::Corrupt,
        "key frame");
    bad("webp VP8L version 1", QByteArray("RIFF\0\0\0\0WEBPVP8L\x05\0\0\0\x2f\0\0\0\x20", 25),
        ErrorKind::Corrupt, "version");
    bad("webp unknown chunk", QByteArray("RIFF\0\0\0\0WEBPABCD\x04\0\0\0abcd", 24), ErrorKind::Corrupt,
        "ABCD");
    bad("webp ends early", vp8x.left(16), ErrorKind::Truncated, "ends inside");

    ok("pnm comments everywhere", QByteArray("P5#c\n 3 #c\n2 # c\n255\nabcdef"));
    bad("pnm only a comment", QByteArray("P5\n# nothing else"), ErrorKind::Truncated, "ends inside");
    bad("pnm zero width", QByteArray("P5 0 10 255\n"), ErrorKind::Corrupt, "0×10");
    bad("pnm maxval too big", QByteArray("P5 3 2 70000\n"), ErrorKind::Corrupt, "maxval 70000");
    bad("pnm letters", QByteArray("P6 abc 2 255\n"), ErrorKind::Corrupt, "width, height and maxval");

    bad("empty", QByteArray(), ErrorKind::Corrupt, "empty");
    bad("gif", QByteArray("GIF89a\x05\0\x05\0\0\0\0", 13), ErrorKind::Unsupported, "GIF");
    bad("text", QByteArray("hello, world\n"), ErrorKind::Unsupported, "not a recognised image format");
}

void TestImageProbe::crafted() {
    QFETCH(QByteArray, bytes);
    QFETCH(bool, ok);
    QFETCH(ErrorKind, kind);
    QFETCH(QString, mentions);
    QBuffer buffer(&bytes);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    const Result<ImageInfo> info = probeImage(buffer, QStringLiteral("crafted.img"), kLimit);
    if (ok) {
        QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().message));
        QVERIFY(info->width > 0 && info->height > 0);
        return;
    }
    QVERIFY2(!info.ok(), "a malformed header was accepted");
    QVERIFY2(info.error().kind == kind, qPrintable(QStringLiteral("%1: %2").arg(
                                            errorKindName(info.error().kind), info.error().message)));
    QVERIFY2(info.error().message.startsWith(QStringLiteral("crafted.img: ")),
             qPrintable(info.error().message));
    QVERIFY2(info.error().message.contains(mentions), qPrintable(info.error().message));
}

void TestImageProbe::pixelLimit() {
    QByteArray huge = pngFile(100000, 100000, 1, 0);
    QBuffer buffer(&huge);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    const Result<ImageInfo> refused = probeImage(buffer, QStringLiteral("big.png"), kLimit);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::TooLarge);
    QCOMPARE(refused.error().message,
             QStringLiteral(
                 "big.png: 100000×100000 = 10000.0 MP exceeds the pixel limit (max pixels) of 180.0 MP"));
    // Within the limit (0: none; exactly at it) the header passes the pixel limit; this header-only file
    // is then refused as too small to hold its pixels (io/PlausibleFileSize), not as too large.
    for (const qint64 limit : {qint64(0), qint64(10'000'000'000)}) {
        const Result<ImageInfo> passed = probeImage(buffer, QStringLiteral("big.png"), limit);
        QVERIFY(!passed.ok());
        QCOMPARE(passed.error().kind, ErrorKind::Corrupt);
        QVERIFY2(passed.error().message.contains(u"cannot hold"), qPrintable(passed.error().message));
    }
    QCOMPARE(probeImage(buffer, QStringLiteral("big.png"), 9'999'999'999).error().kind, ErrorKind::TooLarge);
}

void TestImageProbe::readsOnlyHeaders() {
    // 600 KB of APP2 (like a big ICC profile) before the frame header, then 1 MB of scan data.
    QByteArray segments = jpegSegment(0xE0, QByteArray("JFIF\0\1\1\0\0\1\0\1\0\0", 14));
    for (int i = 0; i < 10; ++i)
        segments += jpegSegment(0xE2, QByteArray("ICC_PROFILE\0", 12) + QByteArray(60000, char(i)));
    segments += jpegSegment(0xC0, sofPayload(8, 480, 640, {{1, 1, 1}}));
    QByteArray file = jpegFile(segments);
    file.insert(file.size() - 2, QByteArray(1 << 20, 'x'));
    const QString path = m_dir.filePath(QStringLiteral("big-icc.jpg"));
    QVERIFY(writeBytes(path, file));
    CountingFile counting(path);
    QVERIFY(counting.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
    const Result<ImageInfo> info = probeImage(counting, path, kLimit);
    QVERIFY(info.ok());
    QCOMPARE(info->width, 640);
    QVERIFY2(counting.bytesRead() < 64 * 1024, qPrintable(QString::number(counting.bytesRead())));
}

void TestImageProbe::fileErrors() {
    const Result<ImageInfo> missing = probeImage(m_dir.filePath(QStringLiteral("no-such-file.jpg")), kLimit);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);
    QVERIFY(missing.error().message.contains(QStringLiteral("no-such-file.jpg")));
    const Result<ImageInfo> folder = probeImage(m_dir.path(), kLimit);
    QVERIFY(!folder.ok());
    QCOMPARE(folder.error().kind, ErrorKind::Io);
}

void TestImageProbe::unreadableFile() {
    const QString unreadable = m_dir.filePath(QStringLiteral("unreadable.png"));
    QVERIFY(writeBytes(unreadable, pngFile(5, 7, 8, 2)));
    QFile::setPermissions(unreadable, QFileDevice::WriteOwner);
    QFile probeOpen(unreadable);
    if (probeOpen.open(QIODevice::ReadOnly))
        QSKIP("running with privileges that ignore file permissions");
    const Result<ImageInfo> denied = probeImage(unreadable, kLimit);
    QVERIFY(!denied.ok());
    QCOMPARE(denied.error().kind, ErrorKind::Io);
}

void TestImageProbe::truncatedAndMutatedNeverCrash() {
    std::mt19937 rng(42);
    for (const char* kind :
         {"color.jpg", "restart.jpg", "palette-trns.png", "exif6.png", "gray8.bmp", "palette4.bmp",
          "rgb8.tif", "be-rgb8-o3.tif", "lossy.webp", "alpha.webp", "binary.ppm"}) {
        const QByteArray original = readBytes(generate(kind, m_dir));
        QVERIFY(!original.isEmpty());
        const auto check = [&](QByteArray bytes, const char* what, int n) {
            QBuffer buffer(&bytes);
            buffer.open(QIODevice::ReadOnly);
            const Result<ImageInfo> info = probeImage(buffer, QStringLiteral("fuzz"), kLimit);
            if (info.ok()) {
                QVERIFY(info->width > 0 && info->height > 0 && info->pixelCount() <= kLimit);
                QVERIFY(info->orientation >= 1 && info->orientation <= 8);
            } else {
                QVERIFY2(info.error().message.startsWith(QStringLiteral("fuzz: ")),
                         qPrintable(QStringLiteral("%1 %2 %3").arg(kind, what).arg(n)));
            }
        };
        for (qsizetype n = 0; n < std::min<qsizetype>(original.size(), 2048); ++n)
            check(original.left(n), "prefix", int(n));
        for (int i = 0; i < 300; ++i) {
            QByteArray mutated = original;
            for (int flips = 1 + int(rng() % 4); flips > 0; --flips)
                mutated[qsizetype(rng() % quint32(std::min<qsizetype>(mutated.size(), 512)))] = char(rng());
            check(mutated, "mutation", i);
        }
    }
}

QTEST_GUILESS_MAIN(TestImageProbe)
#include "test_image_probe.moc"
