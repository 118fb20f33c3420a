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

QByteArray png(QChartView* view) {
    view->resize(
        kReportChartSize); // never shown: render() sends the pending resize, which lays out the chart
    QImage image(kReportChartSize, QImage::Format_RGB32);
    image.fill(Qt::white);
    view->render(&image);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

std::vector<bench::ReportFigure> reportCharts(const bench::BenchReport& report, const QString& caseName) {
    if (!canDraw())
        return {};
    BenchCharts charts;
    charts.showCase(report, caseName);
    std::vector<bench::ReportFigure> figures{{charts.barView()->chart()->title(), png(charts.barView())}};
    if (!charts.scalingView()->isHidden()) // one thread count: no curve
        figures.push_back({charts.scalingView()->chart()->title(), png(charts.scalingView())});
    return figures;
}

Status saveBenchReport(const bench::BenchReport& report, const QString& path) {
    if (!canDraw()) // core's saveReport() refuses .html without figures, saying why
        return bench::saveReport(report, path);
    return bench::saveReport(report, path, reportCharts);
}

} // namespace cropdeck::ui
