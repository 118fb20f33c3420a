// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A report as one self-contained HTML page (no file or network beside it): the system, the parameters,
// per case its table (caseTables(), the text the terminal and Markdown tables show) and the charts the
// shell drew for it, embedded as PNG data URIs; then the notes and the engines' details.
// saveReport() writes it for a path ending in .html; the shells give the figures (ui/BenchReportFile.h).

#include "bench/BenchReport.h"

#include <QString>

namespace cropdeck::bench {

QString reportHtml(const BenchReport& report, const FigureSource& figures);

} // namespace cropdeck::bench
