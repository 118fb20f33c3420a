// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Cases made from other cases' images, for the scenarios (Scenarios.h): the same pictures with other
// windows (one fixed rectangle, a centre crop, a seeded random crop, or the whole picture: one window
// per image, possibly resized), and the same cases once per output (OutputSpec), e.g. PNG and JPEG, on disk
// and on a tmpfs.

#include "Result.h"
#include "bench/BenchCase.h"

#include <QPoint>
#include <QSize>

#include <vector>

namespace cropdeck::bench {

struct WindowShape {
    enum class Kind { Fixed, Centre, Random, Whole };
    Kind kind = Kind::Whole;
    QSize size;       // Fixed, Centre, Random
    QPoint at;        // Fixed: the top-left corner
    quint64 seed = 1; // Random
    QSize resizeTo;   // valid: the case's crops are resized to this (BenchCase::resizeTo)

    // e.g. "fixed 100x100 at (500, 500)", "centre 512x512", "whole image", "centre 1024x1024 → 224x224"
    QString name() const;
};

// One case per shape and distinct set of images in `cases` (cases sharing their images, such as the
// seed workloads' random and bottom-right cases, give one), named "<images> / <shape>". Invalid, naming
// the image, when a fixed window does not fit in one (a window must lie inside every picture), or when a
// centre or random window is larger than one.
Result<std::vector<BenchCase>> reshapeCases(const std::vector<BenchCase>& cases,
                                            const std::vector<WindowShape>& shapes);

// Every case once per output, named "<case> → <output>" (the output's target and format).
std::vector<BenchCase> casesPerOutput(const std::vector<BenchCase>& cases,
                                      const std::vector<OutputSpec>& outputs);

} // namespace cropdeck::bench
