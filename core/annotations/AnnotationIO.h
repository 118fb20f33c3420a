// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one entry point for annotation files: read any supported format into an AnnotationSet and write
// a set out in any format. Formats, coordinate rules and what each keeps are described in the format
// headers (CsvFormat.h, CentreScaleFormat.h, VocFormat.h, CocoFormat.h, YoloFormat.h, LabelMeFormat.h)
// and BoxConventions.h.
//
// Reading: the format is ReadOptions::format, or detected by content (detectAnnotationFormat()).
// The result is an Error when nothing sensible can be read (missing or unreadable file, over the size
// limit, malformed top-level JSON/XML/CSV, no recognisable format, required CSV columns missing). Other
// problems are issues appended to *issues (bounded by ReadOptions::maxIssues) and the rest is read; with
// ReadOptions::strict any issue makes the read fail.
// Writing: what the target cannot hold (labels in centre/scale lists, decimals in whole-pixel VOC, sizes,
// extras of another format, ...) is listed in *lossReport ("format: what: count"), never dropped
// silently. Files are written atomically. Folder formats (VOC, YOLO, LabelMe) take a folder path.
// Reentrant: no shared state; the ImageSizeProvider is called on the calling thread.

#include "Result.h"
#include "annotations/Annotation.h"
#include "annotations/AnnotationFormat.h"
#include "annotations/AnnotationIssue.h"
#include "annotations/AnnotationOptions.h"

namespace cropdeck {

Result<AnnotationSet> readAnnotations(const QString& path, const ReadOptions& options,
                                      QList<AnnotationIssue>* issues = nullptr);

Status writeAnnotations(const AnnotationSet& set, const QString& path, AnnotationFormat format,
                        const WriteOptions& options, QStringList* lossReport = nullptr);

} // namespace cropdeck
