// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// CSV box lists: `path,x,y,w,h[,label]`, TensorFlow's `filename,width,height,class,xmin,ymin,xmax,ymax`
// (corners in VOC's 1-based inclusive convention, as xml_to_csv.py copies them from VOC files), x1..y2
// pixel-edge corners, or any layout given as CsvColumns. Files whose header (or mapping) names a scale
// column are centre/scale lists and come back with format "centre-scale" (CentreScaleFormat.h).
//
// Reading: UTF-8 with or without BOM (or UTF-16 with BOM), CRLF or LF, RFC 4180 quoting. Rows of the
// same path are one image, in first-seen order. A bad row (missing field, text or NaN/inf/1e300 where a
// number belongs, negative size) is an Error issue naming file, line and column, and is skipped.
// Image paths are relative to ReadOptions::imageRoot, by default the CSV file's folder.

#include "Result.h"
#include "annotations/Annotation.h"
#include "annotations/AnnotationIssue.h"
#include "annotations/AnnotationOptions.h"

namespace cropdeck {

Result<AnnotationSet> readCsvAnnotations(const QString& path, const ReadOptions& options,
                                         QList<AnnotationIssue>* issues);

// Writes WriteOptions::csvColumns' layout (default path,x,y,w,h,label) with a header, LF line ends,
// UTF-8 without BOM. Image paths are written relative to WriteOptions::imageFolder, else to the CSV's
// folder, when set.imageRoot is known.
// Images without boxes, labels or sizes without a column, and extras go into the loss report.
Status writeCsvAnnotations(const AnnotationSet& set, const QString& path, const WriteOptions& options,
                           QStringList* lossReport);

} // namespace cropdeck
