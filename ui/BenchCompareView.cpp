// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/BenchCompareView.h"

#include "bench/ReportText.h"

#include <QFontDatabase>

namespace cropdeck::ui {

BenchCompareView::BenchCompareView(QWidget* parent)
    : QPlainTextEdit(parent) {
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap); // the columns line up only unwrapped
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setAccessibleName(tr("Report comparison"));
    setPlaceholderText(tr("Compare… shows two saved JSON reports side by side, or a saved one beside "
                          "this run: each median and % floor, and B/A, how many times faster B is."));
}

Status BenchCompareView::compareFiles(const QString& a, const QString& b) {
    Result<bench::BenchReport> first = bench::loadReport(a);
    if (!first)
        return first.error();
    Result<bench::BenchReport> second = bench::loadReport(b);
    if (!second)
        return second.error();
    setPlainText(bench::compareReports(*first, a, *second, b));
    return {};
}

Status BenchCompareView::compareWithRun(const QString& saved, const bench::BenchReport& run,
                                        const QString& runName) {
    Result<bench::BenchReport> first = bench::loadReport(saved);
    if (!first)
        return first.error();
    setPlainText(bench::compareReports(*first, saved, run, runName));
    return {};
}

} // namespace cropdeck::ui
