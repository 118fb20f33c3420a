// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Options.h"

namespace cropdeck::app {

// `cropdeck --batch`: reads the annotations (or generates windows), plans, then runs or lists the batch.
// Needs a QCoreApplication. Returns the process exit code.
int runBatchCommand(const CommandLine& line);

} // namespace cropdeck::app
