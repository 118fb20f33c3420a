// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Named benchmark runs after the studies CropDeck grew from (`cropdeck --bench --scenario NAME`, listed
// by `--bench --list`), each redone here with every crop verified:
//   pillow-vips-32    a Rust crop library timed against Pillow-SIMD and pyvips, threads vs processes:
//                     32 pictures of 4000x4000 gray JPEG and PNG and 512x512 colour, the seed workloads'
//                     random and bottom-right windows;
//   fixed-window-287  a blog post cropping 287 JPEG photos with one 100x100 window at (500, 500), serial
//                     vs a thread pool vs Python threads + OpenCV (the user's photos with --images);
//   crop-modes        a batch crop library's throughput in MPx/s by crop mode: a fixed, a centre and a
//                     seeded random 512x512 window per 4000x4000 colour photo (or the user's, --images),
//                     and a centre 1024x1024 resized to 224x224 (engines that resize: CropDeck, OpenCV);
//   save-images       saving generated pictures as PNG and as JPEG, serially vs pooled, to disk vs tmpfs
//                     (each 512x512 picture cropped whole, so the run is the encode and the write).
// A scenario fills in a BenchRequest; what the user sets on the command line (count, side, threads,
// trials, engines, --images) is applied on top by the shell.

#include "Result.h"
#include "bench/BenchRunner.h"

#include <QString>

#include <vector>

namespace cropdeck::bench {

struct Scenario {
    QString name;
    QString study; // the original study, one line
    QString runs;  // what this scenario runs, one line
};

const std::vector<Scenario>& scenarios();

// Sets `request` up for the scenario: source, seed workloads and count, window shapes, outputs, engines
// and thread counts. Invalid for an unknown name (the message lists the known ones).
Status applyScenario(const QString& name, BenchRequest& request);

} // namespace cropdeck::bench
