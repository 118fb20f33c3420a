// SPDX-License-Identifier: GPL-3.0-or-later
#include "TimeStats.h"

#include <algorithm>

namespace cropdeck::benchmark {

TimeStats summarize(std::vector<double> trials) {
    TimeStats stats;
    if (trials.empty())
        return stats;
    std::sort(trials.begin(), trials.end());
    const size_t n = trials.size();
    stats.median = n % 2 ? trials[n / 2] : (trials[n / 2 - 1] + trials[n / 2]) / 2;
    stats.min = trials.front();
    stats.max = trials.back();
    stats.spreadPercent = stats.median > 0 ? 100.0 * (stats.max - stats.min) / stats.median : 0;
    return stats;
}

} // namespace cropdeck::benchmark
