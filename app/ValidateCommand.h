// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Options.h"

namespace cropdeck::app {

// `cropdeck --validate`: reads the annotations, checks them against the image headers
// (core/annotations/Validation.h) and prints one line per finding and a summary, or one JSON document
// with --json. Exit: 0 no errors (warnings allowed), 1 errors found, 2 usage or unreadable annotations,
// 3 I/O failure. Needs a QCoreApplication.
int runValidateCommand(const CommandLine& line);

} // namespace cropdeck::app
