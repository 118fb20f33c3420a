// SPDX-License-Identifier: GPL-3.0-or-later
// cropdeck-gui: the window, --bench, and every headless mode as well (app/Application.h).
#include "Application.h"
#include "BenchCommand.h"
#include "DescriptorLimit.h"
#include "ExitCodes.h"
#include "ReportError.h"
#include "engine/BatchRunner.h"
#include "ui/GuiMain.h"

#include <QApplication>
#include <QCoreApplication>
#include <QThread>

#include <cstdio>
#include <cstring>
#include <memory>

using namespace cropdeck::app;

namespace {

// `--bench --report FILE.html` draws its charts with QtCharts, which needs a QApplication: headless still,
// on the offscreen platform (see main()).
bool wantsHtmlReport(int argc, char* argv[]) {
    if (!hasFlag(argc, argv, "--bench"))
        return false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        const QByteArray file = arg == "--report" && i + 1 < argc ? QByteArray(argv[i + 1])
                                : arg.startsWith("--report=")     ? arg.mid(int(std::strlen("--report=")))
                                                                  : QByteArray();
        if (file.toLower().endsWith(".html"))
            return true;
    }
    return false;
}

// The user's own choice of platform plugin (the variable, or Qt's -platform argument) is kept.
bool platformChosen(int argc, char* argv[]) {
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") || hasFlag(argc, argv, "-platform") ||
           hasFlag(argc, argv, "--platform");
}

} // namespace

int main(int argc, char* argv[]) {
    raiseDescriptorLimit();
    const bool window = wantsWindow(argc, argv);
    // The window's batches start among the GUI's own threads: the room they need in the descriptor
    // table is made now, while no other thread shares it (engine/BatchRunner.h).
    if (window)
        cropdeck::reserveBatchDescriptors(QThread::idealThreadCount());
    const std::optional<QString> noDisplay =
        window ? cropdeck::ui::displayProblem() : std::optional<QString>();
    const bool htmlReport = wantsHtmlReport(argc, argv);
    if (htmlReport && !platformChosen(argc, argv))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // draws in memory: no display, none opened if there is one
    std::unique_ptr<QCoreApplication> app;
    if ((window && !noDisplay) || htmlReport)
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    describeApplication();

    const cropdeck::Result<CommandLine> line = parseCommandLine(QCoreApplication::arguments());
    if (!line)
        return reportInputError(line.error());
    if (line->mode == Mode::Bench)
        return runBenchCommand(*line);
    if (line->mode != Mode::Gui)
        return runHeadlessMode(*line);
    if (noDisplay) {
        std::fprintf(stderr, "cropdeck: %s\n", qPrintable(*noDisplay));
        return ExitUsage;
    }
    return cropdeck::ui::runGui(line->openPaths, line->request);
}
