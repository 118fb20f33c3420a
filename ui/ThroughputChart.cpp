// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ThroughputChart.h"

#include <QChart>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace cropdeck::ui {
namespace {

// Axis maxima grow by half again when a value reaches them, so the axes do not jump on every sample.
void grow(QValueAxis* axis, double value) {
    if (value > axis->max())
        axis->setMax(value * 1.5);
}

} // namespace

ThroughputChart::ThroughputChart(QWidget* parent)
    : QChartView(new QChart, parent) // the view owns its chart (setChart() would orphan a default one)
    , m_images(new QLineSeries)
    , m_megapixels(new QLineSeries)
    , m_time(new QValueAxis)
    , m_imagesAxis(new QValueAxis)
    , m_megapixelsAxis(new QValueAxis) {
    QChart* chart = this->chart();
    m_images->setName(tr("images/s"));
    m_megapixels->setName(tr("MPx/s"));
    chart->addSeries(m_images);
    chart->addSeries(m_megapixels);
    // The legend names the two rates: axis titles would only take the plot's room in a narrow dock.
    m_time->setLabelFormat(QStringLiteral("%.0f s"));
    m_time->setTickCount(6); // whole seconds at 10 and at every 1.5× growth
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_imagesAxis, Qt::AlignLeft);
    chart->addAxis(m_megapixelsAxis, Qt::AlignRight);
    m_images->attachAxis(m_time);
    m_images->attachAxis(m_imagesAxis);
    m_megapixels->attachAxis(m_time);
    m_megapixels->attachAxis(m_megapixelsAxis);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setMargins(QMargins(2, 2, 2, 2));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(160);
    setAccessibleName(tr("Throughput"));
    clear();
}

void ThroughputChart::addSample(const BatchProgress& progress) {
    const double t = progress.elapsedSeconds;
    m_images->append(t, progress.imagesPerSecond());
    m_megapixels->append(t, progress.megapixelsPerSecond());
    grow(m_time, t);
    grow(m_imagesAxis, progress.imagesPerSecond());
    grow(m_megapixelsAxis, progress.megapixelsPerSecond());
}

void ThroughputChart::clear() {
    m_images->clear();
    m_megapixels->clear();
    m_time->setRange(0, 10);
    m_imagesAxis->setRange(0, 1);
    m_megapixelsAxis->setRange(0, 1);
}

int ThroughputChart::sampleCount() const {
    return int(m_images->count());
}

} // namespace cropdeck::ui
