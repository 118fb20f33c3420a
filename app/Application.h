// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What both executables share around their modes: the version text, the application's names, which
// command lines need the desktop executable, and the headless modes that need no Qt Gui.
//
//   cropdeck      the headless modes (--batch, --validate, --convert, --make-demo, --help, --version),
//                 with Qt Core only; the rest it hands to cropdeck-gui (app/DesktopHandover.h).
//   cropdeck-gui  everything: the window, and --bench (Qt Gui's image reader, HTML reports drawn with
//                 QtCharts) as well as the headless modes.
// Why two: Qt Widgets, Gui and Charts bring some 25 more libraries; loading them took about 6 ms of
// every start and, measured on 10,000 windows of one image, 17 ms of a 0.23 s batch.

#include "Options.h"

#include <QString>

namespace cropdeck::app {

// "0.1.0 (commit 4d6faab1c2e3)", or the version alone when not built from a git checkout: benchmark
// reports carry it, so that figures can be traced to the code that made them.
QString versionText();

// The names QSettings and the version flag use; after the application object exists.
void describeApplication();

// The window opens when no headless mode (or help/version) is asked for. Decided from argv before any
// application object exists: headless modes get a QCoreApplication and run on servers without a display.
bool wantsWindow(int argc, char* argv[]);

// Whether `flag` is one of the arguments, alone or as --flag=value.
bool hasFlag(int argc, char* argv[], const char* flag);

// The command lines only cropdeck-gui can run: the window, and --bench.
bool needsDesktop(int argc, char* argv[]);

// Runs a headless mode other than --bench; ExitFatal for Mode::Bench and Mode::Gui, which the caller
// handles.
int runHeadlessMode(const CommandLine& line);

} // namespace cropdeck::app
