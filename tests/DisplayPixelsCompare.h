// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Core's display pixels (engine/DisplayImage.h) compared with OpenCV reference decodes.

#include "engine/DisplayImage.h"

#include <opencv2/core/mat.hpp>

namespace cropdeck::test {

// Display pixels (R G B(A) or gray, padded rows) as a cv::Mat in OpenCV's channel order.
cv::Mat displayPixelsAsBgr(const DisplayPixels& pixels);

} // namespace cropdeck::test
