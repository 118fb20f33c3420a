// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/BenchReportFile.h"

#include "ui/BenchCharts.h"

#include <QApplication>
#include <QBuffer>
#include <QChart>
#include <QChartView>
#include <QImage>

namespace cropdeck::ui {
namespace {

bool canDraw() {
    return qobject_cast<QApplication*>(QCoreApplication::instance()) != nullptr;
}

// A view of its own, a top-level widget never shown, so that nothing but this size lays the chart out.
bench::ReportFigure figure(std::unique_ptr<QChart> chart) {
    const QString title = chart->title();
    QChartView view(chart.release()); // owns the chart from here
    view.setRenderHint(QPainter::Antialiasing);
    view.setFrameShape(QFrame::NoFrame);
    view.resize(kReportChartSize);
    QImage image(kReportChartSize, QImage::Format_RGB32);
    image.fill(Qt::white);
    view.QWidget::render(&image); // the widget, as on screen (QGraphicsView::render draws the scene alone)
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return {title, bytes};
}

} // namespace

std::vector<bench::ReportFigure> reportCharts(const bench::BenchReport& report, const QString& caseName) {
    if (!canDraw())
        return {};
    std::vector<bench::ReportFigure> figures{figure(barChart(report, caseName))};
    if (std::unique_ptr<QChart> scaling = scalingChart(report, caseName)) // one thread count: no curve
        figures.push_back(figure(std::move(scaling)));
    return figures;
}

Status saveBenchReport(const bench::BenchReport& report, const QString& path) {
    if (!canDraw()) // core's saveReport() refuses .html without figures, saying why
        return bench::saveReport(report, path);
    return bench::saveReport(report, path, reportCharts);
}

} // namespace cropdeck::ui
