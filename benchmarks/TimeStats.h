// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BenchTypes.h"

#include <vector>

namespace cropdeck::benchmark {

// Median, extremes and relative spread of the timed trials (the warm-up run is never included).
TimeStats summarize(std::vector<double> trials);

} // namespace cropdeck::benchmark
