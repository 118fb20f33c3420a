// SPDX-License-Identifier: GPL-3.0-or-later
// cropdeck: the headless modes with Qt Core only; the window and --bench are handed to cropdeck-gui
// (app/Application.h).
#include "Application.h"
#include "DescriptorLimit.h"
#include "DesktopHandover.h"
#include "ReportError.h"

#include <QCoreApplication>

using namespace cropdeck::app;

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    if (needsDesktop(argc, argv))
        return handOverToDesktop(argc, argv);
    raiseDescriptorLimit();
    describeApplication();
    const cropdeck::Result<CommandLine> line = parseCommandLine(QCoreApplication::arguments());
    if (!line)
        return reportInputError(line.error());
    return runHeadlessMode(*line);
}
