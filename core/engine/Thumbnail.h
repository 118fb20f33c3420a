// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A picture for the thumbnail grid, as cheaply as it can be had while showing what the engine reads:
// the photo's embedded EXIF thumbnail when it is big enough for the box and has the photo's shape
// (cameras pad some to 160×120 with bars: those are not used), else the smallest DCT-scaled decode that
// covers the box (engine/DisplayImage.h). Either way upright exactly as the engine orients the photo.
//
// Reentrant: one call per image, on any thread.

#include "Result.h"
#include "engine/DisplayImage.h"

#include <QSize>
#include <QString>

#include <atomic>

namespace cropdeck {

struct Thumbnail {
    DisplayPixels pixels; // at least `box` when fitted into it, unless the image itself is smaller
    QSize fullSize;       // the image's full size in the orientation asked for
    bool fromExif = false;
    QString source; // "exif thumbnail", or the decoder used
};

// Whether an embedded thumbnail of `thumbnailSize` may stand for a photo of `storedSize` (both as stored)
// shown with EXIF `orientation` in a `box`: the same shape (within 1.5 %, so no padding bars), and it
// covers the upright photo fitted into `box` (never more than the photo itself).
[[nodiscard]] bool exifThumbnailFits(QSize thumbnailSize, QSize storedSize, int orientation, QSize box);

[[nodiscard]] Result<Thumbnail> makeThumbnail(const QString& path, QSize box, qint64 maxPixels,
                                              const std::atomic_bool* cancel = nullptr,
                                              DisplayOrientation orientation = DisplayOrientation::Upright);

} // namespace cropdeck
