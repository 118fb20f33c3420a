// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A report as text: the terminal table (one block per case: median, spread, images/s, source MPx/s,
// × the slowest, × the best correct peer, % floor, peak MiB, verified ✓/✗, then notes: unavailable
// engines and why, wrong outputs and where), CSV (one line per run), Markdown, and two reports side by
// side (--compare). The tables' text is built once, by caseTables(): the terminal, Markdown and HTML
// reports lay it out.

#include "bench/BenchReport.h"

#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace cropdeck::bench {

// One case's table: its heading ("gray-jpeg / random: ...; floor 0.012 s, ...") and one row of cells per
// run under reportColumns(). A run that did not run or failed has fewer cells (engine, threads, the
// reason); a layout pads them as it needs.
struct CaseTable {
    QString name;
    QString heading;
    std::vector<QStringList> rows;
};

// engine, threads, median s, spread, img/s, MPx/s, × slowest, × best peer, % floor, verified.
const QStringList& reportColumns();
// Per case, in the order the runs first name it.
std::vector<CaseTable> caseTables(const BenchReport& report);
// Each unavailable engine once ("vips: unavailable: ..."); each failure or wrong output with its case.
QStringList reportNotes(const BenchReport& report);
// Each engine's detail (versions, command, CropDeck's plan) as {engine, detail}, once per distinct detail.
std::vector<std::pair<QString, QString>> engineDetails(const BenchReport& report);

QString reportTable(const BenchReport& report);
QString reportCsv(const BenchReport& report);
QString reportMarkdown(const BenchReport& report);

// Runs matched by case, engine and thread count: each median and % floor, and "B/A", how many times
// faster B's median is.
QString compareReports(const BenchReport& a, const QString& nameA, const BenchReport& b,
                       const QString& nameB);

// "✓ identical", "✓ max|d| 1, 51.2 dB", "✗ max|d| 40, 21.0 dB", "✗ failed", "-" (not run).
QString verifiedCell(const EngineRun& run);

} // namespace cropdeck::bench
