// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Benchmark tab's comparison: two reports side by side, as `cropdeck --bench --compare A.json B.json`
// prints them (core's compareReports(): per case, engine and thread count each median and % floor, B/A
// speed, each verdict), in a read-only monospace view. Core computes; this only loads and shows.

#include "Result.h"
#include "bench/BenchReport.h"

#include <QPlainTextEdit>

namespace cropdeck::ui {

class BenchCompareView : public QPlainTextEdit {
    Q_OBJECT

public:
    explicit BenchCompareView(QWidget* parent = nullptr);

    // Two saved JSON reports: A, then B.
    Status compareFiles(const QString& a, const QString& b);
    // A saved JSON report (A) with a run not saved yet (B, shown as `runName`).
    Status compareWithRun(const QString& saved, const bench::BenchReport& run, const QString& runName);
};

} // namespace cropdeck::ui
