// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers for the annotation tests: fixture files in a sandbox, fixed image sizes, set comparison.

#include "annotations/Annotation.h"
#include "annotations/AnnotationIssue.h"
#include "annotations/AnnotationOptions.h"

#include <QHash>
#include <QString>
#include <QTemporaryDir>

namespace cropdeck::test {

// JSON fixtures written with single quotes, which become double quotes (moc cannot read C++ raw string
// literals, and escaped quotes are hard to read).
QByteArray json(const char* text);

// Writes `bytes` to dir/relativePath (creating folders) and returns the absolute path.
QString writeFixture(const QTemporaryDir& dir, const QString& relativePath, const QByteArray& bytes);

// An ImageSizeProvider answering `size` for every path.
ImageSizeProvider constantSize(QSize size);
// An ImageSizeProvider answering by file name (not path); nullopt for names not listed.
ImageSizeProvider sizesByName(const QHash<QString, QSize>& sizes);

// The window with the given image path and index, or nullptr.
const CropWindow* windowAt(const AnnotationSet& set, const QString& imagePath, int index);
const ImageEntry* imageNamed(const AnnotationSet& set, const QString& imagePath);

// All issue texts, one per line, for failure messages.
QString issueText(const QList<AnnotationIssue>& issues);
// True when some issue's text contains every one of `parts`.
bool hasIssue(const QList<AnnotationIssue>& issues, const QStringList& parts);

struct CompareOptions {
    double tolerance = 0;         // largest difference allowed in any box coordinate, in pixels
    bool labels = true;           // compare labels
    bool byFileName = false;      // match images by file name instead of absolute path
    bool skipEmptyImages = false; // ignore images without windows on both sides
};

// Empty when the two sets hold the same images (by absolute path, in any order) with the same boxes in
// the same order within each image; otherwise a description of the first difference.
QString firstDifference(const AnnotationSet& expected, const AnnotationSet& actual,
                        const CompareOptions& options = {});

} // namespace cropdeck::test
