// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliRunner.h"

#include "TestUtils.h"

#include <QProcess>

namespace cropdeck::test {

CliResult runCropdeck(const QStringList& arguments, int timeoutMs)
{
    QProcess process;
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
