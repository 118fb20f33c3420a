// SPDX-License-Identifier: GPL-3.0-or-later
#include "BatchCommand.h"
#include "ConvertCommand.h"
#include "DemoCommand.h"
#include "ExitCodes.h"
#include "Options.h"
#include "ReportError.h"
#include "ValidateCommand.h"

#include <QCoreApplication>

#include <cstdio>
#include <memory>

using namespace cropdeck::app;

int main(int argc, char* argv[]) {
    // Headless modes get a QCoreApplication, decided before any application object exists, so that
    // --batch runs on servers without a display. The GUI (QApplication) arrives with the ui/ library.
    std::unique_ptr<QCoreApplication> app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cropdeck"));
    QCoreApplication::setOrganizationName(QStringLiteral("CropDeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CROPDECK_VERSION));

    const cropdeck::Result<CommandLine> line = parseCommandLine(QCoreApplication::arguments());
    if (!line) {
        return reportInputError(line.error());
    }
    switch (line->mode) {
    case Mode::Help:
        std::printf("%s", qPrintable(line->helpText));
        return ExitOk;
    case Mode::Version:
        std::printf("cropdeck %s\n", CROPDECK_VERSION);
        return ExitOk;
    case Mode::Batch:
        return runBatchCommand(*line);
    case Mode::Validate:
        return runValidateCommand(*line);
    case Mode::Convert:
        return runConvertCommand(*line);
    case Mode::MakeDemo:
        return runDemoCommand(line->demoDir);
    case Mode::Gui:
        std::fprintf(
            stderr,
            "cropdeck: this build has no graphical interface yet; use --batch (see cropdeck --help)\n");
        return ExitUsage;
    }
    return ExitFatal;
}
