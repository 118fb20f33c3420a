// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BenchTypes.h"

#include <opencv2/core/mat.hpp>

namespace cropdeck::benchmark {

// Adds one crop's comparison with its reference to `check`. A colour crop is compared with a gray
// reference after conversion when its three channels are equal (some peers always return RGB).
void addComparison(PixelCheck& check, const cv::Mat& reference, const cv::Mat& output);

} // namespace cropdeck::benchmark
