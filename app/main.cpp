// SPDX-License-Identifier: GPL-3.0-or-later
#include "BatchCommand.h"
#include "BenchCommand.h"
#include "ConvertCommand.h"
#include "DemoCommand.h"
#include "ExitCodes.h"
#include "Options.h"
#include "ReportError.h"
#include "ValidateCommand.h"
#include "ui/GuiMain.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdio>
#include <cstring>
#include <memory>

using namespace cropdeck::app;

namespace {

// The window opens when no headless mode (or help/version) is asked for. Decided from argv before any
// application object exists: headless modes get a QCoreApplication and run on servers without a display.
bool wantsWindow(int argc, char* argv[]) {
    static const char* const headless[] = {"--batch",   "--validate", "--convert", "--make-demo",
                                           "--bench",   "--help",     "-h",        "--help-all",
                                           "--version", "-v",         "-?"};
    for (int i = 1; i < argc; ++i)
        for (const char* flag : headless)
            if (std::strcmp(argv[i], flag) == 0 ||
                (std::strncmp(argv[i], flag, std::strlen(flag)) == 0 && argv[i][std::strlen(flag)] == '='))
                return false;
    return true;
}

void describeApplication() {
    QCoreApplication::setApplicationName(QStringLiteral("cropdeck"));
    QCoreApplication::setOrganizationName(QStringLiteral("CropDeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CROPDECK_VERSION));
}

int runHeadless(const CommandLine& line) {
    switch (line.mode) {
    case Mode::Help:
        std::printf("%s", qPrintable(line.helpText));
        return ExitOk;
    case Mode::Version:
        std::printf("cropdeck %s\n", CROPDECK_VERSION);
        return ExitOk;
    case Mode::Batch:
        return runBatchCommand(line);
    case Mode::Validate:
        return runValidateCommand(line);
    case Mode::Convert:
        return runConvertCommand(line);
    case Mode::MakeDemo:
        return runDemoCommand(line.demoDir);
    case Mode::Bench:
        return runBenchCommand(line);
    case Mode::Gui:
        break;
    }
    return ExitFatal;
}

} // namespace

int main(int argc, char* argv[]) {
    const std::optional<QString> noDisplay =
        wantsWindow(argc, argv) ? cropdeck::ui::displayProblem() : std::optional<QString>();
    std::unique_ptr<QCoreApplication> app;
    if (wantsWindow(argc, argv) && !noDisplay)
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    describeApplication();

    const cropdeck::Result<CommandLine> line = parseCommandLine(QCoreApplication::arguments());
    if (!line)
        return reportInputError(line.error());
    if (line->mode != Mode::Gui)
        return runHeadless(*line);
    if (noDisplay) {
        std::fprintf(stderr, "cropdeck: %s\n", qPrintable(*noDisplay));
        return ExitUsage;
    }
    return cropdeck::ui::runGui(line->openPaths, line->request);
}
