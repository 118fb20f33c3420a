// SPDX-License-Identifier: GPL-3.0-or-later
// cropJpegLossless: the output's DCT coefficients are exactly the source's (moved, flipped or transposed
// for an EXIF orientation), the crop covers the asked rectangle on the MCU grid, no metadata survives,
// and the decoded pixels match the reference decode of the kept rectangle.

#include "JpegCoefficients.h"
#include "JpegTestImages.h"
#include "TestUtils.h"
#include "io/jpeg/JpegHeader.h"
#include "io/jpeg/JpegLosslessCrop.h"

#include <QDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

struct Case {
    const char* name;
    int width;
    int height;
    bool color;
    Sampling sampling;
    int mcuWidth;
    int mcuHeight;
    bool progressive = false;
    bool arithmetic = false;
};

const Case kCases[] = {
    {"gray 1001x777", 1001, 777, false, Sampling::S444, 8, 8},
    {"444 501x377", 501, 377, true, Sampling::S444, 8, 8},
    {"422 501x377", 501, 377, true, Sampling::S422, 16, 8},
    {"420 501x377", 501, 377, true, Sampling::S420, 16, 16},
    {"440 501x377", 501, 377, true, Sampling::S440, 8, 16},
    {"411 501x377", 501, 377, true, Sampling::S411, 32, 8},
    {"420 whole MCUs 512x384", 512, 384, true, Sampling::S420, 16, 16},
    {"gray 17x9", 17, 9, false, Sampling::S444, 8, 8},
    {"420 progressive 333x250", 333, 250, true, Sampling::S420, 16, 16, true},
    {"422 arithmetic 333x250", 333, 250, true, Sampling::S422, 16, 8, false, true},
};

cv::Mat orient(const cv::Mat& stored, int orientation) {
    cv::Mat out;
    switch (orientation) {
    case 2:
        cv::flip(stored, out, 1);
        return out;
    case 3:
        cv::rotate(stored, out, cv::ROTATE_180);
        return out;
    case 4:
        cv::flip(stored, out, 0);
        return out;
    case 5:
        cv::transpose(stored, out);
        return out;
    case 6:
        cv::rotate(stored, out, cv::ROTATE_90_CLOCKWISE);
        return out;
    case 7:
        cv::transpose(stored, out);
        cv::flip(out, out, -1);
        return out;
    case 8:
        cv::rotate(stored, out, cv::ROTATE_90_COUNTERCLOCKWISE);
        return out;
    default:
        return stored.clone();
    }
}

// The source blocks that hold `crop` (whose origin is on the MCU grid), per component.
CoefficientPlane subPlane(const CoefficientPlane& source, const QRect& crop, int maxH, int maxV) {
    const auto ceilDiv = [](int a, int b) {
        return (a + b - 1) / b;
    };
    CoefficientPlane plane = source;
    const int bx0 = crop.x() * source.h / maxH / 8;
    const int by0 = crop.y() * source.v / maxV / 8;
    plane.widthInBlocks = ceilDiv(ceilDiv(crop.width() * source.h, maxH), 8);
    plane.heightInBlocks = ceilDiv(ceilDiv(crop.height() * source.v, maxV), 8);
    plane.blocks.clear();
    for (int by = 0; by < plane.heightInBlocks; ++by)
        for (int bx = 0; bx < plane.widthInBlocks; ++bx)
            plane.blocks.push_back(source.at(bx0 + bx, by0 + by));
    return plane;
}

bool samePlanes(const std::vector<CoefficientPlane>& a, const std::vector<CoefficientPlane>& b) {
    if (a.size() != b.size())
        return false;
    for (size_t c = 0; c < a.size(); ++c)
        if (a[c].widthInBlocks != b[c].widthInBlocks || a[c].heightInBlocks != b[c].heightInBlocks ||
            a[c].h != b[c].h || a[c].v != b[c].v || a[c].quant != b[c].quant || a[c].blocks != b[c].blocks)
            return false;
    return true;
}

bool expectUnsupported(const Case& c, const QRect& r, int orientation) {
    const bool rightMoves = orientation == 2 || orientation == 3 || orientation == 7 || orientation == 8;
    const bool bottomMoves = orientation == 3 || orientation == 4 || orientation == 6 || orientation == 7;
    const bool partialRight =
        c.width % c.mcuWidth != 0 && r.x() + r.width() > c.width / c.mcuWidth * c.mcuWidth;
    const bool partialBottom =
        c.height % c.mcuHeight != 0 && r.y() + r.height() > c.height / c.mcuHeight * c.mcuHeight;
    return (rightMoves && partialRight) || (bottomMoves && partialBottom);
}

// Pixels that only differ because fancy upsampling treats the crop's cut edges as image edges: the
// outermost column/row along a cut that is not an image edge, when chroma is subsampled that way.
cv::Mat interiorMask(const Case& c, const QRect& crop) {
    cv::Mat mask(crop.height(), crop.width(), CV_8U, cv::Scalar(255));
    const bool horizontal = c.color && (c.sampling == Sampling::S422 || c.sampling == Sampling::S420);
    const bool vertical = c.color && (c.sampling == Sampling::S420 || c.sampling == Sampling::S440);
    if (horizontal && crop.x() > 0)
        mask.col(0).setTo(0);
    if (horizontal && crop.right() < c.width - 1)
        mask.col(crop.width() - 1).setTo(0);
    if (vertical && crop.y() > 0)
        mask.row(0).setTo(0);
    if (vertical && crop.bottom() < c.height - 1)
        mask.row(crop.height() - 1).setTo(0);
    return mask;
}

long long differingInside(const cv::Mat& a, const cv::Mat& b, const cv::Mat& mask) {
    cv::Mat aa = a.clone(), bb = b.clone();
    aa.setTo(0, ~mask);
    bb.setTo(0, ~mask);
    return differingPixels(aa, bb);
}

// Decoded pixels against the reference decode of the kept rectangle, oriented. Exact where the format
// allows it: gray and 4:4:4 at orientation 1. Chroma fancy upsampling reads neighbouring samples, which a
// cut edge replaces by the edge sample, and libjpeg-turbo box-upsamples a chroma plane 2 samples wide or
// less; the IDCT's rounding is not symmetric under flips and transposition. Those differ by a little,
// bounded below; the coefficient comparison is what proves the crop lossless.
void checkPixels(const Case& c, const cv::Mat& reference, const QRect& kept, int orientation,
                 const QByteArray& jpeg, const QByteArray& where) {
    const cv::Mat stored = reference(cv::Rect(kept.x(), kept.y(), kept.width(), kept.height()));
    const cv::Mat upright = orient(stored, orientation);
    const cv::Mat decoded = opencvDecode(jpeg, cv::IMREAD_UNCHANGED);
    QCOMPARE(decoded.size(), upright.size());
    const bool fancyChroma = c.color && c.sampling != Sampling::S444 && c.sampling != Sampling::S411;
    if (fancyChroma && std::min(kept.width(), kept.height()) <= 4)
        return; // box-upsampled chroma: only the coefficients say anything useful
    if (orientation == 1) {
        const cv::Mat mask = interiorMask(c, kept);
        QVERIFY2(differingInside(decoded, upright, mask) == 0,
                 (where + ": " + describeDifference(decoded, upright).toUtf8()).constData());
        return;
    }
    const double meanDifference =
        cv::norm(decoded, upright, cv::NORM_L1) / double(decoded.total() * decoded.channels());
    const double maxDifference = cv::norm(decoded, upright, cv::NORM_INF);
    QVERIFY2(meanDifference < 0.75, (where + ": mean " + QByteArray::number(meanDifference)).constData());
    if (!fancyChroma)
        QVERIFY2(maxDifference <= (c.color ? 3 : 1),
                 (where + ": max " + QByteArray::number(maxDifference)).constData());
}

} // namespace

class TestJpegLosslessCrop : public QObject {
    Q_OBJECT

private slots:
    void cropsLosslessly_data();
    void cropsLosslessly();
    void orientationMatchesOpenCv_data();
    void orientationMatchesOpenCv();
    void stripsMetadata();
    void rejectsBadInput();
};

void TestJpegLosslessCrop::cropsLosslessly_data() {
    QTest::addColumn<int>("index");
    for (int i = 0; i < int(std::size(kCases)); ++i)
        QTest::newRow(kCases[i].name) << i;
}

void TestJpegLosslessCrop::cropsLosslessly() {
    QFETCH(int, index);
    const Case& c = kCases[index];
    JpegOptions options;
    options.color = c.color;
    options.sampling = c.sampling;
    options.progressive = c.progressive;
    options.arithmetic = c.arithmetic;
    const QByteArray jpeg = encodeJpeg(naturalImage(c.width, c.height, c.color, 40 + index), options);
    const cv::Mat reference = referenceDecodeBytes(jpeg);
    const std::vector<CoefficientPlane> source = readCoefficients(jpeg);
    QVERIFY(!source.empty());
    const int maxH = source[0].h, maxV = source[0].v;
    QCOMPARE(8 * maxH, c.mcuWidth);
    QCOMPARE(8 * maxV, c.mcuHeight);
    int unsupported = 0, done = 0;
    for (const QRect& rect : testWindows(c.width, c.height, 12, 300 + index)) {
        for (int orientation = 1; orientation <= 8; ++orientation) {
            const QByteArray where = QStringLiteral("%1,%2 %3x%4 orientation %5")
                                         .arg(rect.x())
                                         .arg(rect.y())
                                         .arg(rect.width())
                                         .arg(rect.height())
                                         .arg(orientation)
                                         .toUtf8();
            const Result<LosslessJpegCrop> crop =
                cropJpegLossless(jpeg, rect, orientation, QStringLiteral("l.jpg"));
            if (expectUnsupported(c, rect, orientation)) {
                QVERIFY2(!crop.ok() && crop.error().kind == ErrorKind::Unsupported, where.constData());
                QVERIFY(crop.error().message.contains(QStringLiteral("orientation")));
                ++unsupported;
                continue;
            }
            QVERIFY2(crop.ok(), (where + ": " + errorText(crop)).constData());
            ++done;
            const QRect kept = crop->croppedRect;
            QVERIFY2(kept.contains(rect) && QRect(0, 0, c.width, c.height).contains(kept), where.constData());
            QCOMPARE(kept.x() % c.mcuWidth, 0);
            QCOMPARE(kept.y() % c.mcuHeight, 0);
            QCOMPARE(crop->aligned, kept != rect);
            if (orientation == 1)
                QCOMPARE(kept.bottomRight(), rect.bottomRight());

            std::vector<CoefficientPlane> expected;
            for (const CoefficientPlane& plane : source)
                expected.push_back(orientPlane(subPlane(plane, kept, maxH, maxV), orientation));
            QVERIFY2(samePlanes(readCoefficients(crop->jpeg), expected), where.constData());

            checkPixels(c, reference, kept, orientation, crop->jpeg, where);
            if (QTest::currentTestFailed())
                return;
        }
    }
    QVERIFY(done > 0);
    // Tiny images lose their partial-MCU edges to every moving transform; others keep most windows.
    if (c.width > 100)
        QVERIFY2(unsupported < done / 4, QByteArray::number(unsupported));
}

// orient() must follow the EXIF convention exactly as OpenCV applies it, or the checks above prove little.
void TestJpegLosslessCrop::orientationMatchesOpenCv_data() {
    QTest::addColumn<int>("orientation");
    for (int orientation = 1; orientation <= 8; ++orientation)
        QTest::addRow("Landscape_%d", orientation) << orientation;
}

void TestJpegLosslessCrop::orientationMatchesOpenCv() {
    CROPDECK_REQUIRE_SHARED_DATA();
    QFETCH(int, orientation);
    const QString path =
        sharedDataDir() + QStringLiteral("/exif_orientation/Landscape_%1.jpg").arg(orientation);
    const cv::Mat stored = referenceDecode(path);
    const cv::Mat upright = cv::imread(path.toStdString(), cv::IMREAD_COLOR);
    QVERIFY(!stored.empty() && !upright.empty());
    QCOMPARE(differingPixels(orient(stored, orientation), upright), 0LL);

    // A crop of the real photo, made upright losslessly, shows what OpenCV's upright decode shows there.
    const QRect rect(333, 210, 401, 517);
    const Result<LosslessJpegCrop> crop =
        cropJpegLossless(readFileBytes(path), rect, orientation, QStringLiteral("Landscape.jpg"));
    QVERIFY2(crop.ok(), errorText(crop).constData());
    const QRect kept = crop->croppedRect;
    const cv::Mat expected =
        orient(stored(cv::Rect(kept.x(), kept.y(), kept.width(), kept.height())), orientation);
    const cv::Mat decoded = opencvDecode(crop->jpeg, cv::IMREAD_UNCHANGED);
    QCOMPARE(decoded.size(), expected.size());
    QVERIFY(cv::norm(decoded, expected, cv::NORM_L1) / double(decoded.total() * 3) < 0.75);
}

void TestJpegLosslessCrop::stripsMetadata() {
    CROPDECK_REQUIRE_SHARED_DATA();
    const QByteArray source =
        readFileBytes(sharedDataDir() + QStringLiteral("/exif_orientation/Landscape_6.jpg"));
    const auto hasSegment = [](const QByteArray& jpeg, quint8 marker) {
        const std::optional<jpeg::JpegLayout> layout = jpeg::parseJpegLayout(jpeg);
        return layout && std::any_of(layout->segments.begin(), layout->segments.end(),
                                     [marker](const jpeg::JpegSegment& s) { return s.marker == marker; });
    };
    QVERIFY(hasSegment(source, 0xE1)); // the source has EXIF
    for (int orientation : {1, 6}) {
        const Result<LosslessJpegCrop> crop = cropJpegLossless(source, QRect(100, 100, 200, 100), orientation,
                                                               QStringLiteral("Landscape_6.jpg"));
        QVERIFY2(crop.ok(), errorText(crop).constData());
        QVERIFY(jpeg::parseJpegLayout(crop->jpeg).has_value());
        QVERIFY(!hasSegment(crop->jpeg, 0xE1));
        QVERIFY(!hasSegment(crop->jpeg, 0xE2));
    }
}

void TestJpegLosslessCrop::rejectsBadInput() {
    const QByteArray jpeg = encodeJpeg(naturalImage(100, 60, true, 9), JpegOptions());
    const QString name = QStringLiteral("bad.jpg");
    for (int orientation : {0, 9, -1}) {
        const Result<LosslessJpegCrop> crop = cropJpegLossless(jpeg, QRect(0, 0, 10, 10), orientation, name);
        QVERIFY(!crop.ok());
        QCOMPARE(crop.error().kind, ErrorKind::Invalid);
    }
    for (const QRect& rect : {QRect(95, 0, 10, 10), QRect(0, 0, 0, 10), QRect(-16, 0, 10, 10)}) {
        const Result<LosslessJpegCrop> crop = cropJpegLossless(jpeg, rect, 1, name);
        QVERIFY(!crop.ok());
        QCOMPARE(crop.error().kind, ErrorKind::Invalid);
        QVERIFY(crop.error().message.startsWith(name));
    }
    const Result<LosslessJpegCrop> garbage =
        cropJpegLossless(QByteArrayView("garbage"), QRect(0, 0, 1, 1), 1, name);
    QVERIFY(!garbage.ok());
    QCOMPARE(garbage.error().kind, ErrorKind::Corrupt);
    // Cut inside the entropy data: the crop's blocks are missing, which must be an error, not grey blocks.
    const Result<LosslessJpegCrop> truncated = cropJpegLossless(
        QByteArrayView(jpeg.constData(), jpeg.size() * 2 / 3), QRect(0, 0, 100, 60), 1, name);
    QVERIFY(!truncated.ok());
    QCOMPARE(truncated.error().kind, ErrorKind::Truncated);
}

QTEST_APPLESS_MAIN(TestJpegLosslessCrop)
#include "test_jpeg_lossless_crop.moc"
