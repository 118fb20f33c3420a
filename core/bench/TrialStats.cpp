// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/TrialStats.h"

#include <algorithm>

namespace cropdeck::bench {

TrialStats summarizeTrials(std::vector<double> seconds) {
    TrialStats stats;
    if (seconds.empty())
        return stats;
    std::sort(seconds.begin(), seconds.end());
    const size_t n = seconds.size();
    stats.median = n % 2 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
    stats.min = seconds.front();
    stats.max = seconds.back();
    stats.spreadPercent = n > 1 && stats.median > 0 ? 100.0 * (stats.max - stats.min) / stats.median : 0;
    return stats;
}

std::vector<std::vector<double>> interleaveTrials(int runs, int trials,
                                                  const std::function<void(int)>& warmUp,
                                                  const std::function<double(int)>& timedPass) {
    std::vector<std::vector<double>> seconds(size_t(std::max(runs, 0)));
    std::vector<bool> failed(seconds.size(), false);
    for (int run = 0; run < runs; ++run)
        warmUp(run);
    for (int round = 0; round < trials; ++round)
        for (int k = 0; k < runs; ++k) {
            const int run = (round + k) % runs;
            if (failed[size_t(run)])
                continue;
            const double elapsed = timedPass(run);
            if (elapsed < 0)
                failed[size_t(run)] = true;
            else
                seconds[size_t(run)].push_back(elapsed);
        }
    return seconds;
}

} // namespace cropdeck::bench
