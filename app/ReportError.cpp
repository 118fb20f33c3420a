// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReportError.h"

#include "ExitCodes.h"
#include "Options.h"

#include <cstdio>

namespace cropdeck::app {

int reportInputError(const Error& error) {
    std::fprintf(stderr, "cropdeck: %s\n", qPrintable(describeError(error)));
    return error.kind == ErrorKind::Io ? int(ExitFatal) : int(ExitUsage);
}

} // namespace cropdeck::app
