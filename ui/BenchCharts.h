// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Benchmark tab's charts for one case of a report (QtCharts, like ThroughputChart): images/s per
// engine as bars, one bar set per thread count (a serial engine runs on one thread whatever the count:
// its bar repeats in every set, as the report compares it at every count), and, when several thread
// counts ran, images/s over threads as one line per engine that takes threads (the scaling curve).
// Engines that did not run or failed have no bar; wrong ones keep theirs (the table says they are wrong).

#include "bench/BenchReport.h"

#include <QWidget>

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

} // namespace cropdeck::ui
