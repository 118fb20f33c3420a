// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One region of an image at full resolution, for the canvas to sharpen what is visible once the user
// zooms in past the scaled picture it shows first (engine/DisplayImage.h). The region is cut by the
// engine's own cropper (cropImage: JPEG region and restart-marker decodes, PNG row-stop, BMP rows), so
// only the rows and columns in view are decoded, and the pixels are those the batch reads.
//
// Reentrant: call it on a worker thread; `cancel` is checked inside the decode.

#include "Result.h"
#include "engine/DisplayImage.h"

#include <QRect>
#include <QString>

#include <atomic>

namespace cropdeck {

struct DisplayRegion {
    QRect rect;           // what the pixels cover, in the requested orientation's full-resolution pixels
    DisplayPixels pixels; // rect.size() pixels, 8-bit R G B(A) or gray, rows padded as QImage expects
};

// `region` in the full-resolution pixels of `orientation` (the boxes' coordinates); it is clipped to the
// image. Images over maxPixels are refused as the batch refuses them; a region wholly outside the image
// is an error. Errors name the file.
[[nodiscard]] Result<DisplayRegion>
decodeDisplayRegion(const QString& path, QRect region, qint64 maxPixels,
                    const std::atomic_bool* cancel = nullptr,
                    DisplayOrientation orientation = DisplayOrientation::Upright);

} // namespace cropdeck
