// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Benchmark tab's charts for one case of a report (QtCharts, like ThroughputChart): images/s per
// engine as bars, one bar set per thread count (a serial engine runs on one thread whatever the count:
// its bar repeats in every set, as the report compares it at every count), and, when several thread
// counts ran, images/s over threads as one line per engine that takes threads (the scaling curve).
// Engines that did not run or failed have no bar; wrong ones keep theirs (the table says they are wrong).
// barChart() and scalingChart() build them, for the tab and for the HTML report (ui/BenchReportFile.h).

#include "bench/BenchReport.h"

#include <QWidget>

#include <memory>

class QChart;
class QChartView;

namespace cropdeck::ui {

class BenchCharts : public QWidget {
    Q_OBJECT

public:
    explicit BenchCharts(QWidget* parent = nullptr);

    void showCase(const bench::BenchReport& report, const QString& caseName);
    void clear();

    QChartView* barView() const { return m_bars; }
    QChartView* scalingView() const { return m_scaling; }

private:
    QChartView* m_bars;
    QChartView* m_scaling;
};

// images/s per engine for the case, one bar set per thread count.
std::unique_ptr<QChart> barChart(const bench::BenchReport& report, const QString& caseName);
// images/s over threads, one line per engine that takes threads; nullptr when one thread count ran.
std::unique_ptr<QChart> scalingChart(const bench::BenchReport& report, const QString& caseName);

} // namespace cropdeck::ui
