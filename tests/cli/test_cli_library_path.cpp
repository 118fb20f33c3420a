// SPDX-License-Identifier: GPL-3.0-or-later
// The cropdeck binary must never look for shared libraries in the folder it is started from. Regression:
// CMake padded the build tree's RUNPATH with ':' (room for `cmake --install` to rewrite it), the dynamic
// loader read each empty entry as the working directory, and a build-tree cropdeck started inside a
// dataset folder tried ./libopencv_imgcodecs.so.406 and the rest before the system's. The loader's own
// trace (glibc's LD_DEBUG=libs) lists every file it tries; none may be a relative path.

#include "TestUtils.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace cropdeck::test;

class TestCliLibraryPath : public QObject {
    Q_OBJECT
private slots:
    void neverSearchesTheWorkingFolder() {
#if !defined(Q_OS_LINUX) || !defined(__GLIBC__)
        QSKIP("LD_DEBUG is glibc's; the RUNPATH padding is an ELF matter");
#else
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        QProcess process;
        process.setWorkingDirectory(folder.path());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("LD_DEBUG", "libs");
        environment.remove("LD_LIBRARY_PATH"); // the binary's own RUNPATH is what is checked
        process.setProcessEnvironment(environment);
        process.start(cropdeckBinary(), {"--version"});
        QVERIFY(process.waitForFinished(60'000));
        QCOMPARE(process.exitCode(), 0);
        const QString trace = QString::fromLocal8Bit(process.readAllStandardError());
        static const QRegularExpression tried(QStringLiteral("trying file=(\\S+)"));
        int files = 0;
        for (auto it = tried.globalMatch(trace); it.hasNext();) {
            const QString file = it.next().captured(1);
            ++files;
            QVERIFY2(file.startsWith(u'/'),
                     qPrintable(QStringLiteral("looked for %1 in the working folder").arg(file)));
        }
        QVERIFY2(files > 0, "the loader's trace listed no file: LD_DEBUG is not honoured here");
#endif
    }
};

QTEST_GUILESS_MAIN(TestCliLibraryPath)
#include "test_cli_library_path.moc"
