// SPDX-License-Identifier: GPL-3.0-or-later
// io/DecodeCost: the bytes each decoder path is charged cover what it really allocates (peak RSS measured
// around a whole-image decode, Linux's /proc/self/clear_refs resetting the high-water mark), and files
// too small to hold their declared pixels are refused by the probe before anything is allocated, while
// real files (truncated ones included) still pass.

#include "IoTestFiles.h"
#include "TestUtils.h"
#include "io/BmpBandReader.h"
#include "io/DecodeCost.h"
#include "io/FileReading.h"
#include "io/ImageProbe.h"
#include "io/OpenCvDecoder.h"
#include "io/PlausibleFileSize.h"
#include "io/PngDeflateDecoder.h"
#include "io/PngRowDecoder.h"
#include "io/jpeg/JpegLosslessCrop.h"
#include "io/jpeg/JpegRegionDecoder.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

#include <functional>
#include <malloc.h>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

qint64 statusKiB(const char* field) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    return -1;
}

// Bytes the process's resident set grew by at its peak while `work` ran; -1 where Linux cannot tell.
qint64 peakGrowth(const std::function<void()>& work) {
    malloc_trim(0); // freed memory kept by malloc would hide what `work` allocates
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (!clear.open(QIODevice::WriteOnly) || clear.write("5") != 1)
        return -1;
    clear.close();
    const qint64 before = statusKiB("VmRSS:");
    work();
    const qint64 peak = statusKiB("VmHWM:");
    return before < 0 || peak < 0 ? -1 : (peak - before) * 1024;
}

ImageInfo probed(const QString& path) {
    Result<ImageInfo> info = probeImage(path, 0);
    if (!info)
        qFatal("%s", qPrintable(info.error().message));
    return *info;
}

Result<ImageInfo> probeBytes(const QByteArray& bytes) {
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return probeImage(buffer, QStringLiteral("mem.bin"), 0);
}

QByteArray bigEndian32(quint32 v) {
    QByteArray b(4, '\0');
    for (int i = 0; i < 4; ++i)
        b[i] = char((v >> (24 - 8 * i)) & 0xFF);
    return b;
}

// The IHDR of a width×height PNG (colour type 6, 16 bits) and a few bytes of IDAT.
QByteArray pngDeclaring(quint32 width, quint32 height) {
    QByteArray ihdr = bigEndian32(width) + bigEndian32(height) + QByteArray("\x10\x06\x00\x00\x00", 5);
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) +
           pngChunk("IDAT", QByteArray("\x78\x9c\x63\x00\x00", 5)) + pngChunk("IEND", {});
}

// A baseline (SOF0) or arithmetic (SOF9) JPEG header declaring width×height, 3 components 4:2:0, and a
// few bytes of scan data.
QByteArray jpegDeclaring(int width, int height, int sof = 0xC0) {
    QByteArray j("\xFF\xD8", 2);
    const char sofData[] = {8,
                            char(height >> 8),
                            char(height & 255),
                            char(width >> 8),
                            char(width & 255),
                            3,
                            1,
                            0x22,
                            0,
                            2,
                            0x11,
                            1,
                            3,
                            0x11,
                            1};
    j += QByteArray("\xFF", 1) + char(sof) + QByteArray("\x00\x11", 2) + QByteArray(sofData, sizeof sofData);
    j += QByteArray("\xFF\xDA\x00\x0C\x03\x01\x00\x02\x11\x03\x11\x00\x3F\x00", 14);
    j += QByteArray(32, '\0') + QByteArray("\xFF\xD9", 2);
    return j;
}

} // namespace

class TestDecodeCost : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString write(const QString& name, const cv::Mat& image, const std::vector<int>& params = {}) {
        const QString path = m_dir.filePath(name);
        if (!writeWithOpenCv(path, image, params))
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    // Measures one whole-image decode through `path` and compares it with the charge.
    void check(const QString& file, DecodePath path, const std::function<bool(const ImageInfo&)>& decode) {
        const ImageInfo info = probed(file);
        const qint64 charged = decodePathBytes(path, info, QRect(0, 0, info.width, info.height));
        bool ok = false;
        const qint64 measured = peakGrowth([&] { ok = decode(info); });
        QVERIFY2(ok, qPrintable(file));
#if defined(__SANITIZE_ADDRESS__)
        QSKIP("under AddressSanitizer, its shadow memory and quarantine are part of every allocation");
#endif
        if (measured < 0)
            QSKIP("this system cannot reset the peak RSS (/proc/self/clear_refs)");
        qInfo("%-14s %-28s measured %7.1f MiB, charged %7.1f MiB (whole-image estimate %7.1f MiB)",
              decodePathName(path), qPrintable(QFileInfo(file).fileName()), double(measured) / 1048576.0,
              double(charged) / 1048576.0, double(estimateDecodeBytes(info)) / 1048576.0);
        QVERIFY2(measured <= charged, qPrintable(QStringLiteral("%1: %2 allocated %3 bytes, charged %4")
                                                     .arg(file, QLatin1String(decodePathName(path)))
                                                     .arg(measured)
                                                     .arg(charged)));
        if (path == costliestDecodePath(info))
            QCOMPARE(estimateDecodeBytes(info), charged);
    }

    static DecodeRequest whole(const ImageInfo& info) {
        return DecodeRequest{QRect(0, 0, info.width, info.height), 1, FailOn::Error, nullptr};
    }

private slots:
    void chargesCoverWhatDecodersAllocate() {
        const cv::Mat rgb = makeTestImage(3000, 2000, 3, CV_8U, 7);
        const cv::Mat rgba16 = makeTestImage(1500, 1000, 4, CV_16U, 8);
        const QString jpeg = write("base.jpg", rgb, {cv::IMWRITE_JPEG_QUALITY, 90});
        const QString progressive =
            write("prog.jpg", rgb, {cv::IMWRITE_JPEG_QUALITY, 90, cv::IMWRITE_JPEG_PROGRESSIVE, 1});
        const QString png = write("rgb.png", rgb, {cv::IMWRITE_PNG_COMPRESSION, 1});
        const QString png16 = write("rgba16.png", rgba16, {cv::IMWRITE_PNG_COMPRESSION, 1});
        const QString bmp = write("rgb.bmp", rgb);
        const QString tiff = write("rgb.tif", rgb);
        const QString tiff16 = write("rgba16.tif", rgba16);
        const QString webp = write("rgb.webp", rgb, {cv::IMWRITE_WEBP_QUALITY, 90});
        const QString ppm = write("rgb.ppm", rgb);

        const auto fromBytes = [](const QString& file, const auto& decodeBytes) {
            return [file, decodeBytes](const ImageInfo& info) {
                Result<QByteArray> bytes = readWholeFile(file);
                return bytes && decodeBytes(*bytes, info);
            };
        };
        const auto jpegRegion = [&](const QString& file) {
            return fromBytes(file, [file](const QByteArray& bytes, const ImageInfo& info) {
                return bool(decodeJpegRegion(bytes, whole(info), file));
            });
        };
        check(jpeg, DecodePath::JpegRegion, jpegRegion(jpeg));
        check(progressive, DecodePath::JpegRegion, jpegRegion(progressive));
        check(jpeg, DecodePath::JpegLossless,
              fromBytes(jpeg, [](const QByteArray& bytes, const ImageInfo& info) {
                  return bool(cropJpegLossless(bytes, QRect(0, 0, info.width, info.height), 1, QString()));
              }));
        check(png, DecodePath::PngRows,
              [&](const ImageInfo& info) { return bool(decodePngRegion(png, info, whole(info))); });
        check(png16, DecodePath::PngRows,
              [&](const ImageInfo& info) { return bool(decodePngRegion(png16, info, whole(info))); });
        check(png, DecodePath::PngWholeInflate, [&](const ImageInfo& info) {
            return bool(decodePngRegionWholeInflate(png, info, whole(info)));
        });
        check(bmp, DecodePath::BmpBands,
              [&](const ImageInfo& info) { return bool(decodeBmpRegion(bmp, info, whole(info))); });
        for (const QString& file : {jpeg, png16, bmp, tiff, tiff16, webp, ppm})
            check(file, DecodePath::OpenCv,
                  fromBytes(file, [file](const QByteArray& bytes, const ImageInfo& info) {
                      return bool(decodeWithOpenCv(bytes, info, whole(info), file));
                  }));
    }

    void estimateCoversTheOpenCvFallback() {
        // TIFF, WebP and PNM are OpenCV's; a CMYK JPEG falls back to it. The estimate charges that path.
        const cv::Mat rgb = makeTestImage(400, 300, 3, CV_8U, 3);
        const ImageInfo tiff = probed(write("small.tif", rgb));
        QCOMPARE(costliestDecodePath(tiff), DecodePath::OpenCv);
        ImageInfo cmyk = probed(write("small.jpg", rgb));
        QCOMPARE(costliestDecodePath(cmyk), DecodePath::JpegRegion);
        cmyk.channels = 4;
        cmyk.jpegColorSpace = JpegColorSpace::Cmyk;
        QCOMPARE(costliestDecodePath(cmyk), DecodePath::OpenCv);
    }

    void overBudgetMessageNamesFileSizeAndBudget() {
        ImageInfo info;
        info.format = ImageFormat::Tiff;
        info.width = info.height = 13000;
        info.channels = 3;
        info.tiffChunkWidth = 13000;
        info.tiffChunkHeight = 1;
        info.fileSize = 500 << 20;
        const qint64 needed = estimateDecodeBytes(info);
        QVERIFY(needed > qint64(13000) * 13000 * 3); // the pixels and the file at least
        const Error error = decodeOverBudget(QStringLiteral("big.tif"), info, needed, qint64(512) << 20);
        QCOMPARE(error.kind, ErrorKind::TooLarge);
        QVERIFY2(error.message.startsWith(u"big.tif: decoding this 13000×13000 TIFF image needs about "),
                 qPrintable(error.message));
        QVERIFY2(error.message.contains(u"memory budget (max memory) of 512 MiB"), qPrintable(error.message));
    }

    void fileTooSmallForItsPixelsIsRefused_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("refused");
        QTest::newRow("png 170000000x1 rgba16 in 62 bytes") << pngDeclaring(170000000, 1) << true;
        QTest::newRow("png 30000x30000 in 62 bytes") << pngDeclaring(30000, 30000) << true;
        QTest::newRow("png 200x200 in 62 bytes (small: allowed)") << pngDeclaring(200, 200) << false;
        QTest::newRow("jpeg 60000x60000 in 100 bytes") << jpegDeclaring(60000, 60000) << true;
        QTest::newRow("jpeg 3000x2000 in 100 bytes (a cut file may hold that little)")
            << jpegDeclaring(3000, 2000) << false;
        QTest::newRow("arithmetic jpeg 60000x60000: no bound") << jpegDeclaring(60000, 60000, 0xC9) << false;
    }

    void fileTooSmallForItsPixelsIsRefused() {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, refused);
        const Result<ImageInfo> info = probeBytes(bytes);
        if (!refused) {
            QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
            return;
        }
        QVERIFY(!info);
        QCOMPARE(info.error().kind, ErrorKind::Corrupt);
        const QString& message = info.error().message;
        QVERIFY2(message.startsWith(u"mem.bin: the header declares "), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("file of %1 bytes cannot hold").arg(bytes.size())),
                 qPrintable(message));
    }

    void realFilesPass() {
        // Every format at its best compression (flat pixels), and a BMP cut short (it still decodes in part).
        const cv::Mat flat(2000, 3000, CV_8UC3, cv::Scalar(9, 9, 9));
        for (const char* name : {"flat.png", "flat.jpg", "flat.tif", "flat.bmp", "flat.ppm", "flat.webp"}) {
            const QString path = write(QString::fromLatin1(name), flat, {cv::IMWRITE_PNG_COMPRESSION, 9});
            const Result<ImageInfo> info = probeImage(path, 0);
            QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
        }
        // A flat palette TIFF, deflated about 1000:1: the probe reports three colour channels, the file
        // stores one index per pixel.
        ImageInfo palette;
        palette.format = ImageFormat::Tiff;
        palette.width = palette.height = 10000;
        palette.channels = 3;
        palette.tiffCompression = 8;
        palette.fileSize = 100 * 1000;
        QVERIFY(checkFileCanHoldImage(palette, QStringLiteral("palette.tif")));
        palette.fileSize = 1000;
        QVERIFY(!checkFileCanHoldImage(palette, QStringLiteral("palette.tif")));
        const QByteArray bmp = readBytes(m_dir.filePath(QStringLiteral("flat.bmp")));
        QVERIFY(writeBytes(m_dir.filePath(QStringLiteral("cut.bmp")), bmp.left(bmp.size() / 20)));
        const Result<ImageInfo> cut = probeImage(m_dir.filePath(QStringLiteral("cut.bmp")), 0);
        QVERIFY2(cut, qPrintable(cut ? QString() : cut.error().message));
    }
};

QTEST_GUILESS_MAIN(TestDecodeCost)
#include "test_decode_cost.moc"
