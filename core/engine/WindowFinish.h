// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to engine/ImageCropper: what happens to one window between its decoded stored pixels and its
// final pixels (orientation, padding, resize, gray), and the DCT scale its decode may use.

#include "Result.h"
#include "engine/CropSettings.h"
#include "engine/WindowPipeline.h"
#include "io/ImageInfo.h"

#include <opencv2/core/mat.hpp>

#include <optional>

namespace cropdeck {

// A window whose pixels are still to be read.
struct PendingCut {
    int windowIndex;
    WindowPlan plan;
    int scaleDenom = 1;
};

// Boxes given on the stored pixels (EXIF orientation not applied to the coordinates).
inline bool storedCoordinates(const CropSettings& settings) {
    return !settings.orientationFromExif;
}

// 1, 2, 4 or 8: the DCT scale a JPEG decode of this window may use (the output size is known up front
// only when nothing but a resize changes it).
int dctScaleFor(const WindowPlan& plan, const ImageInfo& info, const CropSettings& settings);

// Turns the decoded stored pixels of one window into its final pixels: a view of `storedPixels` when
// nothing changes them (cv::Mat counts the references, so the view stays valid, but it keeps all of
// `storedPixels` alive: keepPixels() before holding it beyond the window's delivery).
Result<cv::Mat> finishWindow(const cv::Mat& storedPixels, const WindowPlan& plan, const ImageInfo& info,
                             const CropSettings& settings, int scaleDenom);

// `pixels`, owning exactly their own data: a copy of a view into a larger image (which it would keep
// alive) or of memory it does not own.
cv::Mat keepPixels(const cv::Mat& pixels);

} // namespace cropdeck
