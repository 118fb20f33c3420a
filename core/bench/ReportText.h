// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A report as text: the terminal table (one block per case: median, spread, images/s, source MPx/s,
// × the slowest, × the best correct peer, % floor, peak MiB, verified ✓/✗, then notes: unavailable
// engines and why, wrong outputs and where), CSV (one line per run), Markdown, and two reports side by
// side (--compare).

#include "bench/BenchReport.h"

#include <QString>

namespace cropdeck::bench {

QString reportTable(const BenchReport& report);
QString reportCsv(const BenchReport& report);
QString reportMarkdown(const BenchReport& report);

// Runs matched by case, engine and thread count; "B/A" is how many times faster B's median is.
QString compareReports(const BenchReport& a, const QString& nameA, const BenchReport& b,
                       const QString& nameB);

// "✓ identical", "✓ max|d| 1, 51.2 dB", "✗ max|d| 40, 21.0 dB", "✗ failed", "-" (not run).
QString verifiedCell(const EngineRun& run);

} // namespace cropdeck::bench
