// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Writing a request's annotations in another format: `cropdeck --convert` and the GUI's export call this.
// The set is read as readAnnotationInput reads it (image sizes from the headers, in the boxes'
// convention), written with paths relative to the image root (so the output runs with the same images
// setting), and never over its own input.

#include "Result.h"
#include "annotations/Annotation.h"
#include "annotations/AnnotationFormat.h"
#include "annotations/AnnotationIssue.h"
#include "batch/BatchRequest.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace cropdeck {

struct AnnotationExport {
    QString sourceFormat; // the format read, as AnnotationSet::format names it
    qsizetype imageCount = 0;
    qsizetype boxCount = 0;
    QStringList losses;            // what the target format cannot hold (warnings)
    QList<AnnotationIssue> issues; // what the reader reported (errors: boxes or lines it dropped)
};

// A format name as the export target: ErrorKind::Invalid, naming the choices, for "auto", unknown names
// and names of formats CropDeck cannot write. Error::setting is "export.format".
[[nodiscard]] Result<AnnotationFormat> exportFormatNamed(const QString& name);

// Refuses an `output` (a file, or a folder for VOC/YOLO/LabelMe) that is the input, contains it, or would
// hold files like it (file identity with links resolved, see io/FileIdentity.h). Error::setting is
// "export.output".
[[nodiscard]] Status checkExportTarget(const QString& input, const QString& output, AnnotationFormat format);

// Reads request.annotations and writes them to `output` in `format`. The reader's issues come back also
// on failure through `issues` (when not null).
[[nodiscard]] Result<AnnotationExport> exportAnnotations(const BatchRequest& request, const QString& output,
                                                         AnnotationFormat format,
                                                         QList<AnnotationIssue>* issues = nullptr);

// Writes `set` (the GUI's edited windows) to `output` in `format`, as exportAnnotations() writes what it
// reads: image sizes from the headers, paths relative to the images `request` names (or the set's own
// root), never over the set's source file or the request's annotations.
[[nodiscard]] Result<AnnotationExport> exportAnnotationSet(const AnnotationSet& set,
                                                           const BatchRequest& request, const QString& output,
                                                           AnnotationFormat format);

} // namespace cropdeck
