// SPDX-License-Identifier: GPL-3.0-or-later
// decodeWithOpenCv() and normalizeDecoded(): regions of TIFF, WebP and PNM files equal the reference,
// TIFF orientation is undone (stored pixels), errors are values; readWholeFile().

#include "DecoderTestSupport.h"
#include "IoTestFiles.h"
#include "TestUtils.h"
#include "geometry/OrientPixels.h"
#include "io/FileReading.h"
#include "io/ImageProbe.h"
#include "io/OpenCvDecoder.h"
#include "io/OpenCvLogging.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

Result<DecodedRegion> decodeFromPath(const QString& path, const ImageInfo& info,
                                     const DecodeRequest& request) {
    const Result<QByteArray> bytes = readWholeFile(path);
    if (!bytes)
        return bytes.error();
    return decodeWithOpenCv(*bytes, info, request, path);
}

Result<DecodedRegion> decodeAll(const QString& path) {
    const Result<ImageInfo> info = probeImage(path, 0);
    if (!info)
        return info.error();
    return decodeFromPath(path, *info,
                          DecodeRequest{QRect(0, 0, info->width, info->height), 1, FailOn::Error, nullptr});
}

QString sharedFile(const QString& relative) {
    return sharedDataDir() + QStringLiteral("/edge_cases/") + relative;
}

} // namespace

class TestOpenCvDecoder : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void normalizeSixteenBitRounds();
    void normalizeTwoChannelsKeepsGray();
    void generated_data();
    void generated();
    void tiffOrientationGivesStoredPixels_data();
    void tiffOrientationGivesStoredPixels();
    void translucentTiffMatchesReference();
    void sharedTiffAndWebp_data();
    void sharedTiffAndWebp();
    void errors();
    void readWholeFileErrors();
    void failureReasonReplacesOpenCvLog();

private:
    QTemporaryDir m_dir;
};

void TestOpenCvDecoder::normalizeSixteenBitRounds() {
    cv::Mat all(256, 256, CV_16UC1);
    for (int v = 0; v < 65536; ++v)
        all.at<ushort>(v / 256, v % 256) = ushort(v);
    const cv::Mat normalized = normalizeDecoded(all);
    QCOMPARE(normalized.type(), CV_8UC1);
    for (int v = 0; v < 65536; ++v)
        QCOMPARE(int(normalized.at<uchar>(v / 256, v % 256)), int(std::lround(v / 257.0)));
    const cv::Mat eight = makeTestImage(5, 4, 3, CV_8U, 1);
    QCOMPARE(differingPixels(normalizeDecoded(eight), eight), 0);
}

void TestOpenCvDecoder::normalizeTwoChannelsKeepsGray() {
    const cv::Mat grayAlpha = makeTestImage(7, 3, 2, CV_16U, 2);
    const cv::Mat normalized = normalizeDecoded(grayAlpha);
    QCOMPARE(normalized.type(), CV_8UC1);
    for (int y = 0; y < 3; ++y)
        for (int x = 0; x < 7; ++x)
            QCOMPARE(int(normalized.at<uchar>(y, x)),
                     int(std::lround(grayAlpha.at<cv::Vec2w>(y, x)[0] / 257.0)));
}

void TestOpenCvDecoder::generated_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("depth");
    QTest::addColumn<std::vector<int>>("params");
    QTest::newRow("tiff gray8") << "g8.tif" << 1 << CV_8U << std::vector<int>{};
    QTest::newRow("tiff bgr8") << "c8.tif" << 3 << CV_8U << std::vector<int>{};
    QTest::newRow("tiff bgra8") << "a8.tif" << 4 << CV_8U << std::vector<int>{};
    QTest::newRow("tiff gray16") << "g16.tif" << 1 << CV_16U << std::vector<int>{};
    QTest::newRow("tiff bgr16") << "c16.tif" << 3 << CV_16U << std::vector<int>{};
    QTest::newRow("webp lossy") << "lossy.webp" << 3 << CV_8U
                                << std::vector<int>{cv::IMWRITE_WEBP_QUALITY, 75};
    QTest::newRow("webp lossless") << "lossless.webp" << 3 << CV_8U
                                   << std::vector<int>{cv::IMWRITE_WEBP_QUALITY, 101};
    QTest::newRow("webp alpha") << "alpha.webp" << 4 << CV_8U << std::vector<int>{};
    QTest::newRow("pgm") << "g.pgm" << 1 << CV_8U << std::vector<int>{};
    QTest::newRow("pgm 16-bit") << "g16.pgm" << 1 << CV_16U << std::vector<int>{};
    QTest::newRow("ppm ascii") << "c.ppm" << 3 << CV_8U << std::vector<int>{cv::IMWRITE_PXM_BINARY, 0};
}

void TestOpenCvDecoder::generated() {
    QFETCH(QString, name);
    QFETCH(int, channels);
    QFETCH(int, depth);
    QFETCH(std::vector<int>, params);
    const QString path = m_dir.filePath(name);
    QVERIFY(
        writeWithOpenCv(path, makeTestImage(83, 57, channels, depth, unsigned(channels + depth)), params));
    const QString problem = compareWindowsWithReference(path, decodeFromPath, 25, 4, "opencv");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestOpenCvDecoder::tiffOrientationGivesStoredPixels_data() {
    QTest::addColumn<int>("orientation");
    QTest::addColumn<int>("samples");
    QTest::addColumn<int>("depth");
    QTest::addColumn<bool>("littleEndian");
    for (int o = 1; o <= 8; ++o) {
        QTest::addRow("gray8 o%d", o) << o << 1 << CV_8U << true;
        QTest::addRow("rgb8 o%d MM", o) << o << 3 << CV_8U << false;
        QTest::addRow("gray16 o%d", o) << o << 1 << CV_16U << true;
        QTest::addRow("rgba8 o%d", o) << o << 4 << CV_8U << true;
    }
}

void TestOpenCvDecoder::tiffOrientationGivesStoredPixels() {
    QFETCH(int, orientation);
    QFETCH(int, samples);
    QFETCH(int, depth);
    QFETCH(bool, littleEndian);
    cv::Mat fileSamples = makeTestImage(29, 13, samples, depth, unsigned(orientation));
    // OpenCV's TIFF RGBA path premultiplies unassociated alpha; with opaque alpha that is the identity,
    // so the stored samples stay the expectation. (Translucent RGBA is compared with the reference below.)
    if (samples == 4)
        cv::mixChannels(std::vector<cv::Mat>{cv::Mat(fileSamples.size(), CV_8UC1, cv::Scalar(255))},
                        std::vector<cv::Mat>{fileSamples}, {0, 3});
    const QString path = m_dir.filePath(QStringLiteral("oriented.tif"));
    QVERIFY(writeBytes(path, makeTiff(fileSamples, littleEndian, orientation)));
    // What the file stores, in CropDeck's convention (BGR order, 8 bits).
    cv::Mat stored = normalizeDecoded(fileSamples);
    if (samples == 3)
        cv::cvtColor(stored, stored, cv::COLOR_RGB2BGR);
    if (samples == 4)
        cv::cvtColor(stored, stored, cv::COLOR_RGBA2BGRA);
    const Result<DecodedRegion> decoded = decodeAll(path);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QVERIFY2(differingPixels(decoded->pixels, stored) == 0,
             qPrintable(describeDifference(decoded->pixels, stored)));
    // And a region of it is the same region of the stored pixels.
    const Result<ImageInfo> info = probeImage(path, 0);
    QVERIFY(info.ok());
    const Result<DecodedRegion> part =
        decodeFromPath(path, *info, DecodeRequest{QRect(3, 2, 20, 9), 1, FailOn::Error, nullptr});
    QVERIFY(part.ok());
    QCOMPARE(differingPixels(part->pixels, stored(cv::Rect(3, 2, 20, 9))), 0);
    // Oriented back, the stored pixels are what OpenCV itself returns.
    const cv::Mat upright = applyOrientation(decoded->pixels, orientation);
    QCOMPARE(differingPixels(upright, referenceDecode(path)), 0);
}

void TestOpenCvDecoder::translucentTiffMatchesReference() {
    const QString path = m_dir.filePath(QStringLiteral("translucent.tif"));
    QVERIFY(writeBytes(path, makeTiff(makeTestImage(31, 17, 4, CV_8U, 5), true, 6)));
    const Result<DecodedRegion> decoded = decodeAll(path);
    QVERIFY(decoded.ok());
    QCOMPARE(differingPixels(applyOrientation(decoded->pixels, 6), referenceDecode(path)), 0);
}

void TestOpenCvDecoder::sharedTiffAndWebp_data() {
    QTest::addColumn<QString>("path");
    if (sharedDataDir().isEmpty())
        return;
    for (const char* folder : {"tiff", "webp", "webp_exif_orientation"}) {
        const QDir dir(sharedFile(QString::fromLatin1(folder)));
        for (const QString& name : dir.entryList(QDir::Files))
            QTest::newRow(qPrintable(QStringLiteral("%1/%2").arg(folder, name))) << dir.filePath(name);
    }
    QTest::newRow("decompression_bomb/libtiff_segfault.tif")
        << sharedFile(QStringLiteral("decompression_bomb/libtiff_segfault.tif"));
    QTest::newRow("decompression_bomb/oom.tif")
        << sharedFile(QStringLiteral("decompression_bomb/oom-225817ca0f8c663be7ab4b9e717b02c661e66834.tif"));
}

void TestOpenCvDecoder::sharedTiffAndWebp() {
    CROPDECK_REQUIRE_SHARED_DATA();
    QFETCH(QString, path);
    const Result<ImageInfo> info = probeImage(path, 180'000'000);
    if (!info) {
        QVERIFY2(info.error().message.startsWith(path), qPrintable(info.error().message));
        return; // the probe refused it with a clear error (animated WebP, broken TIFF directory...)
    }
    const Result<DecodedRegion> decoded = decodeAll(path);
    const cv::Mat reference = referenceDecode(path);
    if (!decoded) {
        QVERIFY2(reference.empty(),
                 qPrintable(QStringLiteral("OpenCV decodes it, but: ") + decoded.error().message));
        QVERIFY2(decoded.error().message.contains(path), qPrintable(decoded.error().message));
        return;
    }
    QCOMPARE(decoded->pixels.cols, info->width);
    QCOMPARE(decoded->pixels.rows, info->height);
    // The reference is OpenCV's own decode, upright for TIFF; ours is stored pixels.
    const cv::Mat upright = info->format == ImageFormat::Tiff
                                ? applyOrientation(decoded->pixels, info->orientation)
                                : decoded->pixels;
    QVERIFY2(differingPixels(upright, reference) == 0, qPrintable(describeDifference(upright, reference)));
}

void TestOpenCvDecoder::errors() {
    ImageInfo info;
    info.format = ImageFormat::WebP;
    info.width = 10;
    info.height = 10;
    const DecodeRequest whole{QRect(0, 0, 10, 10), 1, FailOn::Error, nullptr};
    const auto kind = [&](QByteArrayView data, const DecodeRequest& request) {
        const Result<DecodedRegion> d = decodeWithOpenCv(data, info, request, QStringLiteral("x.webp"));
        return d.ok() ? std::optional<ErrorKind>() : std::optional<ErrorKind>(d.error().kind);
    };
    QCOMPARE(kind(QByteArrayView(), whole), std::optional<ErrorKind>(ErrorKind::Corrupt));
    const Result<DecodedRegion> garbage =
        decodeWithOpenCv(QByteArrayView("not an image at all"), info, whole, QStringLiteral("x.webp"));
    QVERIFY(!garbage.ok());
    QCOMPARE(garbage.error().message, QStringLiteral("x.webp: the image data could not be decoded (OpenCV)"));
    QCOMPARE(kind("abc", DecodeRequest{QRect(5, 5, 6, 6), 1, FailOn::Error, nullptr}),
             std::optional<ErrorKind>(ErrorKind::Invalid));
    QCOMPARE(kind("abc", DecodeRequest{QRect(0, 0, 10, 10), 2, FailOn::Error, nullptr}),
             std::optional<ErrorKind>(ErrorKind::Invalid));
    std::atomic_bool cancelFlag{true};
    QCOMPARE(kind("abc", DecodeRequest{QRect(0, 0, 10, 10), 1, FailOn::Error, &cancelFlag}),
             std::optional<ErrorKind>(ErrorKind::Cancelled));
    // A header that disagrees with the pixels (a probe of another file) is caught, not cropped out of bounds.
    const QString path = m_dir.filePath(QStringLiteral("small.webp"));
    QVERIFY(writeWithOpenCv(path, makeTestImage(8, 10, 3, CV_8U, 3)));
    const QByteArray bytes = readBytes(path);
    QCOMPARE(kind(bytes, whole), std::optional<ErrorKind>(ErrorKind::Corrupt));
    // A float image (PFM) decodes, but CropDeck cannot use 32-bit float pixels.
    const QString pfm = m_dir.filePath(QStringLiteral("f.pfm"));
    QVERIFY(writeWithOpenCv(pfm, cv::Mat(10, 10, CV_32FC3, cv::Scalar(0.5, 0.25, 1.0))));
    QCOMPARE(kind(readBytes(pfm), whole), std::optional<ErrorKind>(ErrorKind::Unsupported));
}

void TestOpenCvDecoder::readWholeFileErrors() {
    const Result<QByteArray> missing = readWholeFile(m_dir.filePath(QStringLiteral("none")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);
    const Result<QByteArray> folder = readWholeFile(m_dir.path());
    QVERIFY(!folder.ok());
    QCOMPARE(folder.error().kind, ErrorKind::Io);
    const QByteArray content = QByteArray(100000, 'q') + QByteArray("end", 3);
    const QString path = m_dir.filePath(QStringLiteral("content.bin"));
    QVERIFY(writeBytes(path, content));
    const Result<QByteArray> read = readWholeFile(path);
    QVERIFY(read.ok());
    QCOMPARE(*read, content);
}

// OpenCV logs why imdecode failed ("[ WARN:0@...] imdecode_(''): can't read data: ...") on stderr and
// returns an empty image; the decoder silences that log and puts the reason into the image's error.
void TestOpenCvDecoder::failureReasonReplacesOpenCvLog() {
    // An uncompressed strip that runs past the end of the file: libtiff fails inside OpenCV's readData().
    const cv::Mat samples = makeTestImage(300, 200, 3, CV_8U, 5);
    QByteArray whole = makeTiff(samples, true, 1);
    const QByteArray stripOffsets("\x11\x01\x04\x00\x01\x00\x00\x00\x08\x00\x00\x00", 12);
    const qsizetype entry = whole.indexOf(stripOffsets);
    QVERIFY(entry > 0);
    const quint32 late = quint32(whole.size() - 1000);
    for (int i = 0; i < 4; ++i)
        whole[entry + 8 + i] = char((late >> (8 * i)) & 0xFF);
    ImageInfo info;
    info.format = ImageFormat::Tiff;
    info.width = 300;
    info.height = 200;
    info.channels = 3;
    const QByteArray& cut = whole;
    const Result<DecodedRegion> decoded =
        decodeWithOpenCv(cut, info, DecodeRequest{QRect(0, 0, 300, 200), 1, FailOn::Error, nullptr},
                         QStringLiteral("cut.tif"));
    QVERIFY(!decoded);
    QCOMPARE(cv::utils::logging::getLogLevel(), cv::utils::logging::LOG_LEVEL_SILENT);
    QVERIFY2(decoded.error().message.startsWith(u"cut.tif: OpenCV failed to decode it: "),
             qPrintable(decoded.error().message));
    QVERIFY2(decoded.error().message.contains(u"TIFF"), qPrintable(decoded.error().message));
    QVERIFY(takeOpenCvFailure().isEmpty()); // taken once, by the decoder
}

QTEST_GUILESS_MAIN(TestOpenCvDecoder)
#include "test_opencv_decoder.moc"
