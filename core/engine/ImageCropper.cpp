// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/ImageCropper.h"

#include "engine/CropSettingsCheck.h"
#include "engine/RegionReader.h"
#include "geometry/OrientPixels.h"
#include "geometry/Orientation.h"
#include "geometry/Padding.h"
#include "geometry/ResizePlan.h"
#include "engine/WindowPipeline.h"
#include "io/ImageProbe.h"
#include "io/jpeg/JpegLosslessCrop.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace cropdeck {
namespace {

// A window whose pixels are still to be read.
struct PendingCut {
    int windowIndex;
    WindowPlan plan;
    std::optional<ResizePlan> resize; // known up front only when nothing changes the size before resizing
    int scaleDenom = 1;
};

bool storedCoordinates(const CropSettings& settings) {
    return !settings.orientationFromExif;
}

QString windowLabel(const QList<CropWindow>& windows, int index) {
    const QString& id = windows[index].id;
    return QStringLiteral("window %1").arg(id.isEmpty() ? QString::number(index) : id);
}

Error withFile(const QString& path, const Error& error) {
    return makeError(error.kind, QStringLiteral("%1: %2").arg(path, error.message));
}

cv::Mat resizeTo(const cv::Mat& pixels, QSize size) {
    if (pixels.cols == size.width() && pixels.rows == size.height())
        return pixels;
    // Area averaging when shrinking (no aliasing), bilinear when enlarging.
    const bool shrinking = size.width() <= pixels.cols && size.height() <= pixels.rows;
    cv::Mat resized;
    cv::resize(pixels, resized, cv::Size(size.width(), size.height()), 0, 0,
               shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
    return resized;
}

cv::Mat toGray(const cv::Mat& pixels) {
    if (pixels.channels() == 1)
        return pixels;
    cv::Mat gray;
    cv::cvtColor(pixels, gray, pixels.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    return gray;
}

// Resize then keep (Fill crops the middle of the resized image). The plan comes from the full-resolution
// size so that a DCT-scaled decode ends at exactly the same output size as a full one.
Result<cv::Mat> applyResize(const cv::Mat& pixels, QSize fullResolution, const CropSettings& settings) {
    if (settings.resize == ResizeMode::None)
        return pixels;
    Result<ResizePlan> plan = planResize(fullResolution, settings.resize, settings.resizeTo);
    if (!plan)
        return plan.error();
    const cv::Mat resized = resizeTo(pixels, plan->scaledSize);
    const QRect& keep = plan->keep;
    if (keep.size() == plan->scaledSize)
        return resized;
    return resized(cv::Rect(keep.x(), keep.y(), keep.width(), keep.height())).clone();
}

// The orientation that turns a window's stored pixels into its output: the window's own mapping for
// upright coordinates, the image's for stored coordinates (outputs are upright either way).
int outputOrientation(const WindowPlan& plan, const ImageInfo& info, const CropSettings& settings) {
    return storedCoordinates(settings) ? info.orientation : plan.orientation;
}

// Size of a window's pixels once upright and padded, at full resolution: what the resize is planned on,
// whatever scale the pixels were decoded at, so that every decode path gives the same output size.
QSize fullResolutionSize(const WindowPlan& plan, const ImageInfo& info, const CropSettings& settings) {
    QSize size = plan.bounds.canvasSize;
    if (storedCoordinates(settings) && info.orientation >= 5)
        size.transpose();
    return size;
}

// The output size of a window's region is known before decoding when only a resize changes it: then a
// JPEG can be decoded at 1/2, 1/4 or 1/8 scale in the DCT domain.
int dctScaleFor(const WindowPlan& plan, const ImageInfo& info, const CropSettings& settings) {
    if (settings.resize == ResizeMode::None || plan.bounds.needsPadding)
        return 1;
    Result<ResizePlan> resize =
        planResize(fullResolutionSize(plan, info, settings), settings.resize, settings.resizeTo);
    if (!resize)
        return 1;
    QSize target = resize->scaledSize;
    if (outputOrientation(plan, info, settings) >= 5)
        target.transpose(); // back to stored axes
    return chooseDctScale(plan.storedSource.size(), target);
}

// Turns the decoded stored pixels of one window into its final pixels.
Result<cv::Mat> finishWindow(const cv::Mat& storedPixels, const WindowPlan& plan, const ImageInfo& info,
                             const CropSettings& settings, int scaleDenom) {
    cv::Mat pixels = applyOrientation(storedPixels, plan.orientation);
    if (scaleDenom == 1) {
        Result<cv::Mat> padded = padToCanvas(pixels, plan.bounds.canvasSize, plan.bounds.destOffset,
                                             settings.padMode, settings.padBgr);
        if (!padded)
            return padded.error();
        pixels = *padded;
    }
    if (storedCoordinates(settings))
        pixels = applyOrientation(pixels, info.orientation); // outputs are upright either way
    Result<cv::Mat> resized = applyResize(pixels, fullResolutionSize(plan, info, settings), settings);
    if (!resized)
        return resized.error();
    pixels = *resized;
    if (settings.grayscale)
        pixels = toGray(pixels);
    // Own the pixels: a view would keep the whole decoded region alive.
    return pixels.isContinuous() && pixels.data != storedPixels.data ? pixels : pixels.clone();
}

// How the windows of one image are read.
enum class ReadPlan {
    EachWindow, // one read per window: random access (restart markers, BMP), one window, or the OpenCV
                // fallback (which decodes once and serves every window from memory)
    Union,      // PNG: one decode of the rectangle holding every window
    RowBands,   // JPEG without restart markers: the windows' rows in one pass
};

QRect unionOf(const std::vector<PendingCut>& cuts) {
    QRect united;
    for (const PendingCut& cut : cuts)
        united = united.united(cut.plan.storedSource);
    return united;
}

// The windows' row ranges merged where they share or touch a row, each spanning the columns of every
// window, top to bottom.
std::vector<QRect> rowBandsOf(const std::vector<PendingCut>& cuts) {
    const QRect columns = unionOf(cuts);
    std::vector<std::pair<int, int>> rows; // [top, bottom]
    for (const PendingCut& cut : cuts)
        rows.emplace_back(cut.plan.storedSource.top(), cut.plan.storedSource.bottom());
    std::sort(rows.begin(), rows.end());
    std::vector<QRect> bands;
    for (const auto& [top, bottom] : rows) {
        if (!bands.empty() && top <= bands.back().bottom() + 1)
            bands.back().setBottom(std::max(bands.back().bottom(), bottom));
        else
            bands.push_back(QRect(columns.x(), top, columns.width(), bottom - top + 1));
    }
    return bands;
}

// Every read of a file without random access decodes from the top again: a JPEG's entropy data (full
// rows, whatever the columns) down to the window, a PNG's zlib stream. Reading the windows together
// pays that once. For PNG the union rectangle costs little beyond the inflate (its memory is at most
// the image, which the batch's memory budget already reserves). For JPEG the row bands decode the
// windows' rows only, but across all their columns: they win unless the windows are few, near the
// top, and far apart sideways. Cost per pixel: 1 for entropy decoding a row, 1.5 for the IDCT,
// upsampling and colour conversion of a decoded pixel (measured: a full gray decode is 1.6 times its
// entropy decode, colour more).
ReadPlan planReads(const std::vector<PendingCut>& cuts, const RegionReader& reader, const ImageInfo& info) {
    if (cuts.size() < 2 || !reader.readsFromTheTop())
        return ReadPlan::EachWindow;
    for (const PendingCut& cut : cuts)
        if (cut.scaleDenom != 1)
            return ReadPlan::EachWindow; // DCT scaling is per window
    if (info.format != ImageFormat::Jpeg)
        return ReadPlan::Union;
    const double width = info.width;
    double eachWindow = 0;
    int lowest = 0;
    for (const PendingCut& cut : cuts) {
        const QRect& r = cut.plan.storedSource;
        eachWindow += width * (r.bottom() + 1) + 1.5 * double(r.width()) * r.height();
        lowest = std::max(lowest, r.bottom() + 1);
    }
    double bandRows = 0;
    for (const QRect& band : rowBandsOf(cuts))
        bandRows += band.height();
    const double together = width * lowest + 1.5 * double(unionOf(cuts).width()) * bandRows;
    return together <= eachWindow ? ReadPlan::RowBands : ReadPlan::EachWindow;
}

cv::Mat cutFrom(const DecodedRegion& decoded, const QRect& storedRect) {
    const QRect local = storedRect.translated(-decoded.region.topLeft());
    return decoded.pixels(cv::Rect(local.x(), local.y(), local.width(), local.height()));
}

void cropLossless(const QString& path, const ImageInfo& info, const CropSettings& settings,
                  RegionReader& reader, const std::vector<PendingCut>& cuts, CroppedImage& result) {
    Result<QByteArrayView> data = reader.bytes();
    for (const PendingCut& cut : cuts) {
        CroppedWindow& window = result.windows[cut.windowIndex];
        if (!data) {
            window.error = data.error();
            continue;
        }
        Result<LosslessJpegCrop> crop =
            cropJpegLossless(*data, cut.plan.storedSource, info.orientation, path);
        if (!crop) {
            window.error = crop.error();
            continue;
        }
        window.losslessJpeg = std::move(crop->jpeg);
        window.mcuAligned = crop->aligned;
        // Report the rectangle in the convention the user's boxes use.
        window.writtenRect =
            settings.orientationFromExif
                ? storedToUpright(crop->croppedRect, QSize(info.width, info.height), info.orientation)
                : crop->croppedRect;
    }
    result.decodePlan = QStringLiteral("jpeg-lossless");
}

} // namespace

bool usesLosslessPath(const ImageInfo& info, const CropSettings& settings) {
    // The settings that allow a lossless crop are checkCropSettings()'s rule, which requests also pass.
    return settings.lossless && info.format == ImageFormat::Jpeg && checkCropSettings(settings).ok();
}

Result<CroppedImage> cropImage(const QString& imagePath, const QList<CropWindow>& windows,
                               const CropSettings& settings, const std::atomic_bool* cancel) {
    Result<ImageInfo> info = probeImage(imagePath, settings.maxPixels);
    if (!info)
        return info.error();
    return cropImage(imagePath, *info, windows, settings, cancel);
}

Result<CroppedImage> cropImage(const QString& imagePath, const ImageInfo& info,
                               const QList<CropWindow>& windows, const CropSettings& settings,
                               const std::atomic_bool* cancel) {
    CroppedImage result;
    result.info = info;
    result.windows.resize(windows.size());
    const QSize storedSize(info.width, info.height);

    std::vector<PendingCut> cuts;
    for (int i = 0; i < windows.size(); ++i) {
        CroppedWindow& window = result.windows[i];
        window.windowIndex = i;
        Result<WindowPlan> plan =
            planWindow(windows[i], storedSize, info.orientation, storedCoordinates(settings), settings);
        if (!plan) {
            window.error =
                makeError(plan.error().kind, QStringLiteral("%1: %2").arg(imagePath, plan.error().message));
            continue;
        }
        window.sourceRect = plan->window;
        if (plan->bounds.skip) {
            window.skipped = true;
            continue;
        }
        cuts.push_back({i, std::move(plan.value()), std::nullopt, 1});
    }
    if (cuts.empty())
        return result;

    RegionReader reader(imagePath, info, settings.failOn, cancel);
    if (usesLosslessPath(info, settings)) {
        cropLossless(imagePath, info, settings, reader, cuts, result);
        return result;
    }
    for (PendingCut& cut : cuts)
        cut.scaleDenom = reader.supportsScaledDecode() ? dctScaleFor(cut.plan, info, settings) : 1;

    const auto finish = [&](const PendingCut& cut, const DecodedRegion& decoded, const cv::Mat& stored) {
        Result<cv::Mat> pixels = finishWindow(stored, cut.plan, info, settings, decoded.scaleDenom);
        if (pixels)
            result.windows[cut.windowIndex].pixels = std::move(pixels.value());
        else
            result.windows[cut.windowIndex].error = withFile(
                imagePath, makeError(pixels.error().kind, windowLabel(windows, cut.windowIndex) +
                                                              QStringLiteral(": ") + pixels.error().message));
    };

    switch (planReads(cuts, reader, info)) {
    case ReadPlan::Union: {
        Result<DecodedRegion> decoded = reader.read(unionOf(cuts));
        if (!decoded)
            return decoded.error();
        for (const PendingCut& cut : cuts)
            finish(cut, *decoded, cutFrom(*decoded, cut.plan.storedSource));
        break;
    }
    case ReadPlan::RowBands: {
        Result<std::vector<DecodedRegion>> bands = reader.readRowBands(rowBandsOf(cuts));
        if (!bands)
            return bands.error();
        for (const PendingCut& cut : cuts) {
            const QRect& source = cut.plan.storedSource;
            const auto band = std::find_if(bands->begin(), bands->end(), [&](const DecodedRegion& decoded) {
                return decoded.region.contains(source);
            });
            Q_ASSERT(band != bands->end());
            finish(cut, *band, cutFrom(*band, source));
        }
        break;
    }
    case ReadPlan::EachWindow:
        for (const PendingCut& cut : cuts) {
            Result<DecodedRegion> decoded = reader.read(cut.plan.storedSource, cut.scaleDenom);
            if (!decoded)
                return decoded.error();
            finish(cut, *decoded,
                   decoded->scaleDenom == 1 ? cutFrom(*decoded, cut.plan.storedSource) : decoded->pixels);
        }
        break;
    }
    result.decodePlan = reader.plan();
    return result;
}

} // namespace cropdeck
