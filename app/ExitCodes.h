// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace cropdeck::app {

// Documented in --help and the README; scripts rely on them.
enum ExitCode : int {
    ExitOk = 0,         // everything done
    ExitSomeFailed = 1, // the run finished, some items failed (or validation found problems)
    ExitUsage = 2,      // bad command line or configuration
    ExitFatal = 3,      // could not run at all (I/O on the output folder, cancelled, internal error)
};

} // namespace cropdeck::app
