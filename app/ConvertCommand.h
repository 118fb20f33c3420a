// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Options.h"

namespace cropdeck::app {

// `cropdeck --convert`: reads --annotations and writes them with --to to --out. What the target format
// cannot hold is printed as warnings (the writers' loss report); an output that would overwrite the
// input is refused. Exit: 0 written, 1 written but the reader dropped something (its errors are
// printed), 2 usage (including a refused output), 3 the write failed. Needs a QCoreApplication.
int runConvertCommand(const CommandLine& line);

} // namespace cropdeck::app
