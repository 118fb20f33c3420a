// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Images/s and source MPx/s of a running batch over its elapsed time (QtCharts): one point per progress
// snapshot, each rate on its own axis. The rates are BatchProgress's own (since the start), the figures
// the CLI prints.

#include "engine/BatchProgress.h"

#include <QChartView>

class QLineSeries;
class QValueAxis;

namespace cropdeck::ui {

class ThroughputChart : public QChartView {
    Q_OBJECT

public:
    explicit ThroughputChart(QWidget* parent = nullptr);

    void addSample(const BatchProgress& progress);
    void clear();

    int sampleCount() const;
    QLineSeries* imagesSeries() const { return m_images; }
    QLineSeries* megapixelsSeries() const { return m_megapixels; }

private:
    QLineSeries* m_images;
    QLineSeries* m_megapixels;
    QValueAxis* m_time;
    QValueAxis* m_imagesAxis;
    QValueAxis* m_megapixelsAxis;
};

} // namespace cropdeck::ui
