// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BenchTypes.h"
#include "InProcessEngines.h"

#include <opencv2/core/mat.hpp>

#include <vector>

namespace cropdeck::benchmark {

// Times an in-process engine on a case: one warm-up run, then `trials` runs, each over every item (one
// item per task on a pool of `threads`, or serially), then checks the crops of `checkIndices`.
EngineResult runInProcess(const InProcessEngine& engine, const CropCase& crops, int threads, int trials,
                          const std::vector<int>& checkIndices, const std::vector<cv::Mat>& references);

} // namespace cropdeck::benchmark
