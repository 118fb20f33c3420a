// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The flags of `cropdeck --bench`, declared here with their help text and parsed into a
// bench::BenchRequest; Options.cpp adds them to the one parser and dispatches here.

#include "Result.h"
#include "bench/BenchRunner.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QStringList>

namespace cropdeck::app {

struct BenchCommandLine {
    bench::BenchRequest request;
    bool list = false;   // --list: the engines and whether each can run here
    QString report;      // --report FILE.json|.csv|.md|.html
    QStringList compare; // --compare A.json B.json
};

// The options only --bench reads (the shared ones, --images, --annotations, --seed and --threads, are
// declared in Options.cpp).
const QList<QCommandLineOption>& benchOnlyOptions();

// Fills `bench` from the parsed flags; refuses flags that do not apply to --bench.
Status applyBenchOptions(const QCommandLineParser& parser, BenchCommandLine& bench);

} // namespace cropdeck::app
