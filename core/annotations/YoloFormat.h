// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// YOLO (Darknet / Ultralytics / Roboflow) label folders: one .txt per image, each line
// `class cx cy w h` as fractions of the image size, class names in classes.txt or data.yaml.
//
// Reading `path`: a dataset folder (or its data.yaml / classes.txt, or one label file). Label files are
// the .txt files inside folders named "labels" (else every .txt except classes.txt and READMEs); images
// are found under ReadOptions::imageRoot (default: the dataset folder). A label and an image pair up when
// their paths match after dropping the "labels"/"images" folder and the extension
// (train/labels/a.txt ↔ train/images/a.jpg). Images without a label file have no boxes; label files
// without an image are reported (warning) and skipped. data.yaml split paths that do not exist here are
// reported, not trusted: the folders on disk decide.
// Pixels need the image size: ReadOptions::imageSize is asked for each image with labels; its answer
// becomes ImageEntry::declaredSize (the size the fractions were resolved against). Decoding rounds to
// 1e-6 px (BoxConventions.h).
// Lines: 5 values = box; 6 = box + confidence (kept as "yolo.confidence"); 1 + 2n (n ≥ 3) = polygon,
// turned into its bounding box or reported per ReadOptions::shapes (points kept as "yolo.polygon").
// A class id past the names list keeps the box labelled with the number (warning). Files need no final
// newline; CRLF is fine.

#include "Result.h"
#include "annotations/Annotation.h"
#include "annotations/AnnotationIssue.h"
#include "annotations/AnnotationOptions.h"

namespace cropdeck {

Result<AnnotationSet> readYoloAnnotations(const QString& path, const ReadOptions& options,
                                          QList<AnnotationIssue>* issues);

// Writes into the folder `path`: a label file per image (train/images/a.jpg → train/labels/a.txt, other
// paths → labels/<path>.txt; empty for images without boxes), classes.txt and data.yaml (names, nc).
// Class ids are positions in set.classes, then labels not in it are appended; a label that is a number
// past the list is written as that id (the inverse of the reading rule). Images whose size is unknown
// lose their boxes (reported). Polygons kept in extras are written back while they still fit the box.
Status writeYoloAnnotations(const AnnotationSet& set, const QString& path, const WriteOptions& options,
                            QStringList* lossReport);

} // namespace cropdeck
