// SPDX-License-Identifier: GPL-3.0-or-later
// The JPEG paths on real files made by other encoders (../shared/data): identical pixels where the file
// is sound, errors that name the file and the problem where it is not, and never a crash, whatever the
// FailOn policy.

#include "JpegTestImages.h"
#include "TestUtils.h"
#include "io/jpeg/JpegHeader.h"
#include "io/jpeg/JpegLosslessCrop.h"
#include "io/jpeg/JpegRegionDecoder.h"
#include "io/jpeg/JpegRestartDecoder.h"

#include <QFileInfo>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

#include <random>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

const char* const kSoundFiles[] = {
    "edge_cases/jpeg_cmyk/pil_sample_rgb.jpg",
    "edge_cases/jpeg_exif_orientation/broken_exif_dpi.jpg",
    "edge_cases/jpeg_exif_orientation/exif-dpi-zerodivision.jpg",
    "edge_cases/jpeg_exif_orientation/hopper_orientation_6.jpg",
    "edge_cases/jpeg_exif_orientation/kangaroo_00103.jpg",
    "edge_cases/jpeg_exif_orientation/multiple_exif.jpg",
    "edge_cases/jpeg_exif_orientation/orientation_rectangle.jpg",
    "edge_cases/jpeg_exif_orientation/truncated_exif_dpi.jpg",
    "edge_cases/jpeg_grayscale/hopper_gray.jpg",
    "edge_cases/jpeg_grayscale/icc-after-SOF.jpg",
    "edge_cases/jpeg_grayscale/jfif_unit_cm.jpg",
    "edge_cases/jpeg_grayscale/raccoon-150.jpg",
    "edge_cases/jpeg_progressive/app13-multiple.jpg",
    "edge_cases/jpeg_progressive/icc_profile_big.jpg",
    "edge_cases/jpeg_unusual_coding/frozenpond.mpo",
    "edge_cases/jpeg_unusual_coding/hopper_16bit_qtables.jpg",
    "edge_cases/jpeg_unusual_coding/testimgari.jpg",
    "edge_cases/jpeg_unusual_coding/testorig.jpg",
    "edge_cases/jpeg_unusual_coding/xmp_test.jpg",
    "raccoon_voc_csv/images/raccoon-1.jpg",
    "raccoon_voc_csv/images/raccoon-100.jpg",
    "raccoon_voc_csv/images/raccoon-160.jpg",
    "exif_orientation/Portrait_5.jpg",
};

// Sound pixels, but libjpeg warns about extraneous bytes: only FailOn::Error refuses them.
const char* const kWarningFiles[] = {
    "edge_cases/jpeg_cmyk/truncated_app14.jpg",
    "edge_cases/jpeg_corrupt/hopper_bad_exif.jpg",
    "edge_cases/jpeg_corrupt/jpeg_ff00_header.jpg",
    "edge_cases/jpeg_corrupt/junk_jpeg_header.jpg",
    "edge_cases/jpeg_corrupt/photoshop-200dpi-broken.jpg",
};

const char* const kTruncatedFiles[] = {
    "edge_cases/jpeg_corrupt/pillars-1024x1024-truncated.jpg",
    "edge_cases/jpeg_progressive/truncated_jpeg.jpg",
    "edge_cases/jpeg_unusual_coding/ultrahdr.jpg", // its main image stops 14 bytes into the scan
};

QString dataPath(const char* relative) {
    return sharedDataDir() + QLatin1Char('/') + QLatin1String(relative);
}

QByteArray where(const QString& file, const QRect& r, int scale) {
    return QStringLiteral("%1 %2,%3 %4x%5 1/%6")
        .arg(QFileInfo(file).fileName())
        .arg(r.x())
        .arg(r.y())
        .arg(r.width())
        .arg(r.height())
        .arg(scale)
        .toUtf8();
}

int reducedFlag(int channels, int scale) {
    const int colour[] = {cv::IMREAD_REDUCED_COLOR_2, cv::IMREAD_REDUCED_COLOR_4, cv::IMREAD_REDUCED_COLOR_8};
    const int gray[] = {cv::IMREAD_REDUCED_GRAYSCALE_2, cv::IMREAD_REDUCED_GRAYSCALE_4,
                        cv::IMREAD_REDUCED_GRAYSCALE_8};
    const int i = scale == 2 ? 0 : scale == 4 ? 1 : 2;
    return channels == 3 ? colour[i] : gray[i];
}

// Both region paths against `reference` (the decode at `scale`) on seeded windows.
void checkWindows(const QString& path, const QByteArray& bytes, const cv::Mat& fullSize, int scale,
                  FailOn failOn) {
    const cv::Mat reference =
        scale == 1 ? fullSize : opencvDecode(bytes, reducedFlag(fullSize.channels(), scale));
    QVERIFY(!reference.empty());
    for (const QRect& window : testWindows(fullSize.cols, fullSize.rows, 6, 11 * scale)) {
        DecodeRequest request;
        request.region = window;
        request.scaleDenom = scale;
        request.failOn = failOn;
        for (const bool restart : {false, true}) {
            const Result<DecodedRegion> decoded = restart ? decodeJpegRegionFromRestart(bytes, request, path)
                                                          : decodeJpegRegion(bytes, request, path);
            QVERIFY2(decoded.ok(), errorText(decoded).constData());
            const QRect s = decoded->scaledRegion;
            const cv::Mat expected = reference(cv::Rect(s.x(), s.y(), s.width(), s.height()));
            QVERIFY2(
                differingPixels(decoded->pixels, expected) == 0,
                (where(path, window, scale) + ": " + describeDifference(decoded->pixels, expected).toUtf8())
                    .constData());
        }
    }
}

Result<DecodedRegion> decodeWhole(const QByteArray& bytes, QSize size, FailOn failOn, const QString& path) {
    DecodeRequest request;
    request.region = QRect(QPoint(0, 0), size);
    request.failOn = failOn;
    return decodeJpegRegion(bytes, request, path);
}

} // namespace

class TestJpegRealFiles : public QObject {
    Q_OBJECT

private slots:
    void init() { CROPDECK_REQUIRE_SHARED_DATA(); }
    void soundFilesMatchOpenCv_data();
    void soundFilesMatchOpenCv();
    void warningsFollowFailOn_data();
    void warningsFollowFailOn();
    void truncatedFiles_data();
    void truncatedFiles();
    void truncatedFileDecodesRowsBeforeTheCut();
    void unsupportedFiles();
    void garbageIsCorrupt();
    void damagedBytesNeverCrash();
};

void TestJpegRealFiles::soundFilesMatchOpenCv_data() {
    QTest::addColumn<QString>("file");
    for (const char* file : kSoundFiles)
        QTest::newRow(file) << QString::fromLatin1(file);
}

void TestJpegRealFiles::soundFilesMatchOpenCv() {
    QFETCH(QString, file);
    const QString path = dataPath(qPrintable(file));
    const QByteArray bytes = readFileBytes(path);
    const cv::Mat reference = referenceDecode(path);
    QVERIFY2(!bytes.isEmpty() && !reference.empty(), qPrintable(path));
    for (int scale : {1, 2, 4, 8}) {
        checkWindows(path, bytes, reference, scale, FailOn::Error);
        if (QTest::currentTestFailed())
            return;
    }
    const QRect rect(reference.cols / 3, reference.rows / 4, std::max(1, reference.cols / 2),
                     std::max(1, reference.rows / 2));
    const Result<LosslessJpegCrop> crop = cropJpegLossless(bytes, rect, 1, path);
    QVERIFY2(crop.ok(), errorText(crop).constData());
    const cv::Mat decoded = opencvDecode(crop->jpeg, cv::IMREAD_UNCHANGED);
    QCOMPARE(decoded.cols, crop->croppedRect.width());
    QCOMPARE(decoded.rows, crop->croppedRect.height());
}

void TestJpegRealFiles::warningsFollowFailOn_data() {
    QTest::addColumn<QString>("file");
    for (const char* file : kWarningFiles)
        QTest::newRow(file) << QString::fromLatin1(file);
}

void TestJpegRealFiles::warningsFollowFailOn() {
    QFETCH(QString, file);
    const QString path = dataPath(qPrintable(file));
    const QByteArray bytes = readFileBytes(path);
    const cv::Mat reference = referenceDecode(path);
    QVERIFY(!reference.empty());
    const Result<DecodedRegion> strict =
        decodeWhole(bytes, QSize(reference.cols, reference.rows), FailOn::Error, path);
    QVERIFY(!strict.ok());
    QCOMPARE(strict.error().kind, ErrorKind::Corrupt);
    QVERIFY2(strict.error().message.startsWith(path + QStringLiteral(": Corrupt JPEG data")),
             qPrintable(strict.error().message));
    checkWindows(path, bytes, reference, 1, FailOn::Truncated);
    checkWindows(path, bytes, reference, 2, FailOn::None);
    const Result<LosslessJpegCrop> crop = cropJpegLossless(bytes, QRect(0, 0, 8, 8), 1, path);
    QVERIFY(!crop.ok());
    QCOMPARE(crop.error().kind, ErrorKind::Corrupt);
}

void TestJpegRealFiles::truncatedFiles_data() {
    QTest::addColumn<QString>("file");
    for (const char* file : kTruncatedFiles)
        QTest::newRow(file) << QString::fromLatin1(file);
}

void TestJpegRealFiles::truncatedFiles() {
    QFETCH(QString, file);
    const QString path = dataPath(qPrintable(file));
    const QByteArray bytes = readFileBytes(path);
    const std::optional<jpeg::JpegLayout> layout = jpeg::parseJpegLayout(bytes);
    QVERIFY(layout.has_value());
    const QSize size(layout->width, layout->height);
    for (FailOn failOn : {FailOn::Error, FailOn::Truncated}) {
        const Result<DecodedRegion> decoded = decodeWhole(bytes, size, failOn, path);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().kind, ErrorKind::Truncated);
        QCOMPARE(decoded.error().message, path + QStringLiteral(": Premature end of JPEG file"));
    }
    // FailOn::None decodes what is there; the rest is libjpeg's grey fill (OpenCV leaves zeros instead).
    const Result<DecodedRegion> lenient = decodeWhole(bytes, size, FailOn::None, path);
    QVERIFY2(lenient.ok(), errorText(lenient).constData());
    QCOMPARE(lenient->pixels.cols, size.width());
    QCOMPARE(lenient->pixels.rows, size.height());
    DecodeRequest request;
    request.region = QRect(QPoint(0, 0), size);
    const Result<DecodedRegion> restart = decodeJpegRegionFromRestart(bytes, request, path);
    QVERIFY(!restart.ok());
    QCOMPARE(restart.error().kind, ErrorKind::Truncated);
    const Result<LosslessJpegCrop> crop = cropJpegLossless(bytes, QRect(QPoint(0, 0), size), 1, path);
    QVERIFY(!crop.ok());
    QCOMPARE(crop.error().kind, ErrorKind::Truncated);
}

// A region whose rows all lie before the cut needs none of the missing data: FailOn::Truncated accepts it.
void TestJpegRealFiles::truncatedFileDecodesRowsBeforeTheCut() {
    const QString path = dataPath("edge_cases/jpeg_corrupt/pillars-1024x1024-truncated.jpg");
    const QByteArray bytes = readFileBytes(path);
    const cv::Mat reference = referenceDecode(path);
    const Result<DecodedRegion> lenient = decodeWhole(bytes, QSize(1024, 1024), FailOn::None, path);
    QVERIFY(lenient.ok());
    int cut = 0;
    while (cut < 1024 && cv::norm(lenient->pixels.row(cut), reference.row(cut), cv::NORM_INF) == 0)
        ++cut;
    QVERIFY2(cut > 256 && cut < 1024, QByteArray::number(cut));
    DecodeRequest request;
    request.failOn = FailOn::Truncated;
    request.region = QRect(100, 0, 500, cut - 32);
    const Result<DecodedRegion> before = decodeJpegRegion(bytes, request, path);
    QVERIFY2(before.ok(), errorText(before).constData());
    QCOMPARE(differingPixels(before->pixels, reference(cv::Rect(100, 0, 500, cut - 32))), 0LL);
    request.region = QRect(100, cut - 32, 500, 64);
    const Result<DecodedRegion> across = decodeJpegRegion(bytes, request, path);
    QVERIFY(!across.ok());
    QCOMPARE(across.error().kind, ErrorKind::Truncated);
}

void TestJpegRealFiles::unsupportedFiles() {
    const struct {
        const char* file;
        QSize size;
        const char* says;
        bool losslessWorks;
    } cases[] = {
        {"edge_cases/jpeg_cmyk/pil_sample_cmyk.jpg", QSize(100, 100), "CMYK", true},
        {"edge_cases/jpeg_unusual_coding/monkey12.jpg", QSize(8, 8), "precision 12", false},
    };
    for (const auto& c : cases) {
        const QString path = dataPath(c.file);
        const QByteArray bytes = readFileBytes(path);
        DecodeRequest request;
        request.region = QRect(QPoint(0, 0), c.size);
        for (const bool restart : {false, true}) {
            const Result<DecodedRegion> decoded = restart ? decodeJpegRegionFromRestart(bytes, request, path)
                                                          : decodeJpegRegion(bytes, request, path);
            QVERIFY(!decoded.ok());
            QCOMPARE(decoded.error().kind, ErrorKind::Unsupported);
            QVERIFY2(decoded.error().message.startsWith(path) &&
                         decoded.error().message.contains(QLatin1String(c.says)),
                     qPrintable(decoded.error().message));
        }
        const Result<LosslessJpegCrop> crop = cropJpegLossless(bytes, QRect(0, 0, 8, 8), 1, path);
        QCOMPARE(crop.ok(), c.losslessWorks);
        if (!crop.ok())
            QCOMPARE(crop.error().kind, ErrorKind::Unsupported);
    }
}

void TestJpegRealFiles::garbageIsCorrupt() {
    const QString path = dataPath("edge_cases/jpeg_corrupt/nonsense.bin");
    const QByteArray bytes = readFileBytes(path);
    QVERIFY(!bytes.isEmpty());
    DecodeRequest request;
    request.region = QRect(0, 0, 1, 1);
    request.failOn = FailOn::None;
    const Result<DecodedRegion> decoded = decodeJpegRegion(bytes, request, path);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().kind, ErrorKind::Corrupt);
    QVERIFY(decoded.error().message.contains(QStringLiteral("Not a JPEG file")));
    QVERIFY(!jpegRestartAccessUseful(bytes, request));
    QCOMPARE(decodeJpegRegionFromRestart(bytes, request, path).error().kind, ErrorKind::Corrupt);
    QCOMPARE(cropJpegLossless(bytes, QRect(0, 0, 1, 1), 1, path).error().kind, ErrorKind::Corrupt);
}

// Random byte damage and cuts: every call returns a value (pixels of the right size, or an Error that
// names the file), under every policy, through every path.
void TestJpegRealFiles::damagedBytesNeverCrash() {
    const char* const files[] = {"edge_cases/jpeg_unusual_coding/testorig.jpg",
                                 "edge_cases/jpeg_exif_orientation/exif-dpi-zerodivision.jpg",
                                 "edge_cases/jpeg_progressive/app13-multiple.jpg"};
    std::mt19937 rng(2024);
    int errors = 0;
    for (const char* file : files) {
        const QString path = dataPath(file);
        const QByteArray original = readFileBytes(path);
        const std::optional<jpeg::JpegLayout> layout = jpeg::parseJpegLayout(original);
        QVERIFY(layout.has_value());
        const QRect region(layout->width / 4, layout->height / 2, layout->width / 2, layout->height / 3);
        for (int variant = 0; variant < 120; ++variant) {
            QByteArray damaged = original;
            for (int flips = 1 + variant % 4; flips > 0; --flips)
                damaged[std::uniform_int_distribution<qsizetype>(0, damaged.size() - 1)(rng)] = char(rng());
            if (variant % 3 == 0)
                damaged.truncate(std::uniform_int_distribution<qsizetype>(0, damaged.size())(rng));
            for (FailOn failOn : {FailOn::Error, FailOn::None}) {
                DecodeRequest request;
                request.region = region;
                request.scaleDenom = 1 << (variant % 4);
                request.failOn = failOn;
                for (const Result<DecodedRegion>& decoded :
                     {decodeJpegRegion(damaged, request, path),
                      decodeJpegRegionFromRestart(damaged, request, path)}) {
                    if (decoded.ok()) {
                        QCOMPARE(decoded->pixels.cols, decoded->scaledRegion.width());
                        QCOMPARE(decoded->pixels.rows, decoded->scaledRegion.height());
                    } else {
                        QVERIFY(decoded.error().message.startsWith(path + QStringLiteral(": ")));
                        ++errors;
                    }
                }
            }
            const Result<LosslessJpegCrop> crop = cropJpegLossless(damaged, region, 1 + variant % 8, path);
            if (!crop.ok())
                QVERIFY(crop.error().message.startsWith(path + QStringLiteral(": ")));
        }
    }
    QVERIFY(errors > 0);
}

QTEST_APPLESS_MAIN(TestJpegRealFiles)
#include "test_jpeg_real_files.moc"
