// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Core's display bytes (engine/DisplayImage.h) as a QImage: the only place the GUI turns pixels into a
// Qt image, so ui/ never touches OpenCV.

#include "engine/DisplayImage.h"

#include <QImage>

namespace cropdeck::ui {

// A deep copy: the QImage owns its pixels. Null for empty pixels.
[[nodiscard]] QImage toQImage(const DisplayPixels& pixels);

} // namespace cropdeck::ui
