// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/BenchCharts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QMap>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <memory>

namespace cropdeck::ui {
namespace {

QChartView* chartView(const QString& accessibleName) {
    auto* view = new QChartView(new QChart); // the view owns its chart
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(180);
    view->setAccessibleName(accessibleName);
    view->chart()->legend()->setAlignment(Qt::AlignTop);
    view->chart()->setMargins(QMargins(2, 2, 2, 2));
    return view;
}

std::unique_ptr<QChart> titledChart(const QString& title) {
    auto chart = std::make_unique<QChart>();
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setMargins(QMargins(2, 2, 2, 2));
    return chart;
}

// The view takes the chart; the old one goes with its series and axes.
void setChart(QChartView* view, std::unique_ptr<QChart> chart) {
    QChart* old = view->chart();
    view->setChart(chart.release());
    delete old;
}

// "1 thread", "4 threads" (no translation loaded: "%n thread(s)" would show as written).
QString threadsText(int threads) {
    return threads == 1 ? BenchCharts::tr("1 thread") : BenchCharts::tr("%1 threads").arg(threads);
}

struct CaseRuns {
    QStringList engines;                    // in the report's order, those timed
    std::vector<int> threads;               // ascending, of the engines that take threads
    QMap<QString, QMap<int, double>> rates; // engine → threads → images/s
    QMap<QString, double> serialRates;      // engines that run on one thread whatever the count
};

CaseRuns collect(const bench::BenchReport& report, const QString& caseName) {
    CaseRuns runs;
    for (const bench::EngineRun& run : report.runs) {
        if (run.caseName != caseName || !run.timed())
            continue;
        if (!runs.engines.contains(run.engine))
            runs.engines << run.engine;
        if (run.serial) {
            runs.serialRates[run.engine] = run.imagesPerSecond();
            continue;
        }
        runs.rates[run.engine][run.threads] = run.imagesPerSecond();
        if (std::find(runs.threads.begin(), runs.threads.end(), run.threads) == runs.threads.end())
            runs.threads.push_back(run.threads);
    }
    std::sort(runs.threads.begin(), runs.threads.end());
    if (runs.threads.empty() && !runs.serialRates.isEmpty())
        runs.threads.push_back(1); // only serial engines ran
    return runs;
}

double rateAt(const CaseRuns& runs, const QString& engine, int threads) {
    return runs.serialRates.contains(engine) ? runs.serialRates[engine]
                                             : runs.rates.value(engine).value(threads, 0.0);
}

// The highest images/s of the case, so that both charts share a scale.
double topRate(const CaseRuns& runs) {
    double top = 0;
    for (int threads : runs.threads)
        for (const QString& engine : runs.engines)
            top = std::max(top, rateAt(runs, engine, threads));
    return top;
}

QValueAxis* rateAxisUpTo(double top) {
    auto* axis = new QValueAxis;
    axis->setRange(0, top > 0 ? top * 1.1 : 1);
    axis->setLabelFormat(QStringLiteral("%.0f"));
    return axis;
}

} // namespace

BenchCharts::BenchCharts(QWidget* parent)
    : QWidget(parent)
    , m_bars(chartView(tr("Images per second by engine")))
    , m_scaling(chartView(tr("Thread scaling"))) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bars);
    layout->addWidget(m_scaling);
    clear();
}

void BenchCharts::clear() {
    setChart(m_bars, titledChart(tr("images/s per engine")));
    setChart(m_scaling, titledChart(tr("images/s over threads")));
    m_scaling->hide();
}

void BenchCharts::showCase(const bench::BenchReport& report, const QString& caseName) {
    setChart(m_bars, barChart(report, caseName));
    std::unique_ptr<QChart> scaling = scalingChart(report, caseName);
    m_scaling->setVisible(scaling != nullptr);
    if (scaling)
        setChart(m_scaling, std::move(scaling));
}

std::unique_ptr<QChart> barChart(const bench::BenchReport& report, const QString& caseName) {
    const CaseRuns runs = collect(report, caseName);
    auto bars = titledChart(BenchCharts::tr("%1: images/s per engine").arg(caseName));
    auto* series = new QBarSeries;
    for (int threads : runs.threads) {
        auto* set = new QBarSet(threadsText(threads));
        for (const QString& engine : runs.engines)
            set->append(rateAt(runs, engine, threads));
        series->append(set);
    }
    bars->addSeries(series);
    auto* engines = new QBarCategoryAxis;
    engines->append(runs.engines);
    auto* rateAxis = rateAxisUpTo(topRate(runs));
    bars->addAxis(engines, Qt::AlignBottom);
    bars->addAxis(rateAxis, Qt::AlignLeft);
    series->attachAxis(engines);
    series->attachAxis(rateAxis);
    return bars;
}

std::unique_ptr<QChart> scalingChart(const bench::BenchReport& report, const QString& caseName) {
    const CaseRuns runs = collect(report, caseName);
    if (runs.threads.size() < 2)
        return nullptr;
    auto scaling = titledChart(BenchCharts::tr("%1: images/s over threads").arg(caseName));
    auto* threadAxis = new QValueAxis;
    threadAxis->setRange(runs.threads.front(), runs.threads.back());
    threadAxis->setTickCount(int(std::min<size_t>(runs.threads.size(), 9)));
    threadAxis->setLabelFormat(QStringLiteral("%.0f"));
    auto* scalingRate = rateAxisUpTo(topRate(runs));
    scaling->addAxis(threadAxis, Qt::AlignBottom);
    scaling->addAxis(scalingRate, Qt::AlignLeft);
    for (const QString& engine : runs.engines) {
        if (!runs.rates.contains(engine))
            continue; // a serial engine has no curve
        auto* line = new QLineSeries;
        line->setName(engine);
        const QMap<int, double> rates = runs.rates.value(engine);
        for (auto [threads, rate] : rates.asKeyValueRange())
            line->append(threads, rate);
        line->setPointsVisible(true);
        scaling->addSeries(line);
        line->attachAxis(threadAxis);
        line->attachAxis(scalingRate);
    }
    return scaling;
}

} // namespace cropdeck::ui
