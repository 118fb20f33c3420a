// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/OpenCvThreading.h"

#include <opencv2/core/utility.hpp>

#include <mutex>

namespace cropdeck {

void useSingleThreadedOpenCv() {
    static std::once_flag once;
    std::call_once(once, [] { cv::setNumThreads(1); });
}

} // namespace cropdeck
