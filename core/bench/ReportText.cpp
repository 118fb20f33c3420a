// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/ReportText.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace cropdeck::bench {

namespace {

// Seconds with three significant digits however small (BMP cases take milliseconds).
QString seconds(double value) {
    int decimals = 3;
    for (double v = value; v > 0 && v < 0.1 && decimals < 7; v *= 10)
        ++decimals;
    return QString::number(value, 'f', decimals);
}

QString rate(double value) {
    return value >= 100 ? QString::number(value, 'f', 0) : QString::number(value, 'f', value >= 10 ? 1 : 2);
}

QString ratio(double value) {
    return value > 0 ? QStringLiteral("%1×").arg(value, 0, 'f', 2) : QStringLiteral("-");
}

QString percent(double value) {
    return value > 0 ? QStringLiteral("%1%").arg(value, 0, 'f', 0) : QStringLiteral("-");
}

QString mebibytes(qint64 bytes) {
    return bytes > 0 ? QString::number(double(bytes) / (1 << 20), 'f', 0) : QStringLiteral("-");
}

QStringList cells(const BenchReport& report, const EngineRun& run) {
    if (!run.unavailable.isEmpty())
        return {run.engine, QStringLiteral("-"), QStringLiteral("unavailable")};
    if (!run.notApplicable.isEmpty())
        return {run.engine, QStringLiteral("-"), QStringLiteral("does not apply")};
    if (!run.error.isEmpty())
        return {run.engine, QString::number(run.threads), QStringLiteral("failed"), {}, {}, {}, {}, {}, {},
                {},         QStringLiteral("✗ failed")};
    return {run.engine,
            QString::number(run.threads),
            seconds(run.stats.median),
            QStringLiteral("±%1%").arg(run.stats.spreadPercent, 0, 'f', 0),
            rate(run.imagesPerSecond()),
            rate(run.megapixelsPerSecond()),
            ratio(timesSlowest(report, run)),
            ratio(timesBestPeer(report, run)),
            percent(run.percentOfFloor),
            mebibytes(run.peakMemoryBytes),
            verifiedCell(run)};
}

// What "% floor" is measured against: the floor's seconds and method, or why there is none.
QString floorText(const PhysicalFloor& floor) {
    if (floor.measured())
        return QStringLiteral("floor %1 s, %2").arg(seconds(floor.seconds), floor.method);
    if (!floor.error.isEmpty())
        return QStringLiteral("no floor: %1").arg(floor.error);
    return QStringLiteral("no floor");
}

QString caseHeading(const EngineRun& run) {
    return QStringLiteral("%1: %2; %3 images, %4 windows, %5 MPx; %6")
        .arg(run.caseName, run.caseDescription)
        .arg(run.images)
        .arg(run.windows)
        .arg(run.sourceMegapixels, 0, 'f', 1)
        .arg(floorText(run.floor));
}

// Names left, figures right, two spaces between columns.
QString padded(const QStringList& row, const std::vector<qsizetype>& widths) {
    QString line;
    for (qsizetype c = 0; c < row.size(); ++c) {
        const qsizetype columns = reportColumns().size();
        const bool figure = c > 0 && c < columns - 1 && row.size() == columns;
        line +=
            (figure ? row[c].rightJustified(widths[size_t(c)]) : row[c].leftJustified(widths[size_t(c)])) +
            "  ";
    }
    return line;
}

QString textTable(const std::vector<QStringList>& rows) {
    std::vector<qsizetype> widths(size_t(reportColumns().size()), 0);
    for (const QStringList& row : rows)
        for (qsizetype c = 0; c < row.size() && c < qsizetype(widths.size()); ++c)
            widths[size_t(c)] = std::max(widths[size_t(c)], row[c].size());
    QString text;
    for (const QStringList& row : rows)
        text += padded(row, widths).trimmed() + '\n';
    return text;
}

QString csvField(const QString& value) {
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n'))
        return value;
    return u'"' + QString(value).replace(QLatin1String("\""), QLatin1String("\"\"")) + u'"';
}

QString number(double value) {
    return QString::number(value, 'g', 10);
}

const EngineRun* findRun(const BenchReport& report, const EngineRun& like) {
    for (const EngineRun& run : report.runs)
        if (run.caseName == like.caseName && run.engine == like.engine && run.threads == like.threads &&
            run.skipped() == like.skipped())
            return &run;
    return nullptr;
}

// One line of --compare for the run `like` names: A's and B's figures, "-" where a side has none.
QStringList compareRow(const EngineRun& like, const EngineRun* a, const EngineRun* b) {
    const auto timed = [](const EngineRun* run) {
        return run && run->timed();
    };
    const QString none = QStringLiteral("-");
    return {like.caseName,
            like.engine,
            QString::number(like.threads),
            timed(a) ? seconds(a->stats.median) : none,
            timed(b) ? seconds(b->stats.median) : none,
            timed(a) && timed(b) ? ratio(a->stats.median / b->stats.median) : none,
            timed(a) ? percent(a->percentOfFloor) : none,
            timed(b) ? percent(b->percentOfFloor) : none,
            a ? verifiedCell(*a) : none,
            b ? verifiedCell(*b) : none};
}

} // namespace

const QStringList& reportColumns() {
    static const QStringList columns = {"engine",  "threads",  "median s",  "spread",
                                        "img/s",   "MPx/s",    "× slowest", "× best peer",
                                        "% floor", "peak MiB", "verified"};
    return columns;
}

std::vector<CaseTable> caseTables(const BenchReport& report) {
    std::vector<CaseTable> tables;
    for (const EngineRun& run : report.runs) {
        auto table = std::find_if(tables.begin(), tables.end(),
                                  [&](const CaseTable& t) { return t.name == run.caseName; });
        if (table == tables.end())
            table = tables.insert(tables.end(), CaseTable{run.caseName, {}, {}});
        table->heading = caseHeading(run);
        table->rows.push_back(cells(report, run));
    }
    return tables;
}

QStringList reportNotes(const BenchReport& report) {
    QStringList lines;
    const auto add = [&](const QString& line) {
        if (!lines.contains(line))
            lines << line;
    };
    for (const EngineRun& run : report.runs) {
        if (!run.unavailable.isEmpty())
            add(QStringLiteral("%1: unavailable: %2").arg(run.engine, run.unavailable));
        else if (!run.notApplicable.isEmpty())
            add(QStringLiteral("%1 on %2: does not apply: %3")
                    .arg(run.engine, run.caseName, run.notApplicable));
        else if (!run.error.isEmpty())
            add(QStringLiteral("%1 on %2: failed: %3").arg(run.engine, run.caseName, run.error));
        else if (!run.correct())
            add(QStringLiteral("%1 on %2: WRONG: %3")
                    .arg(run.engine, run.caseName,
                         run.verification.problem.isEmpty() ? QStringLiteral("%1 crops failed, max|d| %2")
                                                                  .arg(run.failures)
                                                                  .arg(run.verification.maxAbsDiff)
                                                            : run.verification.problem));
    }
    return lines;
}

std::vector<std::pair<QString, QString>> engineDetails(const BenchReport& report) {
    std::vector<std::pair<QString, QString>> details;
    for (const EngineRun& run : report.runs) {
        const std::pair<QString, QString> detail{run.engine, run.detail};
        if (!run.skipped() && !run.detail.isEmpty() &&
            std::find(details.begin(), details.end(), detail) == details.end())
            details.push_back(detail);
    }
    return details;
}

QString verifiedCell(const EngineRun& run) {
    if (run.skipped() || run.verdict == Verdict::NotRun)
        return QStringLiteral("-");
    if (!run.error.isEmpty() || run.failures > 0)
        return QStringLiteral("✗ failed");
    const Verification& v = run.verification;
    switch (run.verdict) {
    case Verdict::Identical:
        return QStringLiteral("✓ identical");
    case Verdict::Close:
        if (v.lossy) // PSNR against the reference, and how it compares with CropDeck's own encode
            return QStringLiteral("✓ lossy %1 dB (%2%3)")
                .arg(v.psnr(), 0, 'f', 1)
                .arg(v.worstMarginDb >= 0 ? QStringLiteral("+") : QString())
                .arg(v.worstMarginDb, 0, 'f', 1);
        return QStringLiteral("✓ max|d| %1, %2 dB").arg(v.maxAbsDiff).arg(v.psnr(), 0, 'f', 1);
    default:
        break;
    }
    if (v.samples > 0 && v.maxAbsDiff > 0)
        return QStringLiteral("✗ max|d| %1, %2 dB").arg(v.maxAbsDiff).arg(v.psnr(), 0, 'f', 1);
    return QStringLiteral("✗ wrong");
}

QString reportTable(const BenchReport& report) {
    QString text;
    for (const CaseTable& table : caseTables(report)) {
        std::vector<QStringList> rows{reportColumns()};
        rows.insert(rows.end(), table.rows.begin(), table.rows.end());
        text += table.heading + '\n' + textTable(rows) + '\n';
    }
    for (const QString& note : reportNotes(report))
        text += QStringLiteral("note: ") + note + '\n';
    return text;
}

QString reportCsv(const BenchReport& report) {
    QString text = QStringLiteral(
        "case,engine,kind,threads,images,windows,source_mpx,median_s,min_s,max_s,"
        "spread_percent,images_per_s,source_mpx_per_s,x_slowest,x_best_peer,floor_s,percent_of_floor,"
        "peak_memory_bytes,baseline_memory_bytes,verdict,"
        "max_abs_diff,psnr_db,failures,unavailable,error,not_applicable\n");
    for (const EngineRun& run : report.runs) {
        const QStringList fields = {csvField(run.caseName),
                                    csvField(run.engine),
                                    run.kind,
                                    QString::number(run.threads),
                                    QString::number(run.images),
                                    QString::number(run.windows),
                                    number(run.sourceMegapixels),
                                    number(run.stats.median),
                                    number(run.stats.min),
                                    number(run.stats.max),
                                    number(run.stats.spreadPercent),
                                    number(run.imagesPerSecond()),
                                    number(run.megapixelsPerSecond()),
                                    number(timesSlowest(report, run)),
                                    number(timesBestPeer(report, run)),
                                    number(run.floor.seconds),
                                    number(run.percentOfFloor),
                                    QString::number(run.peakMemoryBytes),
                                    QString::number(run.baselineMemoryBytes),
                                    verdictName(run.verdict),
                                    QString::number(run.verification.maxAbsDiff),
                                    std::isfinite(run.verification.psnr()) ? number(run.verification.psnr())
                                                                           : QStringLiteral("inf"),
                                    QString::number(run.failures),
                                    csvField(run.unavailable),
                                    csvField(run.error),
                                    csvField(run.notApplicable)};
        text += fields.join(u',') + '\n';
    }
    return text;
}

QString reportMarkdown(const BenchReport& report) {
    QString text = QStringLiteral("# CropDeck benchmark, %1\n\n").arg(report.created);
    text += QString(describe(report.system)).replace(QLatin1String("\n"), QLatin1String("  \n")) + "\n\n";
    text +=
        QStringLiteral("Dataset: %1; outputs: %3; %2 trials after a warm-up, engines interleaved; median and "
                       "(max − min) / median.\n\n")
            .arg(report.parameters.dataset)
            .arg(report.parameters.trials)
            .arg(report.parameters.output);
    const QStringList& columns = reportColumns();
    for (const CaseTable& table : caseTables(report)) {
        QString rows;
        for (QStringList row : table.rows) {
            while (row.size() < columns.size())
                row << QString();
            rows += "| " + row.join(" | ") + " |\n";
        }
        text += "## " + table.heading + "\n\n| " + columns.join(" | ") + " |\n|" +
                QString("---|").repeated(columns.size()) + '\n' + rows + '\n';
    }
    for (const QString& note : reportNotes(report))
        text += "- " + note + '\n';
    text += QStringLiteral("\n## Engines\n\n");
    for (const auto& [engine, detail] : engineDetails(report))
        text += QStringLiteral("- `%1`: %2\n").arg(engine, detail);
    return text;
}

QString compareReports(const BenchReport& a, const QString& nameA, const BenchReport& b,
                       const QString& nameB) {
    QString text = QStringLiteral("A: %1 (%2)\n%3\nB: %4 (%5)\n%6\n\n")
                       .arg(nameA, a.created, describe(a.system), nameB, b.created, describe(b.system));
    std::vector<QStringList> rows{{"case", "engine", "threads", "A median s", "B median s", "B/A speed",
                                   "A % floor", "B % floor", "A verified", "B verified"}};
    for (const EngineRun& run : a.runs) {
        const EngineRun* other = findRun(b, run);
        if (run.timed() || (other && other->timed()))
            rows.push_back(compareRow(run, &run, other));
    }
    for (const EngineRun& run : b.runs)
        if (run.timed() && !findRun(a, run))
            rows.push_back(compareRow(run, nullptr, &run));
    std::vector<qsizetype> widths(rows.front().size(), 0);
    for (const QStringList& row : rows)
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[size_t(c)] = std::max(widths[size_t(c)], row[c].size());
    for (const QStringList& row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c)
            line += row[c].leftJustified(widths[size_t(c)]) + "  ";
        text += line.trimmed() + '\n';
    }
    return text;
}

} // namespace cropdeck::bench
