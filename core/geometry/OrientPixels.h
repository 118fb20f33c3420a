// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Stored pixels → upright pixels for an EXIF orientation, matching the coordinate mapping of
// Orientation.h: for any stored region r, applyOrientation(stored(r), o) equals the upright image
// restricted to storedToUpright(r, storedSize, o). So a decoder can read a stored region and orient
// just that region.

#include <opencv2/core/mat.hpp>

namespace cropdeck {

// A new Mat for orientations 2..8; orientation 1 (or an invalid value) returns `stored` itself,
// sharing its pixels, as do empty and
// n-dimensional Mats. Any 2-D type and channel count.
[[nodiscard]] cv::Mat applyOrientation(const cv::Mat& stored, int orientation);

} // namespace cropdeck
