// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The engines that run inside the benchmark process: OpenCV full decode + crop (serial and one picture
// per pool thread), CropDeck's planner (cropImage), and Qt's QImageReader with a clip rectangle.

#include "BenchTypes.h"
#include "Result.h"

#include <QString>

#include <opencv2/core/mat.hpp>

#include <functional>
#include <optional>
#include <vector>

namespace cropdeck::benchmark {

struct InProcessEngine {
    QString name;
    bool parallel = true; // false: the items run one after another on the calling thread
    // The timed work: crop one item and return a checksum of the output (nullopt when the crop failed).
    std::function<std::optional<quint64>(const CropItem&)> timed;
    // The same path, untimed, with the output as 8-bit gray or BGR for the pixel check.
    std::function<Result<cv::Mat>(const CropItem&)> checked;
    QString skipReason; // non-empty: cannot run in this build
    // Optional, untimed: what the engine did for one item (CropDeck's decode plan), for the report.
    std::function<QString(const CropItem&)> describe;
};

// The reference every engine is compared with: cv::imread(IMREAD_UNCHANGED | IMREAD_IGNORE_ORIENTATION)
// of the whole picture, then the window, copied.
Result<cv::Mat> referenceCrop(const CropItem& item);

std::vector<InProcessEngine> inProcessEngines();

// A cheap fold of an output (a few samples per row) so no compiler can drop the work that made it.
quint64 foldPixels(const uchar* data, int width, int height, qsizetype bytesPerLine, int bytesPerPixel);

} // namespace cropdeck::benchmark
