// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The minimum box size: one rule for --validate (which warns) and --batch (which may skip such boxes).
// A box drawn by a click without a drag is a 1 × 1 box under VOC's inclusive corners (xmin == xmax),
// valid to every reader and wanted by no dataset.

#include "annotations/Annotation.h"

namespace cropdeck {

// --min-box-size when not given: boxes under 2 px on either side are reported.
inline constexpr int kDefaultMinBoxSize = 2;

// True when `window` is a box narrower or lower than `minSide` pixels (in the set's coordinates: the
// box as read, before margins or other shaping). Empty boxes (width or height <= 0) are below any
// positive minimum; boxes with a non-finite coordinate are not (they are not boxes of any size).
// Centre/scale windows are never below: their side depends on the image and they are resized to the
// window size. `minSide` <= 0 turns the rule off.
bool isBelowMinBoxSize(const CropWindow& window, int minSide);

} // namespace cropdeck
