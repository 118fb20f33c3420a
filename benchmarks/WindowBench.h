// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The main window's own speed goals, measured on the real MainWindow (cropdeck_bench_gui prints them):
// opening a large set, and how quickly the event loop answers while a batch keeps every core busy.

#include <QString>

namespace cropdeck::benchmark {

// Opens a folder of `images` JPEGs with a COCO file (one box each) in a MainWindow and prints the time
// until the list is filled and the first image is on the canvas, and the process's memory then.
void openLargeSet(const QString& dir, int images);

// Runs a batch on `threads` threads from the window's Batch dock while a timer asks the event loop for
// a turn every few milliseconds; prints how late those turns came (median, 99th percentile, worst).
void eventLoopDuringBatch(const QString& dir, int threads);

} // namespace cropdeck::benchmark
