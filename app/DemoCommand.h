// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace cropdeck::app {

// `cropdeck --make-demo DIR`: writes the demo dataset and says how to crop it. Returns the exit code.
int runDemoCommand(const QString& dir);

} // namespace cropdeck::app
