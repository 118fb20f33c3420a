// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/CropVerifier.h"

#include "geometry/Orientation.h"
#include "io/ImageProbe.h"
#include "io/OpenCvCodecs.h"

#include <QStringList>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <limits>
#include <map>

namespace cropdeck::bench {

namespace {

constexpr int kReferenceFlags = cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION;

bool channelsEqual(const std::vector<cv::Mat>& planes, size_t count) {
    for (size_t c = 1; c < count; ++c)
        if (cv::countNonZero(planes[0] != planes[c]))
            return false;
    return true;
}

// The output in the reference's layout when that loses nothing (see the header); otherwise unchanged.
cv::Mat comparableOutput(const cv::Mat& output, const cv::Mat& reference) {
    if (output.depth() != CV_8U || output.channels() < 3 || output.channels() == reference.channels())
        return output;
    std::vector<cv::Mat> planes;
    cv::split(output, planes);
    if (output.channels() == 4) {
        if (cv::countNonZero(planes[3] != 255))
            return output; // real transparency: keep the 4 channels, the comparison will say so
        planes.pop_back();
    }
    if (reference.channels() == 1 && channelsEqual(planes, 3))
        return planes[0];
    cv::Mat merged;
    cv::merge(planes, merged);
    return merged;
}

QString layout(const cv::Mat& pixels) {
    return QStringLiteral("%1x%2, %3 channel(s), %4 bits")
        .arg(pixels.cols)
        .arg(pixels.rows)
        .arg(pixels.channels())
        .arg(pixels.depth() == CV_16U ? 16 : 8);
}

// The windows of `full` downscaled to 1/scale with area averaging, at their scaled rectangles.
std::vector<cv::Mat> scaledCrops(const cv::Mat& full, const BenchImage& image, int scale) {
    const QSize size(full.cols, full.rows);
    const QRect scaledImage = scaledWindow(QRect(QPoint(0, 0), size), size, scale);
    cv::Mat scaled;
    cv::resize(full, scaled, cv::Size(scaledImage.width(), scaledImage.height()), 0, 0, cv::INTER_AREA);
    std::vector<cv::Mat> crops;
    for (const QRect& w : image.windows) {
        const QRect r = scaledWindow(w, size, scale);
        crops.push_back(scaled(cv::Rect(r.x(), r.y(), r.width(), r.height())).clone());
    }
    return crops;
}

void noteProblem(Verification& v, const QString& problem) {
    if (v.problem.isEmpty())
        v.problem = problem;
}

} // namespace

QString CropExpectation::describe() const {
    QStringList parts;
    if (minimumPsnr > 0)
        parts << QStringLiteral("judged by PSNR (not the stored pixels by design): right at %1 dB or more")
                     .arg(minimumPsnr);
    if (dctScale > 1)
        parts << QStringLiteral("against the reference downscaled 1/%1 (INTER_AREA)").arg(dctScale);
    return parts.join(u' ');
}

Verdict Verification::verdict(int tolerance, double minimumPsnr) const {
    if (cropsExpected == 0 && cropsChecked == 0 && problem.isEmpty())
        return Verdict::NotRun;
    if (!problem.isEmpty() || cropsChecked < cropsExpected)
        return Verdict::Wrong;
    // Lossy outputs were judged crop by crop as they were compared (a problem noted); an engine lossy by
    // design is judged by its PSNR; everything else by the largest difference.
    if (!lossy && (minimumPsnr > 0 ? psnr() < minimumPsnr : maxAbsDiff > tolerance))
        return Verdict::Wrong;
    return cropsDiffering == 0 ? Verdict::Identical : Verdict::Close;
}

QRect scaledWindow(const QRect& window, QSize imageSize, int scale) {
    const auto ceilDiv = [scale](int value) {
        return (value + scale - 1) / scale;
    };
    const QRect scaled(
        QPoint(window.x() / scale, window.y() / scale),
        QPoint(ceilDiv(window.x() + window.width()) - 1, ceilDiv(window.y() + window.height()) - 1));
    return scaled & QRect(0, 0, ceilDiv(imageSize.width()), ceilDiv(imageSize.height()));
}

double Verification::psnr() const {
    if (samples <= 0)
        return 0;
    if (squaredError <= 0)
        return std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(255.0 * 255.0 / (squaredError / samples));
}

Result<std::vector<cv::Mat>> referenceCrops(const BenchImage& image, int dctScale) {
    const cv::Mat full = codecs::imread(image.path.toStdString(), kReferenceFlags);
    if (full.empty())
        return makeError(
            ErrorKind::Unsupported,
            QStringLiteral("%1: OpenCV cannot decode it, so there is no reference").arg(image.path));
    std::vector<cv::Mat> crops;
    const cv::Rect bounds(0, 0, full.cols, full.rows);
    for (const QRect& w : image.windows) {
        const cv::Rect rect(w.x(), w.y(), w.width(), w.height());
        if ((rect & bounds) != rect)
            return makeError(ErrorKind::OutOfBounds, QStringLiteral("%1: window %2,%3 %4x%5 lies outside the "
                                                                    "decoded %6x%7 image")
                                                         .arg(image.path)
                                                         .arg(w.x())
                                                         .arg(w.y())
                                                         .arg(w.width())
                                                         .arg(w.height())
                                                         .arg(full.cols)
                                                         .arg(full.rows));
        crops.push_back(full(rect).clone());
    }
    return dctScale > 1 ? scaledCrops(full, image, dctScale) : crops;
}

Result<std::vector<cv::Mat>> resizedReferenceCrops(const BenchImage& image, QSize upright) {
    Result<std::vector<cv::Mat>> crops = referenceCrops(image);
    if (!crops)
        return crops;
    Result<ImageInfo> info = probeImage(image.path, std::numeric_limits<qint64>::max());
    const bool swapped = info && swapsAxes(info->orientation);
    const cv::Size size =
        swapped ? cv::Size(upright.height(), upright.width()) : cv::Size(upright.width(), upright.height());
    for (cv::Mat& crop : *crops) {
        const bool shrinking = size.width <= crop.cols && size.height <= crop.rows;
        cv::Mat resized;
        cv::resize(crop, resized, size, 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
        crop = resized;
    }
    return crops;
}

void compareCrop(Verification& v, const cv::Mat& reference, const cv::Mat& output, const QString& where) {
    ++v.cropsChecked;
    const cv::Mat comparable = comparableOutput(output, reference);
    if (comparable.size() != reference.size() || comparable.type() != reference.type()) {
        ++v.cropsDiffering;
        noteProblem(
            v,
            QStringLiteral("%1: output %2, reference %3").arg(where, layout(comparable), layout(reference)));
        return;
    }
    cv::Mat diff;
    cv::absdiff(comparable, reference, diff);
    double maxDiff = 0;
    cv::minMaxLoc(diff.reshape(1), nullptr, &maxDiff);
    if (maxDiff > 0)
        ++v.cropsDiffering;
    v.maxAbsDiff = std::max(v.maxAbsDiff, int(maxDiff));
    cv::Mat wide;
    diff.convertTo(wide, CV_64F);
    const cv::Scalar squares = cv::sum(wide.mul(wide));
    v.squaredError += squares[0] + squares[1] + squares[2] + squares[3];
    v.samples += double(diff.total()) * diff.channels();
}

namespace {

double psnrOf(const cv::Mat& a, const cv::Mat& b) {
    const double mse = cv::norm(a, b, cv::NORM_L2SQR) / (double(a.total()) * a.channels());
    return mse <= 0 ? std::numeric_limits<double>::infinity() : 10.0 * std::log10(255.0 * 255.0 / mse);
}

// `pixels` with `channels` channels when a lossy format changed only the layout: JPEG drops alpha,
// WebP writes gray as colour.
cv::Mat withChannels(const cv::Mat& pixels, int channels) {
    if (pixels.empty() || pixels.channels() == channels)
        return pixels;
    static const std::map<std::pair<int, int>, int> conversions = {{{4, 3}, cv::COLOR_BGRA2BGR},
                                                                   {{3, 1}, cv::COLOR_BGR2GRAY},
                                                                   {{4, 1}, cv::COLOR_BGRA2GRAY},
                                                                   {{1, 3}, cv::COLOR_GRAY2BGR},
                                                                   {{3, 4}, cv::COLOR_BGR2BGRA}};
    const auto conversion = conversions.find({pixels.channels(), channels});
    if (conversion == conversions.end())
        return pixels;
    cv::Mat converted;
    cv::cvtColor(pixels, converted, conversion->second);
    return converted;
}

} // namespace

void compareLossyCrop(Verification& v, const cv::Mat& reference, const cv::Mat& roundTrip,
                      const cv::Mat& output, const QString& where) {
    v.lossy = true;
    if (roundTrip.empty()) {
        addMissingCrop(v, where, QStringLiteral("CropDeck's encoder could not make the round trip"));
        ++v.cropsChecked;
        return;
    }
    // The reference in the layout the format keeps, so that both sides lose the same channels.
    const cv::Mat expected = withChannels(reference, roundTrip.channels());
    const cv::Mat comparable = withChannels(output, roundTrip.channels());
    if (comparable.size() != expected.size() || comparable.type() != expected.type()) {
        ++v.cropsChecked;
        ++v.cropsDiffering;
        noteProblem(
            v, QStringLiteral("%1: output %2, reference %3").arg(where, layout(output), layout(expected)));
        return;
    }
    // Above about 50 dB the differences are rounding: a round trip that is exact (a flat crop) must not
    // demand exactness from another encoder.
    const double floorDb = std::min(psnrOf(expected, roundTrip), kLossyCeilingDb);
    const double outputDb = psnrOf(expected, comparable);
    compareCrop(v, expected, comparable, where);
    const double margin = std::min(outputDb, kLossyCeilingDb) - floorDb;
    v.worstMarginDb = v.marginsMeasured++ == 0 ? margin : std::min(v.worstMarginDb, margin);
    if (margin < -kLossyMarginDb)
        noteProblem(v, QStringLiteral("%1: %2 dB against the reference, CropDeck's own encode at these "
                                      "settings gives %3 dB")
                           .arg(where)
                           .arg(outputDb, 0, 'f', 1)
                           .arg(floorDb, 0, 'f', 1));
}

void addMissingCrop(Verification& v, const QString& where, const QString& why) {
    ++v.cropsDiffering;
    noteProblem(v, QStringLiteral("%1: %2").arg(where, why));
}

QString verdictName(Verdict verdict) {
    switch (verdict) {
    case Verdict::Identical:
        return QStringLiteral("identical");
    case Verdict::Close:
        return QStringLiteral("close");
    case Verdict::Wrong:
        return QStringLiteral("wrong");
    case Verdict::NotRun:
        break;
    }
    return QStringLiteral("not-run");
}

Verdict verdictFromName(const QString& name) {
    for (Verdict v : {Verdict::Identical, Verdict::Close, Verdict::Wrong})
        if (verdictName(v) == name)
            return v;
    return Verdict::NotRun;
}

} // namespace cropdeck::bench
