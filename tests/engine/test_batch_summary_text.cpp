// SPDX-License-Identifier: GPL-3.0-or-later
// The batch summary every shell prints: byte for byte what `cropdeck --batch` printed with printf before
// the text moved to core (the format strings below are the CLI's old ones), and the duration format.

#include "engine/BatchSummaryText.h"

#include <QTest>

#include <cstdio>

using namespace cropdeck;

namespace {

// What app/ProgressReporter printed on stdout, with the same printf formats.
QByteArray printfSummary(const BatchSummary& summary, const char* outcome, const QByteArray& outputDir) {
    const BatchProgress& p = summary.progress;
    char line[1024];
    std::snprintf(line, sizeof line,
                  "%s: %d images (%d failed), %d windows written, %d failed, %d skipped, %d already done; "
                  "%.2f s, %.1f images/s, %.1f MPx/s\n",
                  outcome, p.imagesDone, p.imagesFailed, p.windowsWritten, p.windowsFailed, p.windowsSkipped,
                  p.windowsResumed, p.elapsedSeconds, p.imagesPerSecond(), p.megapixelsPerSecond());
    QByteArray text(line);
    if (p.windowsAligned > 0) {
        std::snprintf(line, sizeof line,
                      "%d lossless crops were moved to the JPEG's MCU grid (each is listed above and in the "
                      "manifest's \"note\")\n",
                      p.windowsAligned);
        text += line;
    }
    if (p.windowsWritten > 0)
        text += "crops written to " + outputDir + "\n";
    return text;
}

} // namespace

class TestBatchSummaryText : public QObject {
    Q_OBJECT
private slots:
    void sameTextAsTheCliPrinted_data() {
        QTest::addColumn<BatchSummary>("summary");
        QTest::addColumn<QString>("outcome");
        BatchSummary done;
        done.progress = {10, 10, 0, 30, 30, 0, 0, 0, 0, 123.456, 98765, 2.345};
        QTest::newRow("completed") << done << "completed";
        BatchSummary failures = done;
        failures.outcome = BatchOutcome::CompletedWithFailures;
        failures.progress.imagesFailed = 2;
        failures.progress.windowsFailed = 7;
        failures.progress.windowsSkipped = 3;
        failures.progress.windowsResumed = 4;
        failures.progress.windowsAligned = 5;
        failures.progress.elapsedSeconds = 0.005; // rounding at the last digit
        QTest::newRow("failures, aligned") << failures << "completed-with-failures";
        BatchSummary cancelled;
        cancelled.outcome = BatchOutcome::Cancelled;
        cancelled.progress.imagesTotal = 5;
        QTest::newRow("cancelled, nothing written") << cancelled << "cancelled";
        BatchSummary fatal = done;
        fatal.outcome = BatchOutcome::Fatal;
        fatal.fatalError = QStringLiteral("the output folder was deleted");
        fatal.progress.elapsedSeconds = 3600.125;
        QTest::newRow("fatal") << fatal << "fatal";
    }

    void sameTextAsTheCliPrinted() {
        QFETCH(BatchSummary, summary);
        QFETCH(QString, outcome);
        const QString dir = QStringLiteral("/tmp/crops/été");
        QCOMPARE(batchOutcomeName(summary.outcome), outcome);
        QCOMPARE(batchSummaryText(summary, dir).toUtf8(),
                 printfSummary(summary, qPrintable(outcome), dir.toUtf8()));
    }

    void durations_data() {
        QTest::addColumn<double>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("unknown") << -1.0 << "--:--";
        QTest::newRow("zero") << 0.0 << "00:00";
        QTest::newRow("rounded up") << 59.5 << "01:00";
        QTest::newRow("minutes") << 754.0 << "12:34";
        QTest::newRow("an hour") << 3600.0 << "1:00:00";
        QTest::newRow("hours") << 37230.0 << "10:20:30";
    }

    void durations() {
        QFETCH(double, seconds);
        QFETCH(QString, text);
        QCOMPARE(formatDuration(seconds), text);
    }
};

QTEST_GUILESS_MAIN(TestBatchSummaryText)
#include "test_batch_summary_text.moc"
