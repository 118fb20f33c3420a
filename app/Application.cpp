// SPDX-License-Identifier: GPL-3.0-or-later
#include "Application.h"

#include "BatchCommand.h"
#include "ConvertCommand.h"
#include "DemoCommand.h"
#include "ExitCodes.h"
#include "ValidateCommand.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstring>

namespace cropdeck::app {

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

bool hasFlag(int argc, char* argv[], const char* flag) {
    const size_t length = std::strlen(flag);
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], flag) == 0 ||
            (std::strncmp(argv[i], flag, length) == 0 && argv[i][length] == '='))
            return true;
    return false;
}

bool wantsWindow(int argc, char* argv[]) {
    static const char* const headless[] = {"--batch",   "--validate", "--convert", "--make-demo",
                                           "--bench",   "--help",     "-h",        "--help-all",
                                           "--version", "-v",         "-?"};
    for (const char* flag : headless)
        if (hasFlag(argc, argv, flag))
            return false;
    return true;
}

bool needsDesktop(int argc, char* argv[]) {
    return wantsWindow(argc, argv) || hasFlag(argc, argv, "--bench");
}

int runHeadlessMode(const CommandLine& line) {
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
    case Mode::Gui:
        break;
    }
    return ExitFatal;
}

} // namespace cropdeck::app
