// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace cropdeck::benchmark {

// Output Preview figures for cropdeck_bench_gui: clicking through the windows of a 6000×4000 baseline
// JPEG (no restart markers), each window rendered as the batch writes it (previewWindow), from the file
// and through the restart-marker copy (PreviewSourceCache), in one run. Prints the first preview and the
// median / p90 / max of the next ones for both, and checks that both give the same bytes. Two photos:
// the bench scene at quality 90, and with sensor-like grain at quality 95 (entropy data as heavy as a
// camera's). Generated once into `dir`; `trials` repeats the click-through (a fresh copy each time).
void previewClickThrough(const QString& dir, int trials);

} // namespace cropdeck::benchmark
