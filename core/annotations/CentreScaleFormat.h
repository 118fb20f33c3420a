// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Normalised centre/scale lists of the parallel_image_crop benchmark: `path,x,y,scale` with x, y and
// scale in [0, 1], with or without that header. Each row becomes a CropWindow of Kind::NormalizedSquare;
// the output window side and the cap on scale are not in the file: they come from
// ReadOptions::normalizedWindowSize / normalizedMaxFraction and are stored in the AnnotationSet.
// resolveNormalizedSquare() (BoxConventions.h) turns a row into pixels once the image size is known.

#include "Result.h"
#include "annotations/Annotation.h"
#include "annotations/AnnotationIssue.h"
#include "annotations/AnnotationOptions.h"

namespace cropdeck {

Result<AnnotationSet> readCentreScaleAnnotations(const QString& path, const ReadOptions& options,
                                                 QList<AnnotationIssue>* issues);

// Writes `path,x,y,scale`. Box windows, labels and extras cannot be held and go into the loss report.
// Image paths are relative to WriteOptions::imageFolder, else to the list's folder.
Status writeCentreScaleAnnotations(const AnnotationSet& set, const QString& path, const WriteOptions& options,
                                   QStringList* lossReport);

// Used by the CSV reader, which reads both kinds of list.
class CsvRow;
struct CsvLayout;
class ImageIndex;
Status applyCentreScaleOptions(AnnotationSet& set, const ReadOptions& options);
void readCentreScaleRow(CsvRow& row, const CsvLayout& layout, ImageIndex& images);

} // namespace cropdeck
