// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// How a batch's end and pace are put into words, for every shell: `cropdeck --batch` prints
// batchSummaryText() on stdout and the GUI's batch panel shows the same text, so both say the same.

#include "engine/BatchProgress.h"

#include <QString>

namespace cropdeck {

// "completed", "completed-with-failures", "cancelled", "fatal".
[[nodiscard]] QString batchOutcomeName(BatchOutcome outcome);

// "mm:ss", or "h:mm:ss" from an hour; "--:--" for a negative (unknown) duration.
[[nodiscard]] QString formatDuration(double seconds);

// The summary lines, each ending in '\n': counts and rates; the lossless crops moved to the MCU grid;
// where the crops are (when any was written). The fatal error, if any, is not included (the CLI prints
// it on stderr before these lines).
[[nodiscard]] QString batchSummaryText(const BatchSummary& summary, const QString& outputDir);

} // namespace cropdeck
