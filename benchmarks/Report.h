// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Side-by-side tables (seconds, images/s with CropDeck's lead, pixel checks) and the JSON report.

#include "BenchTypes.h"
#include "SystemInfo.h"

#include <QJsonObject>
#include <QTextStream>

#include <vector>

namespace cropdeck::benchmark {

struct RunParameters {
    int threads = 0;
    int trials = 0;
    int count = 0;
    quint64 seed = 0;
    int side = 0; // 0: each workload's own size
    QString datasetDir;
};

void printTables(QTextStream& out, const std::vector<CaseResult>& results, const RunParameters& parameters);
QJsonObject toJson(const std::vector<CaseResult>& results, const RunParameters& parameters,
                   const SystemInfo& system);

} // namespace cropdeck::benchmark
