// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// From an annotation's window to the pixels to read: the one place that chains the geometry rules,
// so the GUI preview and the batch cut exactly the same rectangles.
//
//   window rect   Box: PixelRect's rounding; NormalizedSquare: normalizedSquareWindow
//                 → margin → aspect lock → fixed size          (all on the annotation's coordinates)
//   bounds        planBounds under settings.bounds             (same coordinates)
//   stored rect   the bounds' sourceRect mapped to stored pixels, ready for a DecodeRequest
//
// Errors name the window by its id ("window 3: ..."); the caller adds the file name.

#include "Result.h"
#include "annotations/Annotation.h"
#include "engine/CropSettings.h"
#include "geometry/BoundsPolicy.h"

#include <QRect>
#include <QSize>

namespace cropdeck {

// The final integer window, in the coordinates the window was given in, on an image of `imageSize`
// in those coordinates (upright, unless the boxes refer to stored pixels). May lie outside the image.
// ErrorKind::Invalid for an empty or non-finite box, an invalid fixed size or aspect, or a window
// beyond kMaxPixelCoordinate.
[[nodiscard]] Result<QRect> resolveWindowRect(const CropWindow& window, QSize imageSize,
                                              const CropSettings& settings);

struct WindowPlan {
    QRect window;        // resolveWindowRect's result, in the window's coordinates
    BoundsPlan bounds;   // skip, or what to cut (sourceRect in the window's coordinates)
    int orientation = 1; // applied to the pixels read from storedSource to get the cut upright (1: as stored)
    QRect storedSource;  // bounds.sourceRect in stored pixels; valid when bounds.cuts()
};

// Everything the engine needs for one window of an image whose stored pixels are `storedSize` with EXIF
// `orientation`. `coordinatesOnStoredPixels` (AnnotationSet's flag) or !settings.orientationFromExif
// mean the window refers to the stored pixels and the output stays unrotated. The Error policy's
// out-of-bounds windows come back as an ErrorKind::OutOfBounds error; skipped windows as a plan with
// bounds.skip set.
[[nodiscard]] Result<WindowPlan> planWindow(const CropWindow& window, QSize storedSize, int orientation,
                                            bool coordinatesOnStoredPixels, const CropSettings& settings);

} // namespace cropdeck
