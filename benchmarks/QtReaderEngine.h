// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// "qt-cliprect": QImageReader with setClipRect, one read per window, as a Qt application would crop.
// It needs QtGui, so it lives here and not in core/bench: cropdeck_bench_seed adds it to the harness.

#include "bench/BenchEngine.h"

#include <memory>

namespace cropdeck::benchmark {

std::unique_ptr<bench::BenchEngine> makeQtReaderEngine();

} // namespace cropdeck::benchmark
