// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Plain values shared by the seed benchmark's parts: what is cropped, how long it took, whether the
// pixels were right.

#include <QString>
#include <QtGlobal>

#include <opencv2/core/types.hpp>

#include <vector>

namespace cropdeck::benchmark {

// One picture and the one window to cut from it (stored pixels, inside the picture).
struct CropItem {
    QString path;
    cv::Rect rect;
};

// A workload's pictures with one window set ("random" or "bottom-right").
struct CropCase {
    QString workload;    // seed workload name, e.g. "gray-jpeg"
    QString description; // e.g. "4000x4000 gray JPEG q90"
    QString windows;     // "random" or "bottom-right"
    std::vector<CropItem> items;
};

// Wall-clock seconds of one warm-up run and of the timed trials, each over every item of a case.
struct TrialTimes {
    double warmup = 0;
    std::vector<double> trials;
};

struct TimeStats {
    double median = 0;
    double min = 0;
    double max = 0;
    double spreadPercent = 0; // (max - min) / median
};

// Comparison of an engine's crops with the reference (OpenCV full decode + the same crop).
struct PixelCheck {
    int checked = 0; // crops compared
    bool identical = true;
    int maxAbsDiff = 0;         // over every compared sample
    qint64 differingPixels = 0; // pixels with any channel differing
    QString problem;            // size/channel mismatch or a failed crop; empty when comparable
};

struct EngineResult {
    QString engine;
    QString detail;     // version, decode plan, ...
    QString skipReason; // non-empty: the engine did not run (not installed, not built, failed)
    TrialTimes times;
    TimeStats stats;
    PixelCheck check;
    quint64 checksum = 0; // folds every output so no run can be optimised away; printed in the JSON
    int failures = 0;     // crops that failed during the timed runs
};

struct CaseResult {
    CropCase crops;
    std::vector<EngineResult> engines;
};

} // namespace cropdeck::benchmark
