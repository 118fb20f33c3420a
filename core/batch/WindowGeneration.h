// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Windows made from the images themselves when there is no annotation file: a centre crop, or seeded
// random crops (geometry/WindowShaping.h), sized from each image's header.

#include "Result.h"
#include "annotations/AnnotationOptions.h"
#include "batch/AnnotationInput.h"
#include "batch/BatchRequest.h"

namespace cropdeck {

// One entry per image of `images` (a folder, scanned with sub-folders, or a list) with its generated
// windows. Earlier outputs of this batch are not inputs: with `outputDir` inside the images folder
// its files are left out, and with the images in the output folder itself the outputs its manifest
// records are. An image whose size cannot be told gets windows for `generated.size` (the run reports
// the image). No image at all is a NotFound error naming the folder or list.
Result<AnnotationSet> generateWindows(const GeneratedWindows& generated, const AnnotationInput& images,
                                      const QString& imagesSetting, const QString& outputDir,
                                      const ImageSizeProvider& sizes);

} // namespace cropdeck
