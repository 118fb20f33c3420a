// SPDX-License-Identifier: GPL-3.0-or-later
#include "Report.h"

#include <QJsonArray>
#include <QStringList>

#include <algorithm>
#include <limits>

namespace cropdeck::benchmark {

namespace {

constexpr int kCaseWidth = 29;
constexpr int kColumnWidth = 15;

// Engines in the order they first appear, so every table has the same columns.
QStringList engineNames(const std::vector<CaseResult>& results) {
    QStringList names;
    for (const CaseResult& result : results)
        for (const EngineResult& engine : result.engines)
            if (!names.contains(engine.engine))
                names << engine.engine;
    return names;
}

const EngineResult* find(const CaseResult& result, const QString& engine) {
    for (const EngineResult& e : result.engines)
        if (e.engine == engine)
            return &e;
    return nullptr;
}

bool timed(const EngineResult* e) {
    return e && e->skipReason.isEmpty() && e->stats.median > 0;
}

// Seconds with three significant decimals however small: BMP crops take milliseconds for 32 images.
QString formatSeconds(double seconds) {
    int decimals = 3;
    for (double v = seconds; v > 0 && v < 0.1 && decimals < 6; v *= 10)
        ++decimals;
    return QString::number(seconds, 'f', decimals);
}

QString caseLabel(const CaseResult& result) {
    return result.crops.workload + " / " + result.crops.windows;
}

QString secondsCell(const EngineResult* e) {
    if (!timed(e))
        return QStringLiteral("-");
    return QStringLiteral("%1 ±%2%")
        .arg(formatSeconds(e->stats.median))
        .arg(e->stats.spreadPercent, 0, 'f', 0);
}

QString rateCell(const EngineResult* e, int count) {
    return timed(e) ? QString::number(count / e->stats.median, 'f', 1) : QStringLiteral("-");
}

QString checkCell(const EngineResult* e) {
    if (!e || !e->skipReason.isEmpty())
        return QStringLiteral("-");
    QString cell = !e->check.problem.isEmpty() ? QStringLiteral("MISMATCH")
                   : e->check.identical        ? QStringLiteral("identical")
                                               : QStringLiteral("max|d|=%1").arg(e->check.maxAbsDiff);
    return e->failures ? cell + QStringLiteral(" +%1 fail").arg(e->failures) : cell;
}

// The fastest median among the named engines (0 when none ran).
double bestOf(const CaseResult& result, const QStringList& engines) {
    double best = std::numeric_limits<double>::max();
    for (const QString& name : engines)
        if (const EngineResult* e = find(result, name); timed(e))
            best = std::min(best, e->stats.median);
    return best == std::numeric_limits<double>::max() ? 0 : best;
}

QString ratioCell(double other, const EngineResult* cropdeck) {
    return other > 0 && timed(cropdeck) ? QStringLiteral("%1x").arg(other / cropdeck->stats.median, 0, 'f', 2)
                                        : QStringLiteral("-");
}

void printRow(QTextStream& out, const QString& label, const QStringList& cells) {
    out << label.leftJustified(kCaseWidth);
    for (const QString& cell : cells)
        out << ' ' << cell.leftJustified(kColumnWidth - 1);
    out << '\n';
}

template <typename CellFn>
void printTable(QTextStream& out, const QString& title, const std::vector<CaseResult>& results,
                const QStringList& engines, const QStringList& extraHeaders, CellFn cells) {
    out << '\n' << title << '\n';
    printRow(out, QStringLiteral("workload / windows"), engines + extraHeaders);
    for (const CaseResult& result : results)
        printRow(out, caseLabel(result), cells(result));
}

// Skipped engines, check problems, and each engine's details (versions once, CropDeck's plan per case).
void printNotes(QTextStream& out, const std::vector<CaseResult>& results) {
    QStringList seen;
    const auto add = [&](const QString& line) {
        if (!line.isEmpty() && !seen.contains(line))
            seen << line;
    };
    for (const CaseResult& result : results)
        for (const EngineResult& e : result.engines) {
            if (!e.skipReason.isEmpty())
                add(e.engine + ": " + e.skipReason);
            if (!e.check.problem.isEmpty())
                add(QStringLiteral("%1 on %2: %3").arg(e.engine, caseLabel(result), e.check.problem));
            if (e.engine == QLatin1String("cropdeck") && !e.detail.isEmpty())
                add(QStringLiteral("cropdeck plan on %1: %2").arg(caseLabel(result), e.detail));
            else if (!e.detail.isEmpty())
                add(e.engine + " " + e.detail);
        }
    for (const QString& line : seen)
        out << "note: " << line << '\n';
}

QJsonObject engineJson(const EngineResult& e, int count) {
    QJsonArray trials;
    for (double t : e.times.trials)
        trials.append(t);
    return {{"engine", e.engine},
            {"detail", e.detail},
            {"skipped", e.skipReason},
            {"warmup_s", e.times.warmup},
            {"trials_s", trials},
            {"median_s", e.stats.median},
            {"min_s", e.stats.min},
            {"max_s", e.stats.max},
            {"spread_percent", e.stats.spreadPercent},
            {"images_per_s", e.stats.median > 0 ? count / e.stats.median : 0.0},
            {"failures", e.failures},
            {"checksum", QString::number(e.checksum)},
            {"check", QJsonObject{{"crops", e.check.checked},
                                  {"identical", e.check.identical},
                                  {"max_abs_diff", e.check.maxAbsDiff},
                                  {"differing_pixels", e.check.differingPixels},
                                  {"problem", e.check.problem}}}};
}

} // namespace

void printTables(QTextStream& out, const std::vector<CaseResult>& results, const RunParameters& p) {
    const QStringList engines = engineNames(results);
    const QStringList peers = {"opencv-serial", "opencv-pool", "pillow", "vips", "opencv-python"};
    printTable(
        out,
        QStringLiteral("Seconds for %1 images (median of %2 trials after a warm-up, ±(max-min)/median), %3 "
                       "threads; opencv-serial runs on one")
            .arg(p.count)
            .arg(p.trials)
            .arg(p.threads),
        results, engines, {}, [&](const CaseResult& r) {
            QStringList cells;
            for (const QString& e : engines)
                cells << secondsCell(find(r, e));
            return cells;
        });
    printTable(
        out,
        QStringLiteral("Images per second (and CropDeck's speed-up over the best of OpenCV/Pillow/vips, "
                       "and over Qt's clip-rect reader)"),
        results, engines, {"vs best peer", "vs qt"}, [&](const CaseResult& r) {
            QStringList cells;
            for (const QString& e : engines)
                cells << rateCell(find(r, e), int(r.crops.items.size()));
            const EngineResult* cropdeck = find(r, "cropdeck");
            const EngineResult* qt = find(r, "qt-cliprect");
            return cells << ratioCell(bestOf(r, peers), cropdeck)
                         << ratioCell(timed(qt) ? qt->stats.median : 0, cropdeck);
        });
    printTable(
        out, QStringLiteral("Pixels against the reference (OpenCV full decode + crop), first and last image"),
        results, engines, {}, [&](const CaseResult& r) {
            QStringList cells;
            for (const QString& e : engines)
                cells << checkCell(find(r, e));
            return cells;
        });
    printNotes(out, results);
}

QJsonObject toJson(const std::vector<CaseResult>& results, const RunParameters& p, const SystemInfo& system) {
    QJsonArray cases;
    for (const CaseResult& result : results) {
        QJsonArray engines;
        for (const EngineResult& e : result.engines)
            engines.append(engineJson(e, int(result.crops.items.size())));
        cases.append(QJsonObject{{"workload", result.crops.workload},
                                 {"description", result.crops.description},
                                 {"windows", result.crops.windows},
                                 {"images", int(result.crops.items.size())},
                                 {"engines", engines}});
    }
    return {{"benchmark", "cropdeck_bench_seed"},
            {"parameters", QJsonObject{{"threads", p.threads},
                                       {"trials", p.trials},
                                       {"count", p.count},
                                       {"seed", QString::number(p.seed)},
                                       {"side_override", p.side},
                                       {"dataset_dir", p.datasetDir}}},
            {"system", toJson(system)},
            {"cases", cases}};
}

} // namespace cropdeck::benchmark
