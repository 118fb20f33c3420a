// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the user asked to open (command-line paths, dropped files, the Open dialogs) as the request the
// GUI browses: a folder of images becomes the images setting, an annotation file or folder the annotations
// setting, a saved request (BatchRequestJson) the whole request, a project (ProjectFile) the request and
// its edited windows; a single image opens its folder with that image selected, as image viewers do.

#include "Result.h"
#include "annotations/Annotation.h"
#include "batch/BatchRequest.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace cropdeck::ui {

struct OpenRequest {
    BatchRequest request;
    QString selectPath; // an image to select once the set is open (absolute), or empty
    // A project (.cropdeck): its file, and the windows as the user edited them (instead of reading
    // request.annotations) when it holds edits.
    QString projectPath;
    std::optional<AnnotationSet> editedAnnotations;
    // The request carries its own batch settings (a project or a saved request), rather than the ones
    // the window last used.
    bool settingsGiven = false;
};

// Paths are applied in order on top of `base` (which holds --images/--annotations when given). Errors name
// the path and why it cannot be opened.
[[nodiscard]] Result<OpenRequest> openRequestFor(const QStringList& paths, BatchRequest base);

} // namespace cropdeck::ui
