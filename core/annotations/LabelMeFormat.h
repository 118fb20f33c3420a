// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// LabelMe JSON: one file per image ({"shapes": [...], "imagePath", "imageData", "imageWidth",
// "imageHeight", ...}), read from one file or a folder of them (searched recursively; JSON files without
// "shapes" are reported and skipped).
//
// Points are pixel-edge coordinates from 0, like the internal convention. A rectangle is its two corner
// points in any order. Polygons, circles, lines, line strips and masks become their bounding box, or are
// reported and skipped, by ReadOptions::shapes; the original shape is kept ("labelme.shape_type",
// "labelme.points") so that writing LabelMe again restores it while the box is unchanged. Point shapes
// have no area and are reported.
// imagePath is relative to the JSON file ('\' separators accepted); an absolute path from another
// machine is reduced to its file name (warning). Image paths in the set are relative to the folder read
// (or ReadOptions::imageRoot). imageWidth/imageHeight give the declared size.
// Embedded base64 imageData is not decoded here: the image gets "labelme.imageDataEmbedded" = true and,
// when ReadOptions::keepEmbeddedImageData, the base64 text as "labelme.imageData" (decoding it is the
// engine's business).

#include "Result.h"
#include "annotations/Annotation.h"
#include "annotations/AnnotationIssue.h"
#include "annotations/AnnotationOptions.h"

namespace cropdeck {

Result<AnnotationSet> readLabelMeAnnotations(const QString& path, const ReadOptions& options,
                                             QList<AnnotationIssue>* issues);

// Writes one JSON per image into the folder `path` (named after the image path); imagePath is relative
// to each JSON when set.imageRoot is known.
Status writeLabelMeAnnotations(const AnnotationSet& set, const QString& path, const WriteOptions& options,
                               QStringList* lossReport);

} // namespace cropdeck
