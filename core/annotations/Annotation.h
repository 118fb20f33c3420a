// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The annotation model every reader fills and every writer and the engine read.
//
// Coordinate convention (the only one inside CropDeck; readers and writers convert at the boundary):
// boxes are 0-based, half-open rectangles in floating-point pixels on the *upright* image (EXIF
// orientation applied) unless AnnotationSet::coordinatesOnStoredPixels says otherwise.
// A box (x, y, w, h) covers [x, x+w) × [y, y+h). geometry/ turns it into integer pixels.

#include "geometry/NormalizedSquare.h"

#include <QList>
#include <QRectF>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace cropdeck {

struct CropWindow {
    enum class Kind { Box, NormalizedSquare };
    Kind kind = Kind::Box;
    QRectF box;              // Kind::Box
    NormalizedSquare square; // Kind::NormalizedSquare
    QString label;
    QString id;         // unique within its image; readers assign "0", "1", ... when the file has none
    QVariantMap extras; // format-specific fields kept for round trips (VOC difficult, COCO iscrowd, ...)
};

struct ImageEntry {
    QString path;       // as written in the annotation file (relative to AnnotationSet::imageRoot)
    QSize declaredSize; // width × height the file declares, invalid when it declares none
    QList<CropWindow> windows;
    QVariantMap extras; // per-image fields kept for round trips
};

struct AnnotationSet {
    QString sourceFile; // the file (or folder) it was read from
    QString format;     // "csv", "centre-scale", "voc", "coco", "yolo", "labelme"
    QString imageRoot;  // folder that relative image paths are resolved against
    QList<ImageEntry> images;
    QStringList classes;                    // class names when the format has a class list
    bool coordinatesOnStoredPixels = false; // true: boxes refer to stored pixels, not the upright image
    // Centre/scale lists: output window side and the cap on `scale`.
    int normalizedWindowSize = 0;
    double normalizedMaxFraction = 1.0;
    QVariantMap extras; // file-level fields kept for round trips (COCO info/licenses, ...)

    qsizetype windowCount() const;
};

} // namespace cropdeck
