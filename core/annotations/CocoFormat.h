// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// COCO object-detection JSON: "images", "annotations", "categories" (plus "info", "licenses", ...).
//
// bbox is [x, y, w, h] in pixel edges, the internal convention itself. Labels are category names;
// AnnotationSet::classes lists every category in file order, used or not. Images keep file order and
// come back even without annotations; file_name may hold sub-folders and is relative to
// ReadOptions::imageRoot, by default the JSON file's folder. width/height give the declared size.
// Window ids are the annotation ids.
// Kept in extras for round trips: every other key of an annotation ("coco.segmentation", "coco.area",
// "coco.iscrowd", "coco.attributes", ...), of an image ("coco.id", "coco.license", ...), and of the
// file ("coco.info", "coco.licenses", "coco.categories" with ids and supercategories).
// Problems (unknown image_id, missing or non-numeric bbox, negative sizes, NaN/1e300) are issues naming
// the element, e.g. "annotations[12].bbox"; an unknown category_id keeps the box labelled with the id.

#include "Result.h"
#include "annotations/Annotation.h"
#include "annotations/AnnotationIssue.h"
#include "annotations/AnnotationOptions.h"

namespace cropdeck {

Result<AnnotationSet> readCocoAnnotations(const QString& path, const ReadOptions& options,
                                          QList<AnnotationIssue>* issues);

// Writes one JSON file. Category ids come from "coco.categories" when it names every label, else
// classes (then unseen labels) numbered from 1; image and annotation ids are kept when they are unique
// whole numbers, else numbered from 1. file_name is relative to WriteOptions::imageFolder, else to the
// JSON's folder, when set.imageRoot is known.
Status writeCocoAnnotations(const AnnotationSet& set, const QString& path, const WriteOptions& options,
                            QStringList* lossReport);

} // namespace cropdeck
