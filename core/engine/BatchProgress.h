// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QMetaType>
#include <QString>

namespace cropdeck {

// A snapshot of a running batch; emitted at a steady cadence and once at the end.
struct BatchProgress {
    int imagesTotal = 0;
    int imagesDone = 0;   // finished, successfully or not
    int imagesFailed = 0; // the image itself could not be read
    int windowsTotal = 0;
    int windowsWritten = 0;
    int windowsFailed = 0;
    int windowsSkipped = 0;      // bounds policy `skip`
    int windowsResumed = 0;      // already done in an earlier run (--resume)
    int windowsAligned = 0;      // --lossless: written larger than asked, on the JPEG's MCU grid
    double sourceMegapixels = 0; // of the images processed
    qint64 outputBytes = 0;
    double elapsedSeconds = 0;

    double imagesPerSecond() const { return elapsedSeconds > 0 ? imagesDone / elapsedSeconds : 0; }
    double megapixelsPerSecond() const { return elapsedSeconds > 0 ? sourceMegapixels / elapsedSeconds : 0; }
    // Seconds left at the current rate; negative when unknown.
    double etaSeconds() const {
        const double rate = imagesPerSecond();
        return rate > 0 ? (imagesTotal - imagesDone) / rate : -1;
    }
};

// One problem: an image that could not be read, or one window that failed.
struct BatchFailure {
    QString source;       // as in the annotation file
    int windowIndex = -1; // -1: the whole image
    QString windowId;
    ErrorKind kind = ErrorKind::Invalid;
    QString message; // names the file (and window) and the problem
};

// Something the user should know about a window that was written: a lossless crop moved to the MCU grid.
struct BatchNotice {
    QString source;
    int windowIndex = -1;
    QString windowId;
    QString message; // names the file and window
};

enum class BatchOutcome { Completed, CompletedWithFailures, Cancelled, Fatal };

struct BatchSummary {
    BatchProgress progress;
    BatchOutcome outcome = BatchOutcome::Completed;
    QString fatalError;
    qint64 peakDecodeBytes = 0; // peak of the memory budget in use
};

} // namespace cropdeck

Q_DECLARE_METATYPE(cropdeck::BatchProgress)
Q_DECLARE_METATYPE(cropdeck::BatchFailure)
Q_DECLARE_METATYPE(cropdeck::BatchNotice)
Q_DECLARE_METATYPE(cropdeck::BatchSummary)
