// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The results of a benchmark run: one EngineRun per engine, case and thread count, with the system it
// ran on. Saved as JSON (the format README.md documents: every field below, one object per run), CSV,
// Markdown or HTML (with the charts a shell draws); JSON reads back into the same values (loadReport), for
// --compare.

#include "Result.h"
#include "bench/CropVerifier.h"
#include "bench/PhysicalFloor.h"
#include "bench/SystemInfo.h"
#include "bench/TrialStats.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace cropdeck::bench {

struct EngineRun {
    // The case
    QString caseName;
    QString caseDescription;
    int images = 0;
    int windows = 0;
    double sourceMegapixels = 0;
    // The engine
    QString engine;
    QString kind; // "cropdeck", "in-process", "peer"
    QString detail;
    int threads = 1;
    bool serial = false;   // the engine runs on one thread whatever --threads says
    QString unavailable;   // non-empty: not run here, and why
    QString notApplicable; // non-empty: the engine does not apply to this case (not run), and why
    QString error;         // non-empty: it ran and failed (could not start, crashed, ...)
    // Timing
    std::vector<double> trialSeconds;
    TrialStats stats;
    int failures = 0; // crops the timed passes could not make
    quint64 fold = 0; // checksum folded from every output (0 for engines that write files)
    // Verification of every crop against the reference
    Verification verification;
    Verdict verdict = Verdict::NotRun;
    // The case's physical floor (PhysicalFloor.h), the same in every run of the case, and this run's
    // median as a percentage of it at its thread count (percentOfFloor); 0 when either is unknown.
    PhysicalFloor floor;
    double percentOfFloor = 0;
    // Memory (MemorySampler.h): the peak resident memory of CropDeck's process and every process it
    // started, over this run's timed passes, and the tree's RSS just before the pass that reached it
    // (what was resident already: the harness, what its allocator kept). 0: unknown (no /proc, or not run).
    qint64 peakMemoryBytes = 0;
    qint64 baselineMemoryBytes = 0;

    // Not run on this case: unavailable here, or not applicable to it.
    bool skipped() const { return !unavailable.isEmpty() || !notApplicable.isEmpty(); }
    bool timed() const {
        return unavailable.isEmpty() && notApplicable.isEmpty() && error.isEmpty() && stats.median > 0;
    }
    bool correct() const {
        return timed() && failures == 0 && (verdict == Verdict::Identical || verdict == Verdict::Close);
    }
    double imagesPerSecond() const { return timed() ? images / stats.median : 0; }
    double megapixelsPerSecond() const { return timed() ? sourceMegapixels / stats.median : 0; }
};

struct BenchParameters {
    QString dataset; // "seed (DIR)", the annotation file, or "random windows in DIR"
    int trials = 0;
    std::vector<int> threads;
    int tolerance = kDefaultTolerance;
    QStringList engines; // as asked; empty: every engine
    QString output;      // OutputSpec::describe(): what the engines made of the crops ("; " between several)
    QString scenario;    // Scenarios.h name, or empty

    bool operator==(const BenchParameters&) const = default;
};

struct BenchReport {
    QString created; // ISO 8601, UTC
    SystemInfo system;
    BenchParameters parameters;
    std::vector<EngineRun> runs;
};

// How a run compares within its case and thread count: × the slowest timed run, × the best correct peer
// (EngineKind::Peer and in-process engines, never CropDeck's own, never a wrong one). 0 when there is
// nothing to compare with. Serial engines take part in every thread count's comparison; a serial run
// itself is compared with the case's smallest thread count.
double timesSlowest(const BenchReport& report, const EngineRun& run);
double timesBestPeer(const BenchReport& report, const EngineRun& run);

QJsonObject reportToJson(const BenchReport& report);
Result<BenchReport> reportFromJson(const QJsonObject& json, const QString& fileName);

// A chart a shell drew for an HTML report (core draws nothing: no QtGui here), embedded as a data URI.
struct ReportFigure {
    QString title; // also the image's alt text
    QByteArray png;
};
// The charts of one case of the report, in the order the page shows them.
using FigureSource = std::function<std::vector<ReportFigure>(const BenchReport&, const QString& caseName)>;

// Writes JSON, CSV, Markdown or HTML by the file's extension (.json, .csv, .md, .html); anything else is
// Invalid. HTML carries charts, which only a shell can draw: without `figures` .html is Invalid too, and
// the message says where to get one (the shells pass ui's saveBenchReport, ui/BenchReportFile.h).
Status saveReport(const BenchReport& report, const QString& path, const FigureSource& figures = {});
Result<BenchReport> loadReport(const QString& path); // JSON

} // namespace cropdeck::bench
