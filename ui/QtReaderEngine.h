// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// "qt-cliprect": QImageReader with setClipRect, one read per window, as a Qt application would crop.
// It needs QtGui, which core may not use, so the shells add it to the harness (runBench's `extra`):
// `cropdeck --bench`, the Benchmark tab and cropdeck_bench_seed.

#include "bench/BenchEngine.h"

#include <memory>

namespace cropdeck::ui {

std::unique_ptr<bench::BenchEngine> makeQtReaderEngine();

} // namespace cropdeck::ui
