// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The command line: every flag is declared once in Options.cpp, with its help text and value range;
// --help is generated from those declarations.

#include "engine/BatchPlan.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>

namespace cropdeck::app {

enum class Mode { Help, Version, Batch, Validate, Convert, MakeDemo, Gui };

// Options that shape where windows come from when there is no annotation file.
struct GeneratedWindows {
    enum class Kind { None, Centre, Random };
    Kind kind = Kind::None;
    QSize size;
    int count = 1;
    quint64 seed = 0;
};

struct CommandLine {
    Mode mode = Mode::Help;
    QString helpText;

    // --batch, and the input of --validate and --convert (images, annotations, annotationFormat,
    // csvColumns; batch.settings.maxPixels, orientationFromExif, normalized*; batch.threads; json, quiet)
    QString images; // folder or list file
    QString annotations;
    QString annotationFormat; // empty = detect
    QString csvColumns;       // --csv-columns spec, empty = from the header
    GeneratedWindows generated;
    BatchOptions batch;
    bool json = false;
    bool quiet = false;
    std::optional<int> minBoxSize; // --min-box-size; --validate uses kDefaultMinBoxSize without it

    // --convert
    QString convertTo;  // --to: target format name
    QString convertOut; // --out: file, or folder for the folder formats

    // --make-demo
    QString demoDir;
};

// Parses argv. On a usage error returns the message (naming the flag and the problem).
Result<CommandLine> parseCommandLine(const QStringList& arguments);

// True when the arguments ask for a mode that needs no display (decided before any QApplication exists).
bool isHeadless(int argc, char** argv);

} // namespace cropdeck::app
