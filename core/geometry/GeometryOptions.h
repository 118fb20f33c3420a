// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The option types of window geometry. They live here, not in engine/CropSettings.h, so that geometry
// depends on nothing above it; CropSettings composes them with io's decode and output options.

namespace cropdeck {

enum class BoundsPolicy { Clip, Shift, Pad, Skip, Error }; // see BoundsPolicy.h
enum class PadMode { Constant, Edge };                     // see Padding.h
enum class ResizeMode { None, Exact, Fit, Fill };          // see ResizePlan.h

struct Margin {
    double value = 0;     // added on every side
    bool percent = false; // value is % of the box's width (left/right) and height (top/bottom)
};

} // namespace cropdeck
