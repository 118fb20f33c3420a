// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Where a benchmark's cases come from:
//   seed     the seed workloads (DatasetGenerator.h), generated once into a folder and reused while their
//            stamp matches; each gives two cases, its random windows and the same sizes pinned to the
//            bottom-right corner;
//   a set    the user's images and annotations, read by prepareBatch() exactly as --batch reads them;
//            each window's source rectangle (after the batch's window rules, clipped to the image) is
//            mapped to stored pixels;
//   random   the user's images with N seeded random windows each (sides from 1/8 to 1/2 of the image).

#include "Result.h"
#include "bench/BenchCase.h"

#include <QStringList>

#include <atomic>
#include <functional>
#include <vector>

namespace cropdeck::bench {

struct SeedCasesRequest {
    QString folder;        // one sub-folder per workload
    QStringList workloads; // names (DatasetGenerator's seedWorkloads()); empty: all
    int count = 32;
    quint64 seed = 1;
    int side = 0;    // > 0 overrides each workload's side (quick runs, tests)
    int threads = 0; // for generation
};

// Generates what is missing (`log` hears what is being generated), then returns the cases. `cancel` (may
// be null) is checked between workloads: ErrorKind::Cancelled, the workloads already written kept.
Result<std::vector<BenchCase>> seedCases(const SeedCasesRequest& request,
                                         const std::function<void(const QString&)>& log,
                                         const std::atomic_bool* cancel = nullptr);

// --images DIR|LIST --annotations FILE, read as --batch reads them.
Result<BenchCase> annotatedSetCase(const QString& images, const QString& annotations, int threads);

// --images DIR|LIST --random-windows N --seed S.
Result<BenchCase> randomWindowsCase(const QString& images, int windowsPerImage, quint64 seed);

} // namespace cropdeck::bench
