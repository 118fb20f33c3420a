// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Engines that run a command line, timed from outside (process start-up included: that is what the
// user's pipeline costs). The command is split like a shell would split it (quotes group words; no
// pipes or redirections: wrap those in `sh -c '…'`) and its placeholders are replaced per run:
//   {in} {x} {y} {w} {h} {out}  one process per window, `threads` processes at a time;
//   {list}                      one process per pass for a list file of `in,x,y,w,h,out` lines.
// {out} is a path in a scratch folder that the command must write (emptied before each pass), with the
// extension of the run's output format (BenchOutput.h: .png unless --format names another; the tool
// picks the format by it, at its own default quality); the scratch folder is on the run's disk or tmpfs
// when --output names one. The crops are read back with OpenCV and verified like every other engine's.

#include "bench/BenchEngine.h"

#include <QStringList>

#include <memory>
#include <optional>

namespace cropdeck::bench {

struct CommandSpec {
    QString name;
    QString command;     // with placeholders
    QString unavailable; // non-empty: the reason it cannot run here
    QString detail;
};

// Parses `NAME=COMMAND` (--engine-cmd). Invalid: no name, no command, or neither {list} nor both {in}
// and {out}.
Result<CommandSpec> parseEngineCommand(const QString& text);

// An engine for the command; unavailable (with the reason) when its program is not found.
std::unique_ptr<BenchEngine> makeCommandEngine(CommandSpec spec);

// Splits a command line as a POSIX shell splits words: blanks separate, '…' keeps everything literal,
// "…" keeps everything but \" and \\, a backslash outside quotes escapes the next character. nullopt
// when a quote is not closed.
std::optional<QStringList> splitCommandLine(const QString& command);

// Empty when `program` (a name looked up on PATH, or a path) can be run; otherwise why not.
QString missingProgram(const QString& program);

} // namespace cropdeck::bench
