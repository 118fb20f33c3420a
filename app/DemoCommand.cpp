// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoCommand.h"

#include "ExitCodes.h"
#include "bench/DatasetGenerator.h"

#include <QDir>

#include <cstdio>

namespace cropdeck::app {

int runDemoCommand(const QString& dir) {
    const Result<QString> annotations = makeDemoDataset(dir);
    if (!annotations) {
        std::fprintf(stderr, "cropdeck: %s\n", qPrintable(annotations.error().message));
        return annotations.error().kind == ErrorKind::Invalid ? ExitUsage : ExitFatal;
    }
    const QString absolute = QDir(dir).absolutePath();
    std::printf(
        "demo dataset written to %s\nannotations: %s\ncrop it with:\n  cropdeck --batch --annotations %s "
        "--out %s/crops\n",
        qPrintable(absolute), qPrintable(*annotations), qPrintable(*annotations), qPrintable(absolute));
    return ExitOk;
}

} // namespace cropdeck::app
