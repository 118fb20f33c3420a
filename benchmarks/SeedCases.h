// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The benchmark's inputs: each seed workload generated once into its own folder (reused while its
// stamp matches) and its two window lists resolved to pixel rectangles.

#include "BenchTypes.h"
#include "Result.h"
#include "bench/DatasetGenerator.h"

#include <QTextStream>

#include <vector>

namespace cropdeck::benchmark {

struct SeedSetup {
    QString root; // one sub-folder per workload
    int count = 32;
    quint64 seed = 1;
    int side = 0;    // 0: the workload's own size
    int threads = 0; // for generation
};

// Generates the workload if needed (progress on `log`), then returns its "random" and "bottom-right" cases.
Result<std::vector<CropCase>> prepareSeedCases(const SeedWorkloadSpec& spec, const SeedSetup& setup,
                                               QTextStream& log);

} // namespace cropdeck::benchmark
