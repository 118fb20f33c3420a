// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Prints batch progress for the three audiences of the CLI: a person at a terminal (one updating bar
// with rate and ETA), a log file (a plain line every few seconds), and a script (--json: one JSON
// object per line on stdout, errors included, never mixed with human text).

#include "engine/BatchProgress.h"

#include <QElapsedTimer>

#include <cstdio>

namespace cropdeck::app {

class ProgressReporter {
public:
    enum class Style { Terminal, Plain, Json };

    ProgressReporter(Style style, bool quiet);
    static Style detectStyle(bool json);

    void progress(const BatchProgress& progress);
    void failure(const BatchFailure& failure);
    void warning(const QString& message);
    void summary(const BatchSummary& summary, const QString& outputDir);

private:
    void clearBar();

    Style m_style;
    bool m_quiet;
    bool m_barShown = false;
    QElapsedTimer m_sincePlainLine;
};

} // namespace cropdeck::app
