// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The GUI's entry point, called by main() once it has decided on a QApplication (never before a display
// is known to exist: see displayProblem()).

#include "batch/BatchRequest.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace cropdeck::ui {

// Why no window can be shown here (no X11 or Wayland display on Linux), as a message that points to the
// headless modes; std::nullopt where the platform plugin should find a display.
[[nodiscard]] std::optional<QString> displayProblem();

// Runs the window until it closes, opening `paths` on top of `request` (its images and annotations).
// Needs a QApplication. Returns the exit code.
int runGui(const QStringList& paths, const BatchRequest& request);

} // namespace cropdeck::ui
