// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Pascal VOC XML: one <annotation> file per image (labelImg, CVAT, labelme2voc), read from one file or
// from a folder of them (searched recursively, sorted by path).
//
// Coordinates: <bndbox> corners are 1-based and inclusive (BoxConventions.h: x = xmin − 1,
// w = xmax − xmin + 1); integer or float text. ReadOptions::vocCorners = ZeroBasedEdges reads files whose
// writer copied pixel-edge coordinates unchanged (labelme2voc). <size> gives ImageEntry::declaredSize
// (0×0, as some tools write, means none).
// Image paths: <filename>, relative to the image folder. <path> usually names another machine's disk and
// is only kept in extras (and used to find the image folder when it exists here). The image folder is
// ReadOptions::imageRoot, else the first of ../<folder>, ../JPEGImages, ../images and the annotation
// folder itself that holds the first image.
// Kept in extras for round trips: per box voc.pose, voc.truncated, voc.difficult, voc.occluded (text as
// written, "" for an empty element); per image voc.folder, voc.path, voc.depth, voc.segmented,
// voc.database, voc.verified.

#include "Result.h"
#include "annotations/Annotation.h"
#include "annotations/AnnotationIssue.h"
#include "annotations/AnnotationOptions.h"

namespace cropdeck {

// A malformed file is a fatal Error when `path` is that file, and an Error issue (file and line; the file
// is skipped) when it is one of a folder.
Result<AnnotationSet> readVocAnnotations(const QString& path, const ReadOptions& options,
                                         QList<AnnotationIssue>* issues);

// Writes one XML per image into the folder `path`, named after the image path (sub-folders kept).
// Coordinates are whole pixels unless WriteOptions::vocWholePixels is false; rounding is reported.
Status writeVocAnnotations(const AnnotationSet& set, const QString& path, const WriteOptions& options,
                           QStringList* lossReport);

} // namespace cropdeck
