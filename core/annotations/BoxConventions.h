// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Every coordinate convention of the supported formats, converted to and from the one internal
// convention (Annotation.h: 0-based, half-open, floating-point pixels; box (x, y, w, h) covers
// [x, x+w) × [y, y+h)). Readers and writers call only these functions, so each rule lives here once.
//
// The rules, with the reason for each:
// * Pascal VOC (CornerConvention::OneBasedInclusive): xmin..xmax name the first and last pixel,
//   counted from 1. So x = xmin − 1 and w = xmax − xmin + 1; back: xmin = x + 1, xmax = x + w.
//   A full-width box of a 500-pixel image is xmin 1, xmax 500 ↔ x 0, w 500. Float coordinates follow the
//   same rule (labelImg writes integers; the rule is the only one that keeps integers exact).
// * Pixel-edge corners (CornerConvention::ZeroBasedEdges): x1..x2 are positions of pixel edges from 0,
//   as COCO, LabelMe and most scripts use them: x = x1, w = x2 − x1. Tools such as labelme2voc copy such
//   corners into VOC files unchanged; read those with ZeroBasedEdges to get their boxes back exactly.
// * COCO bbox [x, y, w, h]: the internal convention itself.
// * YOLO (cx, cy, w, h) as fractions of the image size: x = (cx − w/2)·W, w = w·W. Decoded pixel values
//   are rounded to the nearest 1e-6 pixel, which absorbs the floating-point noise of the division, so any
//   box whose edges are multiples of 1e-6 px (integers, halves, ...) survives a round trip exactly.
// * LabelMe rectangle: two corner points in any order, pixel edges.
// * Whole pixels for integer-only targets: each *edge* (x and x+w) is rounded, halves towards +inf
//   (floor(v + 0.5)), and the width is the difference, so adjacent boxes stay adjacent.
// * Centre/scale squares: see resolveNormalizedSquare().

#include "annotations/Annotation.h"

#include <QPointF>
#include <QRect>
#include <QRectF>
#include <QSize>

namespace cropdeck {

enum class CornerConvention {
    OneBasedInclusive, // Pascal VOC: first and last pixel, counted from 1
    ZeroBasedEdges,    // pixel edges counted from 0 (x2 = x1 + width)
};

struct Corners {
    double x1 = 0;
    double y1 = 0;
    double x2 = 0;
    double y2 = 0;
};

struct NormalizedBox { // YOLO: centre and size as fractions of the image size
    double cx = 0;
    double cy = 0;
    double w = 0;
    double h = 0;
};

QRectF boxFromCorners(const Corners& corners, CornerConvention convention);
Corners cornersFromBox(const QRectF& box, CornerConvention convention);

QRectF boxFromNormalized(const NormalizedBox& normalized, QSize imageSize);
NormalizedBox normalizedFromBox(const QRectF& box, QSize imageSize);

// LabelMe rectangles and the bounding box of any point list (polygons, YOLO segments).
QRectF boxFromPoints(QPointF a, QPointF b);
QRectF boundingBoxOf(const QList<QPointF>& points);

// Whole pixels by rounding each edge (halves towards +inf); see the rules above.
QRect roundedBox(const QRectF& box);
bool isWholePixelBox(const QRectF& box);

// Rounds to the nearest 1e-6 pixel (the YOLO decoding rule).
double roundToMicroPixel(double value);

// side = floor(min(W, H) × min(scale, maxFraction)); left = floor(x·W) and top = floor(y·H), each clamped
// to [0, W − side] and [0, H − side] so the square stays inside. An empty size gives an empty rect.
QRect resolveNormalizedSquare(const NormalizedSquare& square, QSize imageSize, double maxFraction);

// Text for a coordinate: integers without a decimal point, other values in the shortest form that
// reads back to the same double.
QString formatCoordinate(double value);

} // namespace cropdeck
