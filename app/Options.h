// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The command line: every flag is declared once in Options.cpp, with its help text and value range;
// --help is generated from those declarations. Flags only fill a BatchRequest (core/batch) and say
// which mode runs and how it prints; what the settings mean is core's.

#include "BenchOptions.h"
#include "Result.h"
#include "annotations/Annotation.h"
#include "batch/BatchRequest.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace cropdeck::app {

enum class Mode { Help, Version, Batch, Validate, Convert, MakeDemo, Bench, Gui };

struct CommandLine {
    Mode mode = Mode::Help;
    QString helpText;

    // --batch (from --request FILE when given, flags on top), and the input of --validate and --convert
    BatchRequest request;
    std::optional<AnnotationSet> editedAnnotations; // --project FILE with windows edited in the GUI
    bool dryRun = false;
    QString saveRequest; // --dry-run --save-request FILE
    bool json = false;
    bool quiet = false;
    std::optional<int> minBoxSize; // --min-box-size; --validate uses kDefaultMinBoxSize without it

    // --convert
    QString convertTo;  // --to: target format name
    QString convertOut; // --out: file, or folder for the folder formats

    // --make-demo
    QString demoDir;

    // --bench
    BenchCommandLine bench;

    // The GUI (no mode): paths to open (images, folders, an annotation file); request.images and
    // request.annotations when given as flags.
    QStringList openPaths;
};

// Parses argv. On a usage error returns the message (naming the flag and the problem).
Result<CommandLine> parseCommandLine(const QStringList& arguments);

// "message (--flag)" when the error is about a setting a flag sets; the message alone otherwise.
QString describeError(const Error& error);

} // namespace cropdeck::app
