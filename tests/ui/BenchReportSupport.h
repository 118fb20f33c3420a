// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A benchmark report made up for the Benchmark tab's tests, so that they need no run: two cases, each
// with cropdeck and opencv-pool at 1 and 2 threads, opencv-serial, one engine unavailable, and a floor.
// Every time is divided by `speed` (2: a machine twice as fast).

#include "bench/BenchReport.h"

namespace cropdeck::test {

bench::BenchReport syntheticBenchReport(double speed = 1);

} // namespace cropdeck::test
