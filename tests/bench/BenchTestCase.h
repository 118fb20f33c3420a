// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A small benchmark case for the harness tests: colour noise PNGs (any shift or channel swap changes
// most samples by far more than the tolerance) with a few windows each.

#include "Result.h"
#include "bench/BenchCase.h"
#include "bench/BenchReport.h"

#include <QString>

#include <opencv2/core/mat.hpp>

#include <memory>
#include <vector>

namespace cropdeck::bench {
class BenchEngine;
}

namespace cropdeck::test {

bench::BenchCase noiseCase(const QString& folder, int images);

// Every window of `image` cut from OpenCV's imread of the whole file (IMREAD_UNCHANGED), shifted right by
// `shift` pixels (0: the right crops), for test engines.
Result<std::vector<cv::Mat>> imreadCrops(const bench::BenchImage& image, int shift = 0);

// Runs the engines on the case at 1 thread, 1 trial; fails the test when the reference cannot be made.
std::vector<bench::EngineRun> runEngines(const bench::BenchCase& benchCase,
                                         const std::vector<std::unique_ptr<bench::BenchEngine>>& engines);

// The python3 (on PATH, or /usr/bin/python3) that can import PIL; empty when none can.
QString pythonWithPillow();

} // namespace cropdeck::test
