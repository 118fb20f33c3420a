// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/ReportHtml.h"

#include "bench/ReportText.h"

#include <QStringList>

namespace cropdeck::bench {
namespace {

// Kept inside the page so that it is one file to mail or attach.
constexpr const char* kStyle = R"(
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; white-space: nowrap; }
th { background: #f0f0f0; text-align: left; }
td.figure { text-align: right; font-variant-numeric: tabular-nums; }
td.ok { color: #1a7f37; } td.wrong { color: #c62828; font-weight: bold; }
figure { display: inline-block; margin: 0.5em 1em 0.5em 0; }
figure img { max-width: 100%; border: 1px solid #ddd; }
figcaption { font-size: 0.9em; color: #555; }
.system { font-family: ui-monospace, monospace; font-size: 0.9em; }
)";

QString escaped(const QString& text) {
    return text.toHtmlEscaped();
}

QString joined(const std::vector<int>& values) {
    QStringList parts;
    for (int value : values)
        parts << QString::number(value);
    return parts.join(QStringLiteral(", "));
}

QString systemAndParameters(const BenchReport& report) {
    const BenchParameters& p = report.parameters;
    const QString rows[][2] = {
        {QStringLiteral("scenario"), p.scenario.isEmpty() ? QStringLiteral("none") : p.scenario},
        {QStringLiteral("dataset"), p.dataset},
        {QStringLiteral("outputs"), p.output},
        {QStringLiteral("trials"), QStringLiteral("%1, after a warm-up; engines interleaved; median, "
                                                  "spread = (max − min) / median")
                                       .arg(p.trials)},
        {QStringLiteral("threads"), joined(p.threads)},
        {QStringLiteral("tolerance"), QString::number(p.tolerance)},
        {QStringLiteral("engines"), p.engines.isEmpty() ? QStringLiteral("all") : p.engines.join(", ")},
    };
    QString html = QStringLiteral("<h2>System</h2>\n<p class=\"system\">%1<br>load after the run: %2</p>\n")
                       .arg(escaped(describe(report.system)).replace('\n', QStringLiteral("<br>")),
                            escaped(report.system.loadAfter));
    html += QStringLiteral("<h2>Parameters</h2>\n<table>\n");
    for (const auto& [name, value] : rows)
        html += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>\n").arg(name, escaped(value));
    return html + QStringLiteral("</table>\n");
}

// A cell of a run's row: names left, figures right, the verdict coloured.
QString cell(const QString& text, qsizetype column, qsizetype columns) {
    QString kind;
    if (column == columns - 1)
        kind = text.startsWith(u'✓')   ? QStringLiteral(" class=\"ok\"")
               : text.startsWith(u'✗') ? QStringLiteral(" class=\"wrong\"")
                                       : QString();
    else if (column > 0)
        kind = QStringLiteral(" class=\"figure\"");
    return QStringLiteral("<td%1>%2</td>").arg(kind, escaped(text));
}

QString table(const CaseTable& caseTable) {
    const QStringList& columns = reportColumns();
    QString html = QStringLiteral("<table>\n<tr>");
    for (const QString& column : columns)
        html += QStringLiteral("<th>%1</th>").arg(escaped(column));
    html += QStringLiteral("</tr>\n");
    for (const QStringList& row : caseTable.rows) {
        html += QStringLiteral("<tr>");
        for (qsizetype c = 0; c < columns.size(); ++c)
            html += cell(row.value(c), c, columns.size());
        html += QStringLiteral("</tr>\n");
    }
    return html + QStringLiteral("</table>\n");
}

QString figure(const ReportFigure& figure) {
    return QStringLiteral("<figure><img src=\"data:image/png;base64,%1\" alt=\"%2\"><figcaption>%2"
                          "</figcaption></figure>\n")
        .arg(QString::fromLatin1(figure.png.toBase64()), escaped(figure.title));
}

QString list(const QString& title, const QStringList& items) {
    if (items.isEmpty())
        return {};
    QString html = QStringLiteral("<h2>%1</h2>\n<ul>\n").arg(title);
    for (const QString& item : items)
        html += QStringLiteral("<li>%1</li>\n").arg(item);
    return html + QStringLiteral("</ul>\n");
}

} // namespace

QString reportHtml(const BenchReport& report, const FigureSource& figures) {
    const QString title = escaped(QStringLiteral("CropDeck benchmark, %1").arg(report.created));
    QString html = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                                  "<title>%1</title>\n<style>%2</style>\n</head>\n<body>\n<h1>%1</h1>\n")
                       .arg(title, QString::fromLatin1(kStyle));
    html += systemAndParameters(report);
    for (const CaseTable& caseTable : caseTables(report)) {
        html += QStringLiteral("<h2>%1</h2>\n").arg(escaped(caseTable.heading)) + table(caseTable);
        if (figures)
            for (const ReportFigure& chart : figures(report, caseTable.name))
                html += figure(chart);
    }
    QStringList notes, details;
    for (const QString& note : reportNotes(report))
        notes << escaped(note);
    for (const auto& [engine, detail] : engineDetails(report))
        details << QStringLiteral("<code>%1</code>: %2").arg(escaped(engine), escaped(detail));
    html += list(QStringLiteral("Notes"), notes) + list(QStringLiteral("Engines"), details);
    return html + QStringLiteral("</body>\n</html>\n");
}

} // namespace cropdeck::bench
