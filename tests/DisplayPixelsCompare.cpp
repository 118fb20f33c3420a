// SPDX-License-Identifier: GPL-3.0-or-later
#include "DisplayPixelsCompare.h"

#include <opencv2/imgproc.hpp>

namespace cropdeck::test {

cv::Mat displayPixelsAsBgr(const DisplayPixels& pixels) {
    const int type = pixels.channels == 1 ? CV_8UC1 : pixels.channels == 3 ? CV_8UC3 : CV_8UC4;
    const cv::Mat view(pixels.size.height(), pixels.size.width(), type,
                       const_cast<char*>(pixels.data.constData()), size_t(pixels.bytesPerLine));
    cv::Mat bgr;
    if (pixels.channels == 3)
        cv::cvtColor(view, bgr, cv::COLOR_RGB2BGR);
    else if (pixels.channels == 4)
        cv::cvtColor(view, bgr, cv::COLOR_RGBA2BGRA);
    else
        bgr = view.clone();
    return bgr;
}

} // namespace cropdeck::test
