// SPDX-License-Identifier: GPL-3.0-or-later
#include "DesktopHandover.h"

#include "ExitCodes.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cstdio>
#include <vector>

#if defined(Q_OS_WIN)
#include <QProcess>

#include <windows.h>
#else
#include <cerrno>
#include <cstring>
#include <unistd.h>
#endif

namespace cropdeck::app {

namespace {

QString desktopExecutable() {
#if defined(Q_OS_WIN)
    const QString name = QStringLiteral("cropdeck-gui.exe");
#else
    const QString name = QStringLiteral("cropdeck-gui");
#endif
    return QDir(QCoreApplication::applicationDirPath()).filePath(name);
}

#if defined(Q_OS_WIN)
// Ctrl-C and Ctrl-Break reach every process of the console: the child handles them (cancels its batch
// or bench); this one only waits for it. A handler, not SetConsoleCtrlHandler(nullptr, TRUE): children
// inherit that setting, and the child would then ignore Ctrl-C too.
BOOL WINAPI leaveInterruptsToTheChild(DWORD type) {
    return type == CTRL_C_EVENT || type == CTRL_BREAK_EVENT ? TRUE : FALSE;
}
#endif

int cannotHandOver(const QString& program, const QString& reason) {
    std::fprintf(stderr,
                 "cropdeck: the desktop window and --bench run in %s, which %s; install it beside cropdeck "
                 "(the headless modes --batch, --validate and --convert need only cropdeck)\n",
                 qPrintable(QDir::toNativeSeparators(program)), qPrintable(reason));
    return ExitFatal;
}

} // namespace

int handOverToDesktop(int argc, char* argv[]) {
    const QString program = desktopExecutable();
    const QFileInfo info(program);
    if (!info.exists())
        return cannotHandOver(program, QStringLiteral("is not there"));
    if (!info.isExecutable())
        return cannotHandOver(program, QStringLiteral("is not executable"));
#if defined(Q_OS_WIN)
    Q_UNUSED(argc);
    Q_UNUSED(argv);
    SetConsoleCtrlHandler(leaveInterruptsToTheChild, TRUE);
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.setInputChannelMode(QProcess::ForwardedInputChannel);
    child.start(program, QCoreApplication::arguments().mid(1));
    if (!child.waitForStarted(-1))
        return cannotHandOver(program, QStringLiteral("could not be started (%1)").arg(child.errorString()));
    child.waitForFinished(-1);
    return child.exitStatus() == QProcess::NormalExit ? child.exitCode() : ExitFatal;
#else
    const QByteArray path = QFile::encodeName(program);
    // argv[0] stays as the user typed it: usage lines and messages name the program they ran.
    std::vector<char*> arguments(argv, argv + argc);
    arguments.push_back(nullptr);
    ::execv(path.constData(), arguments.data());
    return cannotHandOver(
        program,
        QStringLiteral("could not be started (%1)").arg(QString::fromLocal8Bit(std::strerror(errno))));
#endif
}

} // namespace cropdeck::app
