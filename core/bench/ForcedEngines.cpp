// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/ForcedEngines.h"

#include "bench/CropDeckCalls.h"
#include "bench/InProcessEngines.h"
#include "engine/ImageCropper.h"
#include "geometry/OrientPixels.h"
#include "geometry/Orientation.h"
#include "io/ImageProbe.h"
#include "io/OpenCvCodecs.h"

#include <opencv2/imgcodecs.hpp>

namespace cropdeck::bench {

namespace {

// Why `forced` does not apply to the image, from its header; empty when it does, or when the header
// cannot be read (the run then fails and says why, as every engine's would).
QString forcedNotApplicable(const BenchImage& image, const ForcedStrategy& forced) {
    Result<ImageInfo> info = probeImage(image.path, benchCropSettings().maxPixels);
    return info ? forcedStrategyNotApplicable(*info, forced) : QString();
}

CropSettings losslessSettings() {
    CropSettings settings = benchCropSettings();
    settings.lossless = true;
    return settings;
}

QString losslessNotApplicable(const BenchImage& image) {
    Result<ImageInfo> info = probeImage(image.path, benchCropSettings().maxPixels);
    if (!info || usesLosslessPath(*info, losslessSettings()))
        return {};
    return QStringLiteral("a %1 file, not a JPEG").arg(QLatin1String(imageFormatName(info->format)));
}

// The lossless path as the batch runs it; the timed output is each window's JPEG bytes.
Result<std::vector<cv::Mat>> losslessBytes(const BenchImage& image) {
    Result<CroppedImage> cropped = cropImage(image.path, storedWindows(image), losslessSettings());
    if (!cropped)
        return cropped.error();
    std::vector<cv::Mat> outputs;
    for (const CroppedWindow& window : cropped->windows) {
        if (window.error)
            return *window.error;
        const QByteArray& jpeg = window.losslessJpeg;
        outputs.push_back(cv::Mat(1, int(jpeg.size()), CV_8U, const_cast<char*>(jpeg.constData())).clone());
    }
    return outputs;
}

// The same crops decoded, turned back to the stored orientation, and cut to the asked window out of
// the MCU-aligned rectangle each output holds.
Result<std::vector<cv::Mat>> losslessDecoded(const BenchImage& image) {
    Result<CroppedImage> cropped = cropImage(image.path, storedWindows(image), losslessSettings());
    if (!cropped)
        return cropped.error();
    const int undo = inverseOrientation(cropped->info.orientation);
    std::vector<cv::Mat> crops;
    for (size_t w = 0; w < cropped->windows.size(); ++w) {
        const CroppedWindow& window = cropped->windows[w];
        if (window.error)
            return *window.error;
        const QByteArray& jpeg = window.losslessJpeg;
        const cv::Mat bytes(1, int(jpeg.size()), CV_8U, const_cast<char*>(jpeg.constData()));
        const cv::Mat upright = codecs::imdecode(bytes, cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION);
        if (upright.empty())
            return makeError(
                ErrorKind::Corrupt,
                QStringLiteral("%1: window %2: the lossless output does not decode").arg(image.path).arg(w));
        const cv::Mat stored = undo != 1 ? applyOrientation(upright, undo) : upright;
        const QRect local = image.windows[w].translated(-window.writtenRect.topLeft());
        if (!QRect(0, 0, stored.cols, stored.rows).contains(local))
            return makeError(
                ErrorKind::OutOfBounds,
                QStringLiteral("%1: window %2 is not inside the written rectangle").arg(image.path).arg(w));
        crops.push_back(stored(cv::Rect(local.x(), local.y(), local.width(), local.height())).clone());
    }
    return crops;
}

std::unique_ptr<BenchEngine> forcedEngine(const char* name, const QString& detail, ForcedStrategy forced,
                                          CropExpectation expectation = {}) {
    InProcessSpec spec{QLatin1String(name), EngineKind::CropDeck, true, detail,
                       [forced](const BenchImage& image) {
                           return cropDeckCrops(image, forced, false);
                       }};
    spec.verifiedCrop = [forced](const BenchImage& image) {
        return cropDeckCrops(image, forced, true);
    };
    spec.describe = [forced](const BenchImage& image) {
        return cropDeckPlan(image, forced);
    };
    spec.notApplicable = [forced](const BenchImage& image) {
        return forcedNotApplicable(image, forced);
    };
    spec.expectation = expectation;
    return makeInProcessEngine(std::move(spec));
}

} // namespace

std::vector<std::unique_ptr<BenchEngine>> makeForcedEngines() {
    using D = ForcedDecoder;
    using R = ForcedReads;
    std::vector<std::unique_ptr<BenchEngine>> engines;
    engines.push_back(forcedEngine("cropdeck-full-decode",
                                   QStringLiteral("forced: the whole image read once (the reader's decoder), "
                                                  "every window cut from it; any image"),
                                   {D::Auto, R::WholeImage}));
    engines.push_back(
        forcedEngine("cropdeck-each-window",
                     QStringLiteral("forced: one read per window (no union, no row bands); any image"),
                     {D::Auto, R::EachWindow}));
    engines.push_back(
        forcedEngine("cropdeck-jpeg-region",
                     QStringLiteral("forced: jpeg_crop_scanline + jpeg_skip_scanlines per window, "
                                    "never restart access; JPEG"),
                     {D::JpegRegion, R::EachWindow}));
    engines.push_back(forcedEngine("cropdeck-row-bands",
                                   QStringLiteral("forced: the windows' row bands in one JPEG pass; JPEG"),
                                   {D::JpegRegion, R::RowBands}));
    engines.push_back(
        forcedEngine("cropdeck-restart",
                     QStringLiteral("forced: restart-marker random access per window; JPEG with "
                                    "restart markers"),
                     {D::JpegRestart, R::EachWindow}));
    engines.push_back(forcedEngine(
        "cropdeck-dct-scaled", QStringLiteral("forced: each window decoded at 1/2 in the DCT domain; JPEG"),
        {D::Auto, R::EachWindow, 2}, {2, kDctScaledMinimumPsnr}));
    InProcessSpec lossless{
        QStringLiteral("cropdeck-lossless"),
        EngineKind::CropDeck,
        true,
        QStringLiteral("the lossless path: TurboJPEG crop, MCU-aligned, timed to the output "
                       "bytes, verified decoded and cut from the written rectangle; JPEG"),
        losslessBytes,
        losslessDecoded};
    lossless.notApplicable = losslessNotApplicable;
    lossless.expectation = {1, kLosslessMinimumPsnr};
    engines.push_back(makeInProcessEngine(std::move(lossless)));
    engines.push_back(
        forcedEngine("cropdeck-png-row-stop",
                     QStringLiteral("forced: libpng row decode of the windows' union, stopping after "
                                    "its last row; PNG"),
                     {D::PngRows, R::Union}));
    engines.push_back(
        forcedEngine("cropdeck-png-inflate",
                     QStringLiteral("forced: one libdeflate inflate of the whole image, the union's "
                                    "rows converted; PNG, not interlaced"),
                     {D::PngWholeInflate, R::Union}));
    engines.push_back(forcedEngine("cropdeck-bmp-rows",
                                   QStringLiteral("forced: only the needed rows, one read per window; BMP"),
                                   {D::BmpRows, R::EachWindow}));
    return engines;
}

} // namespace cropdeck::bench
