// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Declared image sizes against the probed image, and the EXIF orientation tell-tale.
//
// Files that declare each image's size (VOC <size>, COCO width/height, LabelMe imageWidth/imageHeight,
// CSV width/height columns) reveal which pixels their boxes refer to. CropDeck reads boxes on the upright
// image (EXIF orientation applied) unless told they are on the stored pixels (--stored-coordinates, or
// AnnotationSet::coordinatesOnStoredPixels). When an image's orientation swaps its axes (5..8) and the
// declared size is the *other* one, the tool that wrote the file most likely used the other convention,
// and every box of that image would cut the wrong pixels. `boxesOnStoredPixels` below is the convention
// in use (the flag or the set's own).

#include "annotations/Annotation.h"
#include "io/ImageInfo.h"

#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace cropdeck {

enum class DeclaredSizeMatch {
    NotChecked,      // nothing declared
    Agrees,          // the size under the convention in use
    OtherConvention, // the size under the other convention (orientation 5..8, non-square image)
    Disagrees,       // neither
};

// False for formats whose image sizes are not written in the file (YOLO's come from the images).
bool declaresImageSizes(const AnnotationSet& set);

// The size boxes refer to: stored or upright.
QSize referenceSize(const ImageInfo& info, bool boxesOnStoredPixels);

DeclaredSizeMatch matchDeclaredSize(QSize declared, const ImageInfo& info, bool boxesOnStoredPixels);

// One image's OtherConvention finding: which convention the file seems to use and the flag to pass or drop.
QString otherConventionMessage(QSize declared, const ImageInfo& info, bool boxesOnStoredPixels);

// Images whose orientation swaps the axes, counted by what their declared size matches.
struct ConventionEvidence {
    int agrees = 0;
    int otherConvention = 0;
    QString example; // the first OtherConvention image, as written in the annotation file
    QSize exampleDeclared;
    ImageInfo exampleInfo;

    void add(const QString& image, QSize declared, const ImageInfo& info, bool boxesOnStoredPixels);
};

// One warning for the whole set when some of its images seem to use the other convention.
std::optional<QString> conventionWarning(const ConventionEvidence& evidence, bool boxesOnStoredPixels);

// For --batch: probes (headers only, in parallel) the images of `set` that declare a size, set.images[i]
// at absolutePaths[i] (an empty path skips the image), and returns conventionWarning(). Images that
// cannot be probed are left to the batch to report.
std::optional<QString> exifConventionWarning(const AnnotationSet& set, const QStringList& absolutePaths,
                                             bool boxesOnStoredPixels, qint64 maxPixels, int threads = 0);

} // namespace cropdeck
