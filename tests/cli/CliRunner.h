// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Runs the real cropdeck binary for golden CLI tests.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace cropdeck::test {

struct CliResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs `cropdeck arguments...` and waits (at most `timeoutMs`). exitCode is -1 when it crashed or hung.
CliResult runCropdeck(const QStringList& arguments, int timeoutMs = 120000);

// The same, run in `workingDirectory` (for relative paths in the arguments).
CliResult runCropdeckIn(const QString& workingDirectory, const QStringList& arguments,
                        int timeoutMs = 120000);

} // namespace cropdeck::test
