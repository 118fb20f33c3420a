// SPDX-License-Identifier: GPL-3.0-or-later
// How `cropdeck` decides between the window and the headless modes, through the real binary; and how it
// hands the window and --bench to cropdeck-gui beside it (app/DesktopHandover.h).
#include "CliRunner.h"
#include "TestUtils.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace cropdeck::test;

namespace {
// Starts cropdeck as on a server: no X11 or Wayland display, no Qt platform chosen.
void startWithoutDisplay(QProcess& process, const QStringList& arguments) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("DISPLAY");
    env.remove("WAYLAND_DISPLAY");
    env.remove("QT_QPA_PLATFORM");
    process.setProcessEnvironment(env);
    process.start(cropdeckBinary(), arguments);
}
} // namespace

class TestCliGui : public QObject {
    Q_OBJECT

private slots:
    void noDisplayPointsToTheHeadlessModes() {
#ifndef Q_OS_LINUX
        QSKIP("only X11 and Wayland sessions can lack a display server");
#endif
        QProcess process;
        startWithoutDisplay(process, {});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit); // not a Qt abort
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(err.contains("no display") && err.contains("--batch"), qPrintable(err));
    }

    void headlessModesNeedNoDisplay() {
        QProcess process;
        startWithoutDisplay(process, {"--version"});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().startsWith("cropdeck "));
    }

    // --bench needs Qt Gui (its QImageReader engine): cropdeck hands it over, and the engine is listed.
    void benchRunsInTheDesktopExecutable() {
        const CliResult result = runCropdeck({"--bench", "--list"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains("qt-cliprect") && result.out.contains("available: Qt"),
                 result.out.constData());
    }

    // A cropdeck without cropdeck-gui beside it (a packager shipped the headless program alone): the
    // window and --bench say what is missing; the headless modes still run.
    void missingDesktopExecutableIsNamed() {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QString alone = QDir(folder.path()).filePath(QStringLiteral("cropdeck"));
        QVERIFY(QFile::copy(cropdeckBinary(), alone));
        QVERIFY(QFile::setPermissions(alone, QFileInfo(cropdeckBinary()).permissions()));
        for (const QStringList& arguments : {QStringList{}, QStringList{"--bench", "--list"}}) {
            QProcess process;
            process.start(alone, arguments);
            QVERIFY(process.waitForFinished(30000));
            QCOMPARE(process.exitCode(), 3);
            const QString err = QString::fromUtf8(process.readAllStandardError());
            QVERIFY2(err.contains(QDir::toNativeSeparators(QDir(folder.path()).filePath("cropdeck-gui"))) &&
                         err.contains("is not there") && err.contains("--batch"),
                     qPrintable(err));
        }
        QProcess version;
        version.start(alone, {"--version"});
        QVERIFY(version.waitForFinished(30000));
        QCOMPARE(version.exitCode(), 0);
        QVERIFY(version.readAllStandardOutput().startsWith("cropdeck "));
    }

    void batchSettingWithoutAModeSaysWhatToDo() {
        const CliResult result = runCropdeck({"--images", "x", "--resize", "9x9"});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("--resize needs a mode: add --batch"), result.err.constData());
    }

    void pathsAreRefusedByHeadlessModes() {
        const CliResult result = runCropdeck({"--validate", "--annotations", "a.csv", "extra"});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("unexpected argument \"extra\""), result.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliGui)
#include "test_cli_gui.moc"
