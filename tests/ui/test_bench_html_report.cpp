// SPDX-License-Identifier: GPL-3.0-or-later
// The HTML benchmark report (ui/BenchReportFile.h) from a made-up report: one page whose tables are core's
// caseTables() cell for cell, with each case's charts (the Benchmark tab's BenchCharts, drawn offscreen)
// embedded as PNGs that decode to the chart size and are not blank; other extensions stay core's bytes.
#include "BenchReportSupport.h"
#include "bench/ReportText.h"
#include "ui/BenchReportFile.h"

#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace cropdeck;

namespace {

QString readText(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString unescaped(QString html) {
    return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
}

// Each <tr> of data cells, as text.
std::vector<QStringList> tableRows(const QString& page) {
    static const QRegularExpression row(QStringLiteral("<tr>(.*?)</tr>"));
    static const QRegularExpression cell(QStringLiteral("<td[^>]*>(.*?)</td>"));
    std::vector<QStringList> rows;
    for (const QRegularExpressionMatch& r : row.globalMatch(page)) {
        QStringList cells;
        for (const QRegularExpressionMatch& c : cell.globalMatch(r.captured(1)))
            cells << unescaped(c.captured(1));
        if (!cells.isEmpty())
            rows.push_back(cells);
    }
    return rows;
}

// The share of pixels that differ from the most common colour (the background).
double inkShare(const QImage& image) {
    std::map<QRgb, int> counts;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            ++counts[image.pixel(x, y)];
    int background = 0;
    for (const auto& [colour, count] : counts)
        background = std::max(background, count);
    return 1.0 - double(background) / (image.width() * image.height());
}

} // namespace

class TestBenchHtmlReport : public QObject {
    Q_OBJECT

private slots:
    void pageHoldsTablesAndCharts() {
        const bench::BenchReport report = test::syntheticBenchReport();
        QTemporaryDir dir;
        const QString path = dir.filePath("report.html");
        const Status saved = ui::saveBenchReport(report, path);
        QVERIFY2(saved.ok(), saved.ok() ? "" : qPrintable(saved.error().message));
        const QString page = readText(path);
        QVERIFY(page.startsWith("<!DOCTYPE html>"));
        QVERIFY(page.contains("Test CPU"));       // the system
        QVERIFY(page.contains("seed (test)"));    // the parameters
        QVERIFY(page.contains("vips not found")); // the notes

        // The tables are core's text, cell for cell, padded to every column.
        std::vector<QStringList> expected;
        for (const bench::CaseTable& table : bench::caseTables(report)) {
            QVERIFY(page.contains(table.heading.toHtmlEscaped()));
            for (QStringList row : table.rows) {
                while (row.size() < bench::reportColumns().size())
                    row << QString();
                expected.push_back(row);
            }
        }
        const std::vector<QStringList> rows = tableRows(page);
        const auto runRows = std::vector<QStringList>(rows.end() - qsizetype(expected.size()), rows.end());
        QVERIFY2(runRows == expected, qPrintable(runRows.front().join(" | ")));
        QVERIFY(page.contains("<th>% floor</th>"));
        QVERIFY(page.contains("<td class=\"ok\">✓ identical</td>"));

        // Two cases, each with its bars and, as two thread counts ran, its scaling curve.
        static const QRegularExpression uri(
            QStringLiteral("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\""));
        int images = 0;
        for (const QRegularExpressionMatch& m : uri.globalMatch(page)) {
            const QImage chart = QImage::fromData(QByteArray::fromBase64(m.captured(1).toLatin1()), "PNG");
            QVERIFY(!chart.isNull());
            QCOMPARE(chart.size(), ui::kReportChartSize);
            QVERIFY2(inkShare(chart) > 0.02,
                     qPrintable(QString::number(inkShare(chart)))); // bars, lines, text
            ++images;
        }
        QCOMPARE(images, 4);
    }

    void oneThreadCountHasNoCurve() {
        bench::BenchReport report = test::syntheticBenchReport();
        std::erase_if(report.runs, [](const bench::EngineRun& run) { return run.threads == 2; });
        const std::vector<bench::ReportFigure> figures =
            ui::reportCharts(report, report.runs.front().caseName);
        QCOMPARE(figures.size(), size_t(1));
        QVERIFY(figures.front().title.contains("images/s per engine"));
    }

    void otherFormatsAreCoresBytes() {
        const bench::BenchReport report = test::syntheticBenchReport();
        QTemporaryDir dir;
        QVERIFY(ui::saveBenchReport(report, dir.filePath("r.md")).ok());
        QCOMPARE(readText(dir.filePath("r.md")), bench::reportMarkdown(report));
        const Status refused = ui::saveBenchReport(report, dir.filePath("r.txt"));
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(".html"));
    }
};

QTEST_MAIN(TestBenchHtmlReport)
#include "test_bench_html_report.moc"
