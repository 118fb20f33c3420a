// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProgressReporter.h"

#include "engine/BatchSummaryText.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

#if defined(_WIN32)
#include <io.h>
#define CROPDECK_ISATTY _isatty
#define CROPDECK_FILENO _fileno
#else
#include <unistd.h>
#define CROPDECK_ISATTY isatty
#define CROPDECK_FILENO fileno
#endif

namespace cropdeck::app {
namespace {

void printJson(const QJsonObject& object) {
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

QJsonObject progressObject(const BatchProgress& p) {
    return {{"images_total", p.imagesTotal},
            {"images_done", p.imagesDone},
            {"images_failed", p.imagesFailed},
            {"windows_total", p.windowsTotal},
            {"windows_written", p.windowsWritten},
            {"windows_failed", p.windowsFailed},
            {"windows_skipped", p.windowsSkipped},
            {"windows_resumed", p.windowsResumed},
            {"windows_aligned", p.windowsAligned},
            {"source_megapixels", std::round(p.sourceMegapixels * 1000) / 1000},
            {"output_bytes", double(p.outputBytes)},
            {"elapsed_s", std::round(p.elapsedSeconds * 1000) / 1000},
            {"images_per_s", std::round(p.imagesPerSecond() * 100) / 100},
            {"megapixels_per_s", std::round(p.megapixelsPerSecond() * 100) / 100},
            {"eta_s", p.etaSeconds() < 0 ? QJsonValue() : QJsonValue(std::round(p.etaSeconds() * 10) / 10)}};
}

} // namespace

ProgressReporter::ProgressReporter(Style style, bool quiet)
    : m_style(style)
    , m_quiet(quiet) {
    m_sincePlainLine.start();
}

ProgressReporter::Style ProgressReporter::detectStyle(bool json) {
    if (json)
        return Style::Json;
    return CROPDECK_ISATTY(CROPDECK_FILENO(stderr)) ? Style::Terminal : Style::Plain;
}

void ProgressReporter::clearBar() {
    if (m_barShown) {
        std::fputs("\r\033[K", stderr);
        m_barShown = false;
    }
}

void ProgressReporter::progress(const BatchProgress& p) {
    if (m_style == Style::Json) {
        QJsonObject object = progressObject(p);
        object.insert("event", "progress");
        return printJson(object);
    }
    if (m_quiet)
        return;
    const double fraction = p.imagesTotal > 0 ? double(p.imagesDone) / p.imagesTotal : 1.0;
    const QString numbers = QStringLiteral("%1/%2 images  %3 windows  %4 img/s  %5 MPx/s  ETA %6")
                                .arg(p.imagesDone)
                                .arg(p.imagesTotal)
                                .arg(p.windowsWritten)
                                .arg(p.imagesPerSecond(), 0, 'f', 1)
                                .arg(p.megapixelsPerSecond(), 0, 'f', 1)
                                .arg(formatDuration(p.etaSeconds()));
    if (m_style == Style::Terminal) {
        constexpr int width = 30;
        const int filled = int(fraction * width);
        const QString bar = QString(filled, QChar(u'#')) + QString(width - filled, QChar(u'.'));
        std::fprintf(stderr, "\r\033[K[%s] %3d%%  %s", qPrintable(bar), int(fraction * 100),
                     qPrintable(numbers));
        std::fflush(stderr);
        m_barShown = true;
        return;
    }
    // Plain: a line every 5 s keeps logs readable.
    if (m_sincePlainLine.elapsed() >= 5000 || p.imagesDone == p.imagesTotal) {
        std::fprintf(stderr, "progress: %3d%%  %s\n", int(fraction * 100), qPrintable(numbers));
        m_sincePlainLine.restart();
    }
}

void ProgressReporter::failure(const BatchFailure& failure) {
    if (m_style == Style::Json) {
        QJsonObject object{{"event", "error"},
                           {"source", failure.source},
                           {"kind", errorKindName(failure.kind)},
                           {"message", failure.message}};
        if (failure.windowIndex >= 0) {
            object.insert("window_index", failure.windowIndex);
            object.insert("window_id", failure.windowId);
        }
        return printJson(object);
    }
    clearBar();
    if (failure.windowIndex >= 0)
        std::fprintf(stderr, "error: window %d (id %s): %s\n", failure.windowIndex,
                     qPrintable(failure.windowId), qPrintable(failure.message));
    else
        std::fprintf(stderr, "error: %s\n", qPrintable(failure.message));
}

void ProgressReporter::warning(const QString& message) {
    if (m_style == Style::Json)
        return printJson({{"event", "warning"}, {"message", message}});
    clearBar();
    std::fprintf(stderr, "warning: %s\n", qPrintable(message));
}

void ProgressReporter::summary(const BatchSummary& summary, const QString& outputDir) {
    const BatchProgress& p = summary.progress;
    if (m_style == Style::Json) {
        QJsonObject object = progressObject(p);
        object.insert("event", "summary");
        object.insert("outcome", batchOutcomeName(summary.outcome));
        object.insert("output_dir", outputDir);
        object.insert("peak_decode_bytes", double(summary.peakDecodeBytes));
        if (!summary.fatalError.isEmpty())
            object.insert("fatal_error", summary.fatalError);
        return printJson(object);
    }
    clearBar();
    if (!summary.fatalError.isEmpty())
        std::fprintf(stderr, "fatal: %s\n", qPrintable(summary.fatalError));
    const QByteArray text = batchSummaryText(summary, outputDir).toLocal8Bit();
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    std::fflush(stdout);
}

} // namespace cropdeck::app
