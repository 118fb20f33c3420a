// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The per-box checks of validation, pure functions of one image's windows and its size.

#include "annotations/Annotation.h"
#include "validation/ValidationReport.h"

#include <QList>
#include <QRectF>
#include <QSet>
#include <QSize>
#include <QString>

namespace cropdeck {

// How far `box` reaches past each edge of an image of `imageSize`, e.g. "12 px past the right edge,
// 3.5 px past the bottom edge"; "entirely outside ..." when it does not touch the image; empty when inside.
QString outsideDescription(const QRectF& box, QSize imageSize);

// Appends the findings of one image's windows: empty or non-finite boxes, boxes outside `imageSize`
// (skipped when the size is not valid, i.e. the image could not be probed), boxes of some size below
// `minBoxSize` (isBelowMinBoxSize(); 0 = not checked), duplicates (same rectangle and label as an
// earlier box of the image) and labels missing from `classes` (skipped when empty).
void checkWindows(const ImageEntry& image, int imageIndex, QSize imageSize, const QSet<QString>& classes,
                  int minBoxSize, QList<ValidationFinding>& findings);

} // namespace cropdeck
