// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The canvas tests' common start: a document holding a set and a frameless 400×300 canvas editing it,
// shown and exposed offscreen. Each test then gives the canvas its picture and windows.

#include "annotations/Annotation.h"
#include "ui/AnnotationDocument.h"
#include "ui/CropCanvas.h"

#include <memory>

namespace cropdeck::test {

struct CanvasOnScreen {
    std::unique_ptr<ui::AnnotationDocument> document;
    std::unique_ptr<ui::CropCanvas> canvas; // destroyed first: it reads the document
};

// Replaces `screen`'s document and canvas; false when the canvas window is not exposed in time.
[[nodiscard]] bool showCanvasFor(CanvasOnScreen& screen, const AnnotationSet& set);

} // namespace cropdeck::test
