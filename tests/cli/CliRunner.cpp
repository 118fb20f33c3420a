// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliRunner.h"

#include "TestUtils.h"

#include <QProcess>

namespace cropdeck::test {

CliResult runCropdeck(const QStringList& arguments, int timeoutMs) {
    return runCropdeckIn(QString(), arguments, timeoutMs);
}

CliResult runCropdeckIn(const QString& workingDirectory, const QStringList& arguments, int timeoutMs) {
    QProcess process;
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(cropdeckBinary(), arguments);
    CliResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = "cropdeck did not finish in time";
        return result;
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

} // namespace cropdeck::test
