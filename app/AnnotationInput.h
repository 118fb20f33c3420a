// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The annotation input shared by --validate and --convert: --annotations read with
// --annotation-format, --csv-columns, --window-size and --max-fraction, image paths resolved through
// --images (a folder, or a list file of image paths).

#include "Options.h"
#include "annotations/AnnotationIO.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace cropdeck::app {

struct AnnotationInput {
    AnnotationSet set;
    QString imageRoot;     // --images folder; empty when not given or a list
    QStringList imageList; // --images list file's images (absolute paths)
};

// --images alone: a folder becomes imageRoot, a list file imageList (set stays empty). An absent
// --images leaves both empty; one that names nothing is a NotFound error.
Result<AnnotationInput> resolveImagesArgument(const QString& images);

// Errors name the flag or the file: Invalid/NotFound/Unsupported/Corrupt are usage errors (exit 2),
// Io is fatal (exit 3), see reportInputError(). `sizes` answers image sizes for readers that need them
// (YOLO). What the reader reports is appended to `issues`, also when the read fails.
Result<AnnotationInput> readAnnotationInput(const CommandLine& line, const ImageSizeProvider& sizes,
                                            QList<AnnotationIssue>& issues);

// Prints "cropdeck: message" on stderr and returns the exit code for an input error.
int reportInputError(const Error& error);

} // namespace cropdeck::app
