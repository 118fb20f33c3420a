// SPDX-License-Identifier: GPL-3.0-or-later
#include "PixelCheck.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace cropdeck::benchmark {

namespace {

// A 3-channel image whose channels are all equal, as one gray channel; anything else unchanged.
cv::Mat grayIfNeutral(const cv::Mat& output) {
    if (output.channels() != 3)
        return output;
    std::vector<cv::Mat> planes;
    cv::split(output, planes);
    if (cv::countNonZero(planes[0] != planes[1]) || cv::countNonZero(planes[0] != planes[2]))
        return output;
    return planes[0];
}

} // namespace

void addComparison(PixelCheck& check, const cv::Mat& reference, const cv::Mat& output) {
    ++check.checked;
    const cv::Mat comparable = reference.channels() == 1 ? grayIfNeutral(output) : output;
    if (comparable.size() != reference.size() || comparable.type() != reference.type()) {
        check.identical = false;
        check.problem = QStringLiteral("output %1x%2x%3 vs reference %4x%5x%6")
                            .arg(comparable.cols)
                            .arg(comparable.rows)
                            .arg(comparable.channels())
                            .arg(reference.cols)
                            .arg(reference.rows)
                            .arg(reference.channels());
        return;
    }
    cv::Mat diff;
    cv::absdiff(comparable, reference, diff);
    double maxDiff = 0;
    cv::minMaxLoc(diff.reshape(1), nullptr, &maxDiff);
    cv::Mat anyChannel;
    cv::reduce(diff.reshape(1, int(diff.total())), anyChannel, 1, cv::REDUCE_MAX);
    const int differing = cv::countNonZero(anyChannel);
    check.maxAbsDiff = std::max(check.maxAbsDiff, int(maxDiff));
    check.differingPixels += differing;
    check.identical = check.identical && differing == 0;
}

} // namespace cropdeck::benchmark
