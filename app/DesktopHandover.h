// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// How cropdeck runs the command lines that need Qt Gui (the window, --bench): in cropdeck-gui, installed
// beside it (app/Application.h says why there are two).

namespace cropdeck::app {

// Runs the whole command line in cropdeck-gui (cropdeck-gui.exe on Windows), in this executable's folder;
// needs the application object. Replaces this process where the OS can (execv), so that signals, the
// exit code and the terminal are the other program's; on Windows runs it with this process's console and
// streams and returns its exit code. When it is missing or cannot start: a message naming it and what to
// do, and ExitFatal.
int handOverToDesktop(int argc, char* argv[]);

} // namespace cropdeck::app
