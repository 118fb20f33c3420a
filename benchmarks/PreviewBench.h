// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace cropdeck::benchmark {

// Output Preview figures for cropdeck_bench_gui: clicking through the windows of one 6000×4000 baseline
// JPEG (no restart markers), each window rendered as the batch writes it (previewWindow), from the file
// and through the restart-marker copy (PreviewSourceCache), in one run. Prints the first preview and the
// median / p90 / max of the next ones for both, and checks that both give the same bytes. The photo is
// generated once into `dir`; `trials` repeats the click-through (a fresh copy each time).
void previewClickThrough(const QString& dir, int trials);

} // namespace cropdeck::benchmark
