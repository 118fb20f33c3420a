// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Engines that run as subprocesses and time themselves (their start-up is not counted): Python + Pillow,
// Python + OpenCV, and a small C program on libvips. Each gets a jobs file, a thread count and a trial
// count, does its own warm-up, and prints one JSON object; its warm-up crops of a few pictures come back
// as raw files for the pixel check.

#include "BenchTypes.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace cropdeck::benchmark {

struct PeerEngine {
    QString name;       // "pillow", "opencv-python", "vips"
    QString program;    // executable
    QStringList prefix; // arguments before the protocol's (the script for Python peers)
    bool python = false;
    QString skipReason; // non-empty: not available on this machine
};

struct PeerSetup {
    QString python;      // interpreter with the Debian modules (default: /usr/bin/python3 when present)
    QString peersDir;    // folder of pillow_crop.py, opencv_crop.py
    QString vipsProgram; // cropdeck_vips_crop, empty when it was not built
};

// Every peer, with skipReason set for those that cannot run here.
std::vector<PeerEngine> detectPeers(const PeerSetup& setup);

// Runs one peer on a case: timing plus the pixel check of `checkIndices` against `references`.
EngineResult runPeer(const PeerEngine& peer, const CropCase& crops, int threads, int trials,
                     const std::vector<int>& checkIndices, const std::vector<cv::Mat>& references);

} // namespace cropdeck::benchmark
