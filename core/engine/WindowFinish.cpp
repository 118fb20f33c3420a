// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/WindowFinish.h"

#include "geometry/OrientPixels.h"
#include "geometry/Padding.h"
#include "geometry/ResizePlan.h"

#include <opencv2/imgproc.hpp>

namespace cropdeck {
namespace {

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

} // namespace

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
    // Most windows of a dense batch are encoded as they are delivered: copying each out of the decoded
    // region first cost 7% of the batch's user time. Sinks that keep windows call keepPixels().
    return pixels;
}

cv::Mat keepPixels(const cv::Mat& pixels) {
    const bool ownsExactly =
        pixels.u != nullptr && pixels.data == pixels.datastart && pixels.dataend == pixels.datalimit;
    return ownsExactly || pixels.empty() ? pixels : pixels.clone();
}

} // namespace cropdeck
