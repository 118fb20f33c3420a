// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Engines that crop inside this process, one image per task on a thread pool (or one image after
// another): CropDeck's planner (cropImage), CropDeck's region reader forced to one read per window, and
// OpenCV's full decode + crop, serial and pooled.

#include "bench/BenchEngine.h"

#include <functional>
#include <memory>

namespace cropdeck::bench {

// Crops every window of one image (in window order), 8-bit pixels as core returns them.
using ImageCropFunction = std::function<Result<std::vector<cv::Mat>>(const BenchImage&)>;

struct InProcessSpec {
    QString name;
    EngineKind kind = EngineKind::InProcess;
    bool parallel = true; // false: images one after another on the calling thread
    QString detail;
    ImageCropFunction crop;
};

// An engine from a crop function; tests build deliberately wrong or slow ones this way.
std::unique_ptr<BenchEngine> makeInProcessEngine(InProcessSpec spec);

// "cropdeck", "cropdeck-each-window", "opencv-serial", "opencv-pool".
std::vector<std::unique_ptr<BenchEngine>> makeInProcessEngines();

// A cheap fold of a crop (a few samples per row) so that no compiler can drop the work that made it.
quint64 foldPixels(const cv::Mat& pixels);

} // namespace cropdeck::bench
