// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The input half of a BatchRequest, shared by every mode (batch, dry run, validate, convert, the GUI):
// the image set (a folder, or a list file of image paths) and the annotations read from it.

#include "Result.h"
#include "annotations/AnnotationIO.h"
#include "batch/BatchRequest.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace cropdeck {

struct AnnotationInput {
    AnnotationSet set;
    QString imageRoot;     // the images folder; empty when not given or a list
    QStringList imageList; // the list file's images (absolute paths)
};

// `images` alone: a folder becomes imageRoot, a list file imageList (set stays empty). Empty `images`
// leaves both empty; one that names nothing is a NotFound error about the setting input.images.
Result<AnnotationInput> resolveImages(const QString& images);

// Reads request.annotations (format, CSV columns, centre/scale window size and fraction from the
// request) with image paths resolved through request.images. `sizes` answers image sizes for readers
// that need them (YOLO), in the convention the boxes use. What the reader reports is appended to
// `issues`, also when the read fails. Errors name the file, or the setting (Error::setting).
Result<AnnotationInput> readAnnotationInput(const BatchRequest& request, const ImageSizeProvider& sizes,
                                            QList<AnnotationIssue>& issues);

} // namespace cropdeck
