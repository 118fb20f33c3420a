// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Options of readAnnotations() and writeAnnotations() (AnnotationIO.h), plain values.

#include "annotations/AnnotationFormat.h"
#include "annotations/BoxConventions.h"
#include "annotations/CsvColumns.h"

#include <QSize>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace cropdeck {

// Width × height of an image file (upright, as the annotations refer to it), or nullopt when it cannot
// be told. The engine passes a header probe; tests pass fixed sizes. Called with absolute paths.
using ImageSizeProvider = std::function<std::optional<QSize>(const QString& imagePath)>;

// What to do with shapes that are not boxes: YOLO polygon rows, LabelMe polygons, circles, lines.
enum class ShapePolicy {
    BoundingBox, // use the shape's bounding box (the shape is kept in extras for round trips)
    Report,      // skip the shape and report it as an issue
};

struct ReadOptions {
    AnnotationFormat format = AnnotationFormat::Auto; // overrides detection
    QString imageRoot;     // folder image paths are relative to; empty = the format's own default
    CsvColumns csvColumns; // empty = from the header (or, without one, from the column count)
    ShapePolicy shapes = ShapePolicy::BoundingBox;
    CornerConvention vocCorners = CornerConvention::OneBasedInclusive;
    QStringList classNames;              // YOLO: class names when the folder has no classes.txt / data.yaml
    ImageSizeProvider imageSize;         // YOLO: image sizes to turn fractions into pixels
    int normalizedWindowSize = 0;        // centre/scale lists: output side, copied into the set
    double normalizedMaxFraction = 1.0;  // centre/scale lists: cap on scale, copied into the set
    bool keepEmbeddedImageData = true;   // LabelMe: keep base64 imageData in the image's extras
    bool strict = false;                 // any issue fails the read
    qint64 maxFileBytes = 2'000'000'000; // larger annotation files are refused
    int maxFiles = 1'000'000;            // folder formats: more files than this are refused
    int maxIssues = 1000;                // issues listed; the rest are counted in one last line
};

struct WriteOptions {
    ImageSizeProvider imageSize; // sizes of images that declare none (YOLO fractions, COCO/VOC sizes)
    CsvColumns csvColumns;       // CSV layout; empty = path,x,y,w,h,label
    CornerConvention vocCorners = CornerConvention::OneBasedInclusive;
    bool vocWholePixels = true; // VOC: round to whole pixels (reported) instead of writing decimals
    // The folder the output will be read with (--images DIR): CSV, centre/scale and COCO image paths
    // are written relative to it, so that the output finds every image with the same --images. Empty:
    // relative to the written file's own folder, where those readers look without --images. (VOC
    // <filename> and YOLO labels are relative to the image folder, LabelMe imagePath to its JSON file,
    // by the formats' own rules.)
    QString imageFolder;
};

} // namespace cropdeck
