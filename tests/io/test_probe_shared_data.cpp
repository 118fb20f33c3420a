// SPDX-License-Identifier: GPL-3.0-or-later
// probeImage() on the real files in shared/data: every edge case gives a sane ImageInfo or a clear
// error (ImageMagick's sizes from INDEX.tsv as the independent answer), JPEG headers agree with libjpeg's
// jpeg_read_header(), EXIF orientations are right, and bombs are refused after reading a few kilobytes.

#include "ProbeTestSupport.h"
#include "TestUtils.h"
#include "io/ImageProbe.h"

#include <QDir>
#include <QDirIterator>
#include <QRegularExpression>
#include <QTest>

#include <csetjmp>
#include <cstdio>
#include <jpeglib.h>

using namespace cropdeck;
using namespace cropdeck::test;

Q_DECLARE_METATYPE(cropdeck::ErrorKind)

namespace {

constexpr qint64 kLimit = 180'000'000;

QString edgeCaseDir() {
    return sharedDataDir() + QStringLiteral("/edge_cases");
}

// What libjpeg itself makes of a JPEG header.
struct LibjpegHeader {
    bool ok = false;
    int width = 0, height = 0, components = 0, precision = 0, restartInterval = 0;
    bool progressive = false, arithmetic = false;
    J_COLOR_SPACE colorSpace = JCS_UNKNOWN;
    int maxH = 1, maxV = 1;
};

struct ErrorManager {
    jpeg_error_mgr base;
    std::jmp_buf jump;
};

void onJpegError(j_common_ptr info) {
    std::longjmp(reinterpret_cast<ErrorManager*>(info->err)->jump, 1);
}
void onJpegMessage(j_common_ptr, int) {}

LibjpegHeader readWithLibjpeg(const QByteArray& bytes) {
    LibjpegHeader h;
    jpeg_decompress_struct info{};
    ErrorManager errors{};
    info.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = onJpegError;
    errors.base.emit_message = onJpegMessage;
    jpeg_create_decompress(&info);
    if (setjmp(errors.jump) == 0) {
        jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.constData()),
                     static_cast<unsigned long>(bytes.size()));
        jpeg_read_header(&info, TRUE);
        h = {true,
             int(info.image_width),
             int(info.image_height),
             info.num_components,
             info.data_precision,
             int(info.restart_interval),
             info.progressive_mode != 0,
             info.arith_code != 0,
             info.jpeg_color_space,
             info.max_h_samp_factor,
             info.max_v_samp_factor};
    }
    jpeg_destroy_decompress(&info);
    return h;
}

JpegColorSpace fromLibjpeg(J_COLOR_SPACE space) {
    switch (space) {
    case JCS_GRAYSCALE:
        return JpegColorSpace::Gray;
    case JCS_YCbCr:
        return JpegColorSpace::YCbCr;
    case JCS_RGB:
        return JpegColorSpace::Rgb;
    case JCS_CMYK:
        return JpegColorSpace::Cmyk;
    case JCS_YCCK:
        return JpegColorSpace::Ycck;
    default:
        return JpegColorSpace::Unknown;
    }
}

QStringList jpegFiles() {
    QStringList files;
    for (const QString& folder : {edgeCaseDir(), sharedDataDir() + QStringLiteral("/exif_orientation"),
                                  sharedDataDir() + QStringLiteral("/raccoon_voc_csv/images")}) {
        QDirIterator it(folder, {QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"), QStringLiteral("*.mpo")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
    }
    files.sort();
    return files;
}

// Explicit outcomes for the files whose right answer is an error.
std::optional<ErrorKind> expectedError(const QString& file) {
    static const QRegularExpression pngSuiteBroken(QStringLiteral("^x(s[0-9]|c[0-9]|d[0-9]|hd|dt|cr|lf)n"));
    if (file == QLatin1String("spark.png") || file == QLatin1String("reallybig.bmp"))
        return ErrorKind::TooLarge;
    if (file.endsWith(QLatin1String(".gif")) || file.endsWith(QLatin1String(".ico")) ||
        file.endsWith(QLatin1String(".bz2")) || file.startsWith(QLatin1String("iphone_")) ||
        file == QLatin1String("iss634.webp") || file == QLatin1String("nonsense.bin"))
        return ErrorKind::Unsupported;
    if (pngSuiteBroken.match(file).hasMatch() || file == QLatin1String("broken.png") ||
        file == QLatin1String("pngtest_bad.png.bin") || file == QLatin1String("libtiff_segfault.tif"))
        return ErrorKind::Corrupt;
    return std::nullopt;
}

} // namespace

class TestProbeSharedData : public QObject {
    Q_OBJECT
private slots:
    void edgeCases_data();
    void edgeCases();
    void jpegHeadersMatchLibjpeg_data();
    void jpegHeadersMatchLibjpeg();
    void orientationExamples_data();
    void orientationExamples();
    void edgeCaseOrientations_data();
    void edgeCaseOrientations();
    void bombsAreRefusedCheaply_data();
    void bombsAreRefusedCheaply();
};

void TestProbeSharedData::edgeCases_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("imageMagick"); // the INDEX.tsv column: "OK: PNG 32x32 ..." or "rc=1: ..."
    if (sharedDataDir().isEmpty())
        return;
    QFile index(edgeCaseDir() + QStringLiteral("/INDEX.tsv"));
    QVERIFY(index.open(QIODevice::ReadOnly | QIODevice::Text));
    index.readLine(); // header
    while (!index.atEnd()) {
        const QStringList fields = QString::fromUtf8(index.readLine()).trimmed().split(QLatin1Char('\t'));
        if (fields.size() < 5)
            continue;
        const QString relative = fields[0] + QLatin1Char('/') + fields[1];
        QTest::newRow(qPrintable(relative)) << edgeCaseDir() + QLatin1Char('/') + relative << fields[4];
    }
}

void TestProbeSharedData::edgeCases() {
    CROPDECK_REQUIRE_SHARED_DATA();
    QFETCH(QString, path);
    QFETCH(QString, imageMagick);
    const QString file = QFileInfo(path).fileName();
    const Result<ImageInfo> info = probeImage(path, kLimit);
    if (const std::optional<ErrorKind> expected = expectedError(file)) {
        QVERIFY2(!info.ok(), "expected an error");
        QVERIFY2(info.error().kind == *expected, qPrintable(info.error().message));
    }
    if (!info.ok()) {
        QVERIFY2(info.error().message.startsWith(path + QStringLiteral(": ")) ||
                     info.error().message.contains(path),
                 qPrintable(info.error().message));
        QVERIFY(info.error().message.size() > path.size() + 10);
        return;
    }
    QVERIFY(info->width > 0 && info->height > 0 && info->pixelCount() <= kLimit);
    QVERIFY(info->channels >= 1 && info->channels <= 4);
    QVERIFY(info->orientation >= 1 && info->orientation <= 8);
    // Where ImageMagick read the file, the size must agree (its first frame, stored orientation).
    static const QRegularExpression sizeOk(
        QStringLiteral("^OK: (JPEG|PNG|TIFF|TIFF64|WEBP|BMP|BMP3) (\\d+)x(\\d+)"));
    const QRegularExpressionMatch m = sizeOk.match(imageMagick);
    if (m.hasMatch()) {
        QCOMPARE(info->width, m.captured(2).toInt());
        QCOMPARE(info->height, m.captured(3).toInt());
    }
}

void TestProbeSharedData::jpegHeadersMatchLibjpeg_data() {
    QTest::addColumn<QString>("path");
    if (sharedDataDir().isEmpty())
        return;
    for (const QString& path : jpegFiles())
        QTest::newRow(qPrintable(QDir(sharedDataDir()).relativeFilePath(path))) << path;
}

void TestProbeSharedData::jpegHeadersMatchLibjpeg() {
    CROPDECK_REQUIRE_SHARED_DATA();
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const LibjpegHeader expected = readWithLibjpeg(file.readAll());
    const Result<ImageInfo> info = probeImage(path, 0);
    if (!expected.ok) {
        // The 8-bit libjpeg refuses 12-bit and lossless files; the probe describes them so that the
        // decoders can say why they refuse. Any other header libjpeg refuses, the probe must refuse too.
        QVERIFY2(!info.ok() || info->bitDepth != 8 || info->lossless, "libjpeg refuses this header");
        return;
    }
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().message));
    QCOMPARE(info->width, expected.width);
    QCOMPARE(info->height, expected.height);
    QCOMPARE(info->channels, expected.components);
    QCOMPARE(info->bitDepth, expected.precision);
    QCOMPARE(info->restartInterval, expected.restartInterval);
    QCOMPARE(info->progressive, expected.progressive);
    QCOMPARE(info->arithmetic, expected.arithmetic);
    QCOMPARE(info->jpegColorSpace, fromLibjpeg(expected.colorSpace));
    QCOMPARE(info->mcuWidth, expected.components == 1 ? 8 : 8 * expected.maxH);
    QCOMPARE(info->mcuHeight, expected.components == 1 ? 8 : 8 * expected.maxV);
}

void TestProbeSharedData::orientationExamples_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("orientation");
    for (const char* kind : {"Landscape", "Portrait"})
        for (int n = 0; n <= 8; ++n)
            QTest::addRow("%s_%d", kind, n)
                << QStringLiteral("%1_%2.jpg").arg(QLatin1String(kind)).arg(n) << std::max(n, 1);
}

void TestProbeSharedData::orientationExamples() {
    CROPDECK_REQUIRE_SHARED_DATA();
    QFETCH(QString, name);
    QFETCH(int, orientation);
    const Result<ImageInfo> info =
        probeImage(sharedDataDir() + QStringLiteral("/exif_orientation/") + name, kLimit);
    QVERIFY(info.ok());
    QCOMPARE(info->orientation, orientation);
    // Every example shows an upright 1800×1200 (landscape) or 1200×1800 (portrait) picture.
    const bool landscape = name.startsWith(QLatin1String("Landscape"));
    QCOMPARE(info->uprightWidth(), landscape ? 1800 : 1200);
    QCOMPARE(info->uprightHeight(), landscape ? 1200 : 1800);
}

void TestProbeSharedData::edgeCaseOrientations_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("orientation");
    for (int n = 2; n <= 8; ++n)
        QTest::addRow("hopper_orientation_%d.jpg", n)
            << QStringLiteral("jpeg_exif_orientation/hopper_orientation_%1.jpg").arg(n) << n;
    for (int n : {2, 5, 6, 8})
        QTest::addRow("hopper_orientation_%d.webp", n)
            << QStringLiteral("webp_exif_orientation/hopper_orientation_%1.webp").arg(n) << n;
    QTest::newRow("orientation_rectangle.jpg") << "jpeg_exif_orientation/orientation_rectangle.jpg" << 8;
    QTest::newRow("empty_gps_ifd.jpg") << "jpeg_exif_orientation/empty_gps_ifd.jpg" << 6;
    QTest::newRow("kangaroo (65537 is invalid)") << "jpeg_exif_orientation/kangaroo_00103.jpg" << 1;
    QTest::newRow("multiple_exif.jpg (first segment wins)") << "jpeg_exif_orientation/multiple_exif.jpg" << 1;
    QTest::newRow("invalid-exif.jpg") << "jpeg_exif_orientation/invalid-exif.jpg" << 1;
    QTest::newRow("truncated_exif_dpi.jpg") << "jpeg_exif_orientation/truncated_exif_dpi.jpg" << 1;
    QTest::newRow("g4_orientation_6.tif (tag 274)") << "tiff/g4_orientation_6.tif" << 6;
    QTest::newRow("exif2c08.png (eXIf says 1)") << "png_exif/exif2c08.png" << 1;
}

void TestProbeSharedData::edgeCaseOrientations() {
    CROPDECK_REQUIRE_SHARED_DATA();
    QFETCH(QString, file);
    QFETCH(int, orientation);
    const Result<ImageInfo> info = probeImage(edgeCaseDir() + QLatin1Char('/') + file, kLimit);
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().message));
    QCOMPARE(info->orientation, orientation);
    if (file.endsWith(QLatin1String("orientation_rectangle.jpg"))) {
        QCOMPARE(QSize(info->width, info->height), QSize(2, 1));
        QCOMPARE(QSize(info->uprightWidth(), info->uprightHeight()), QSize(1, 2));
    }
}

void TestProbeSharedData::bombsAreRefusedCheaply_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("refused");
    QTest::addColumn<qint64>("maxBytesRead");
    QTest::newRow("spark.png 225000×225000") << "decompression_bomb/spark.png" << true << qint64(8192);
    QTest::newRow("reallybig.bmp") << "decompression_bomb/reallybig.bmp" << true << qint64(8192);
    QTest::newRow("icc_profile_big.jpg (500 KB ICC)")
        << "jpeg_progressive/icc_profile_big.jpg" << false << qint64(64 * 1024);
    QTest::newRow("png_decompression_dos.png (huge zTXt)")
        << "png_corrupt/png_decompression_dos.png" << false << qint64(16 * 1024);
    QTest::newRow("xmp_test.jpg (large XMP)")
        << "jpeg_unusual_coding/xmp_test.jpg" << false << qint64(64 * 1024);
}

void TestProbeSharedData::bombsAreRefusedCheaply() {
    CROPDECK_REQUIRE_SHARED_DATA();
    QFETCH(QString, file);
    QFETCH(bool, refused);
    QFETCH(qint64, maxBytesRead);
    const QString path = edgeCaseDir() + QLatin1Char('/') + file;
    CountingFile counting(path);
    QVERIFY(counting.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
    const Result<ImageInfo> info = probeImage(counting, path, kLimit);
    QCOMPARE(!info.ok(), refused);
    if (refused) {
        QCOMPARE(info.error().kind, ErrorKind::TooLarge);
        QVERIFY2(
            info.error().message.contains(QStringLiteral("exceeds the pixel limit (max pixels) of 180.0 MP")),
            qPrintable(info.error().message));
    }
    QVERIFY2(
        counting.bytesRead() <= maxBytesRead,
        qPrintable(QStringLiteral("read %1 of %2 bytes").arg(counting.bytesRead()).arg(counting.size())));
}

QTEST_GUILESS_MAIN(TestProbeSharedData)
#include "test_probe_shared_data.moc"
