// SPDX-License-Identifier: GPL-3.0-or-later
#include "geometry/OrientPixels.h"

#include "geometry/Orientation.h"

#include <opencv2/core.hpp>

namespace cropdeck {

cv::Mat applyOrientation(const cv::Mat& stored, int orientation) {
    // OpenCV's flips reject n-dimensional arrays; an empty Mat has nothing to orient.
    if (stored.empty() || stored.dims > 2)
        return stored;
    cv::Mat upright;
    switch (normalizedOrientation(orientation)) {
    case 2:
        cv::flip(stored, upright, 1);
        break;
    case 3:
        cv::rotate(stored, upright, cv::ROTATE_180);
        break;
    case 4:
        cv::flip(stored, upright, 0);
        break;
    case 5:
        cv::transpose(stored, upright);
        break;
    case 6:
        cv::rotate(stored, upright, cv::ROTATE_90_CLOCKWISE);
        break;
    case 7: {
        // Transverse: a transpose seen from the other corner, i.e. transpose then flip both axes.
        cv::Mat transposed;
        cv::transpose(stored, transposed);
        cv::flip(transposed, upright, -1);
        break;
    }
    case 8:
        cv::rotate(stored, upright, cv::ROTATE_90_COUNTERCLOCKWISE);
        break;
    default:
        return stored;
    }
    return upright;
}

} // namespace cropdeck
