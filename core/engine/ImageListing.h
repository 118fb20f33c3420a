// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Where the images of a batch are: a folder (scanned, sorted by name) or a list file (one path per line,
// relative to the list's folder; blank lines and lines starting with '#' ignored).

#include "Result.h"
#include "annotations/Annotation.h"
#include "annotations/ImagePaths.h" // readableImageExtensions()

#include <QString>
#include <QStringList>

namespace cropdeck {

// Absolute paths of the images in `folder` (its sub-folders too when `recursive`), sorted.
Result<QStringList> listImagesInFolder(const QString& folder, bool recursive);

// Absolute paths listed in `listFile`. Missing files are kept: the batch reports them per image.
Result<QStringList> readImageList(const QString& listFile);

// An annotation set with one entry per image and no windows, for generated windows (centre/random crop).
AnnotationSet annotationSetForImages(const QStringList& absolutePaths, const QString& imageRoot);

} // namespace cropdeck
