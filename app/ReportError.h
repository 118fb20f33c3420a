// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

namespace cropdeck::app {

// Prints "cropdeck: message (--flag)" on stderr and returns the exit code for an error that stops a
// command before it runs: I/O errors are fatal (3), the rest are usage or configuration errors (2).
int reportInputError(const Error& error);

} // namespace cropdeck::app
