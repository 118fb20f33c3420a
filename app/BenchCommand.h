// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Options.h"

namespace cropdeck::app {

// `cropdeck --bench`: runs the benchmark harness (core/bench) and prints its table on stdout, a progress
// line on stderr; --list, --compare and --report as documented in --help. Exit 0 when every engine that
// ran made correct crops, 1 when one failed or was wrong, 2 usage, 3 fatal.
int runBenchCommand(const CommandLine& line);

} // namespace cropdeck::app
