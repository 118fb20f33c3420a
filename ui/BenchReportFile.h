// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Saving a benchmark report, whatever the extension, from either shell: `cropdeck --bench --report FILE`
// and the Benchmark tab's Save Report both call saveBenchReport(). JSON, CSV and Markdown are core's
// saveReport() alone; HTML is core's page with the charts drawn here, built by the tab's own code
// (barChart(), scalingChart() in ui/BenchCharts.h), rendered off screen to PNG (core draws nothing).
//
// Drawing needs a QApplication (QtCharts is QtWidgets); a headless shell makes one on the offscreen
// platform for an .html report (app/main.cpp). Without one, .html is refused, never a crash.

#include "Result.h"
#include "bench/BenchReport.h"

#include <QSize>
#include <QString>

#include <vector>

namespace cropdeck::ui {

// The size each chart is drawn at in an HTML report, in pixels.
inline constexpr QSize kReportChartSize{760, 400};

// The charts of one case (images/s per engine; images/s over threads when several thread counts ran),
// as PNG; empty without a QApplication.
std::vector<bench::ReportFigure> reportCharts(const bench::BenchReport& report, const QString& caseName);

// Writes the report by the file's extension: .json, .csv, .md or .html (self-contained, charts embedded).
Status saveBenchReport(const bench::BenchReport& report, const QString& path);

} // namespace cropdeck::ui
