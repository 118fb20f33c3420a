// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A CropDeck project (`.cropdeck`, JSON, versioned): the batch request (image set, annotation source,
// every setting) and, when the user edited windows in the GUI, the edited annotation set, which then
// takes the place of reading request.input.annotations. `cropdeck --batch --project FILE` runs one
// through prepareProject() and so cuts exactly the boxes the GUI showed.
//
//   {"cropdeck_project": 1,
//    "request": {BatchRequestJson.h's object},
//    "edited_annotations": {AnnotationSetJson.h's object}   (absent: the annotation file as it is)}
//
// Paths are written relative to the project's folder, so a project kept beside its data set travels
// with it; loading resolves them against the file's folder again.

#include "Result.h"
#include "annotations/Annotation.h"
#include "batch/BatchRequest.h"
#include "batch/PrepareBatch.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace cropdeck {

inline constexpr int kProjectVersion = 1;
inline constexpr char kProjectSuffix[] = "cropdeck"; // the file name suffix, without the dot

struct CropProject {
    BatchRequest request;
    std::optional<AnnotationSet> editedAnnotations;
};

// `folder`: the project file's folder; paths under it are written relative to it.
QJsonObject projectToJson(const CropProject& project, const QString& folder);
Result<CropProject> projectFromJson(const QJsonObject& json, const QString& folder);

// Errors name the file. Saving writes atomically (temp file + rename).
Result<CropProject> loadProject(const QString& path);
Status saveProject(const CropProject& project, const QString& path);

// A `.cropdeck` file, or a JSON file that starts as a project does. Reads at most 4 KiB.
bool isProjectFile(const QString& path);

// prepareBatch() for the project: its edited windows when it has them, else its annotation source.
Result<PreparedBatch> prepareProject(const CropProject& project, PrepareFor purpose = PrepareFor::Run,
                                     QList<AnnotationIssue>* issues = nullptr);

} // namespace cropdeck
