// SPDX-License-Identifier: GPL-3.0-or-later
#include "BatchCommand.h"
#include "BenchCommand.h"
#include "ConvertCommand.h"
#include "DemoCommand.h"
#include "DescriptorLimit.h"
#include "ExitCodes.h"
#include "Options.h"
#include "ReportError.h"
#include "ValidateCommand.h"
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

// The window opens when no headless mode (or help/version) is asked for. Decided from argv before any
// application object exists: headless modes get a QCoreApplication and run on servers without a display
// (all but an HTML benchmark report, whose QApplication is offscreen).
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

bool hasFlag(int argc, char* argv[], const char* flag) {
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], flag) == 0)
            return true;
    return false;
}

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

// "0.1.0 (commit 4d6faab1c2e3)", or the version alone when not built from a git checkout: benchmark
// reports carry it, so that figures can be traced to the code that made them.
QString versionText() {
    const QString commit = QStringLiteral(CROPDECK_COMMIT);
    return commit.isEmpty() ? QStringLiteral(CROPDECK_VERSION)
                            : QStringLiteral("%1 (commit %2)").arg(QLatin1String(CROPDECK_VERSION), commit);
}

void describeApplication() {
    QCoreApplication::setApplicationName(QStringLiteral("cropdeck"));
    QCoreApplication::setOrganizationName(QStringLiteral("CropDeck"));
    QCoreApplication::setApplicationVersion(versionText());
}

int runHeadless(const CommandLine& line) {
    switch (line.mode) {
    case Mode::Help:
        std::printf("%s", qPrintable(line.helpText));
        return ExitOk;
    case Mode::Version:
        std::printf("cropdeck %s\n", qPrintable(versionText()));
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
    raiseDescriptorLimit();
    // The window's batches start among the GUI's own threads: the room they need in the descriptor
    // table is made now, while no other thread shares it (engine/BatchRunner.h).
    if (wantsWindow(argc, argv))
        cropdeck::reserveBatchDescriptors(QThread::idealThreadCount());
    const std::optional<QString> noDisplay =
        wantsWindow(argc, argv) ? cropdeck::ui::displayProblem() : std::optional<QString>();
    const bool htmlReport = wantsHtmlReport(argc, argv);
    if (htmlReport && !platformChosen(argc, argv))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // draws in memory: no display, none opened if there is one
    std::unique_ptr<QCoreApplication> app;
    if ((wantsWindow(argc, argv) && !noDisplay) || htmlReport)
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
