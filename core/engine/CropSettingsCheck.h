// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The rules between crop settings, in one place: prepareBatch() refuses a request that breaks them
// (naming the settings), and the planner relies on them.

#include "Result.h"
#include "engine/CropSettings.h"

namespace cropdeck {

// Lossless JPEG crops copy the source's coefficients: nothing may change the pixels (no resize, no
// padding, no gray conversion), and the output is JPEG.
Status checkCropSettings(const CropSettings& settings);

} // namespace cropdeck
