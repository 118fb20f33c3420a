// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// An AnnotationSet as JSON and back, exactly: the windows a user edited in the GUI, kept in a project
// file (ProjectFile.h) so that `cropdeck --batch --project FILE` cuts the very boxes the GUI showed.
// Boxes are written as JSON numbers (shortest round-trip form), so every coordinate comes back bit for
// bit; a format's extra fields (VOC "difficult", COCO "iscrowd", ...) are kept as JSON values.
//
//   {"format": "voc", "source_file": "...", "image_root": "...", "stored_coordinates": false,
//    "classes": ["pole", ...], "window_size": 0, "max_fraction": 1, "extras": {...},
//    "images": [{"path": "img/a.jpg", "declared_size": [w, h] (absent: none), "extras": {...},
//                "windows": [{"box": [x, y, w, h]} or {"square": [x, y, scale]},
//                             + "label", "id", "extras"}]}]}
//
// Reading refuses unknown keys and wrong types, naming the key ("annotations.images[3].windows[0].box").

#include "Result.h"
#include "annotations/Annotation.h"

#include <QJsonObject>
#include <QString>

namespace cropdeck {

QJsonObject annotationSetToJson(const AnnotationSet& set);
// `path` names the object in errors (e.g. "annotations").
Result<AnnotationSet> annotationSetFromJson(const QJsonObject& json, const QString& path);

} // namespace cropdeck
