// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The benchmark's method, kept apart from any engine so that it can be tested on synthetic timings:
// one warm-up pass per run (discarded), then `trials` rounds in which every run takes one timed pass,
// the order rotating from round to round so that drift (frequency, other load) hits every run alike.
// Figures are the median and the spread (max - min) / median.

#include <functional>
#include <vector>

namespace cropdeck::bench {

struct TrialStats {
    double median = 0;
    double min = 0;
    double max = 0;
    double spreadPercent = 0; // 100 * (max - min) / median; 0 with fewer than two trials
};

TrialStats summarizeTrials(std::vector<double> seconds);

// Calls warmUp(run) once per run, then timedPass(run) for every run in each of `trials` rounds (round r
// starts at run r % runs). Returns the seconds of each run's timed passes, in round order. A run whose
// timedPass returns a negative value has failed: it takes no further pass.
std::vector<std::vector<double>> interleaveTrials(int runs, int trials,
                                                  const std::function<void(int)>& warmUp,
                                                  const std::function<double(int)>& timedPass);

} // namespace cropdeck::bench
