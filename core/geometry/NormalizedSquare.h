// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace cropdeck {

// A window given relative to the image, as in the parallel_image_crop centre/scale lists:
// side = floor(min(W, H) × min(scale, maxFraction)), top-left = (x·W, y·H) clamped so the square
// stays inside, then the crop is resized to windowSize × windowSize. Resolved once the size is known
// (normalizedSquareWindow in WindowShaping.h). A CropWindow (annotations/Annotation.h) may hold one.
struct NormalizedSquare {
    double x = 0;     // [0, 1]
    double y = 0;     // [0, 1]
    double scale = 0; // [0, 1]
};

} // namespace cropdeck
