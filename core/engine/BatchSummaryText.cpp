// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/BatchSummaryText.h"

#include <cmath>
#include <cstdio>

namespace cropdeck {
namespace {

// printf's %.Nf, as the CLI always printed it: its rounding (exact binary value, ties to even: 3600.125
// gives "3600.12", where QString::number gives "3600.13") and the process's LC_NUMERIC.
QString fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return QString::fromLocal8Bit(text);
}

} // namespace

QString batchOutcomeName(BatchOutcome outcome) {
    switch (outcome) {
    case BatchOutcome::Completed:
        return QStringLiteral("completed");
    case BatchOutcome::CompletedWithFailures:
        return QStringLiteral("completed-with-failures");
    case BatchOutcome::Cancelled:
        return QStringLiteral("cancelled");
    case BatchOutcome::Fatal:
        return QStringLiteral("fatal");
    }
    return QStringLiteral("unknown");
}

QString formatDuration(double seconds) {
    if (seconds < 0)
        return QStringLiteral("--:--");
    const qint64 total = qint64(std::llround(seconds));
    if (total >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(total / 3600)
            .arg(total / 60 % 60, 2, 10, QChar('0'))
            .arg(total % 60, 2, 10, QChar('0'));
    return QStringLiteral("%1:%2").arg(total / 60, 2, 10, QChar('0')).arg(total % 60, 2, 10, QChar('0'));
}

QString batchSummaryText(const BatchSummary& summary, const QString& outputDir) {
    const BatchProgress& p = summary.progress;
    QString text = QStringLiteral("%1: %2 images (%3 failed), %4 windows written, %5 failed, %6 skipped, %7 "
                                  "already done; %8 s, %9 images/s, %10 MPx/s\n")
                       .arg(batchOutcomeName(summary.outcome))
                       .arg(p.imagesDone)
                       .arg(p.imagesFailed)
                       .arg(p.windowsWritten)
                       .arg(p.windowsFailed)
                       .arg(p.windowsSkipped)
                       .arg(p.windowsResumed)
                       .arg(fixed(p.elapsedSeconds, 2))
                       .arg(fixed(p.imagesPerSecond(), 1))
                       .arg(fixed(p.megapixelsPerSecond(), 1));
    if (p.windowsAligned > 0)
        text +=
            QStringLiteral("%1 lossless crops were moved to the JPEG's MCU grid (each is listed above and in "
                           "the manifest's \"note\")\n")
                .arg(p.windowsAligned);
    if (p.windowsWritten > 0)
        text += QStringLiteral("crops written to %1\n").arg(outputDir);
    return text;
}

} // namespace cropdeck
