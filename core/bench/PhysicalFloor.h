// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The physical floor of a benchmark case: the time of the least work any decoder must do to reach every
// window, on one thread, summed over the case's images, timed like the engines (one warm-up pass, then
// `trials` passes, the median; TrialStats.h). The file bytes of JPEG and PNG images are read into memory
// before timing, so that their floor is the decode alone:
// * JPEG: libjpeg's jpeg_skip_scanlines from the top down to the bottom row of the lowest window, reading
//   no row: the entropy decode every decoder without random access must do. It is the no-random-access
//   floor: a file with restart markers lets a decoder jump over whole restart intervals and go below it.
// * PNG: libdeflate's inflate of the whole IDAT stream (not only down to the last needed row): the one
//   call CropDeck's whole-inflate path makes. A row-stop inflate of a window near the top can go below it.
// * BMP and any other format: reading the whole file from the page cache (no decode at all).
//
// How an engine compares (EngineRun::percentOfFloor): 100 × engine median ÷ (floor ÷ min(threads, cores)).
// The floor is single-thread work; spread over N threads on a machine with C cores it can at best take
// floor ÷ min(N, C). 100% is an engine at the floor, 250% one that takes 2.5 times as long.
//
// Damaged files never abort: a JPEG on which libjpeg warns of any damage (FailOn::Error:
// corrupt data lets a decoder fill in grey instead of decoding), a
// PNG that is not intact, a file that cannot be read, gives a floor with an error and no seconds.
// Cancellation is checked between images. Reentrant.

#include "bench/BenchCase.h"

#include <QString>
#include <QtGlobal>

#include <atomic>

namespace cropdeck::bench {

struct PhysicalFloor {
    double seconds = 0; // median of the timed passes; 0 when not measured
    QString method;     // what was timed, e.g. "jpeg entropy decode to the lowest window's bottom row"
    QString error;      // non-empty: not measured, and why

    bool measured() const { return error.isEmpty() && seconds > 0; }
};

// The work of one image's floor, counted (for tests and for keeping the work from being optimised away).
struct FloorWork {
    QString method;
    int rows = 0;     // JPEG: rows the decoder went past; PNG: rows inflated; others: 0
    qint64 bytes = 0; // JPEG: entropy-coded bytes consumed; PNG: bytes inflated; others: bytes read
    QString error;    // non-empty: the floor cannot be measured on this image
};

// One floor pass over one image; `bytes` is the file's content for JPEG and PNG (read beforehand).
FloorWork floorWork(const BenchImage& image, const QByteArray& bytes);

// Warm-up and `trials` timed passes over every image; the median.
PhysicalFloor measurePhysicalFloor(const BenchCase& benchCase, int trials,
                                   const std::atomic_bool* cancel = nullptr);

// 100 × median ÷ (floor ÷ min(threads, cores)); 0 when either is unknown.
double percentOfFloor(double floorSeconds, double medianSeconds, int threads, int cores);

} // namespace cropdeck::bench
