// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/DisplayRegion.h"

#include "engine/ImageCropper.h"
#include "geometry/OrientPixels.h"
#include "geometry/Orientation.h"

#include <opencv2/core.hpp>

namespace cropdeck {

Result<DisplayRegion> decodeDisplayRegion(const QString& path, QRect region, qint64 maxPixels,
                                          const std::atomic_bool* cancel, DisplayOrientation orientation) {
    CropSettings settings;
    settings.orientationFromExif = orientation == DisplayOrientation::Upright;
    settings.bounds = BoundsPolicy::Clip;
    settings.maxPixels = maxPixels;
    CropWindow window;
    window.box = QRectF(region);
    const Result<CroppedImage> cropped = cropImage(path, {window}, settings, cancel);
    if (!cropped)
        return cropped.error();
    const ImageInfo& info = cropped->info;
    const QSize full = settings.orientationFromExif ? QSize(info.uprightWidth(), info.uprightHeight())
                                                    : QSize(info.width, info.height);
    const CroppedWindow& cut = cropped->windows.front();
    if (cut.error)
        return *cut.error;
    const QRect inside = region.intersected(QRect(QPoint(0, 0), full));
    if (cut.skipped || inside.isEmpty() || cut.pixels.empty())
        return makeError(ErrorKind::OutOfBounds,
                         QStringLiteral("%1: the region %2,%3 %4x%5 is outside the image")
                             .arg(path)
                             .arg(region.x())
                             .arg(region.y())
                             .arg(region.width())
                             .arg(region.height()));
    cv::Mat pixels = cut.pixels;
    // The cropper's outputs are always upright; boxes on stored pixels want the stored pixels back.
    if (!settings.orientationFromExif)
        pixels = applyOrientation(pixels, inverseOrientation(info.orientation));
    if (pixels.depth() != CV_8U) // 16-bit PNG and TIFF: the screen shows 8 bits
        pixels.convertTo(pixels, CV_8U, 1.0 / 257);
    return DisplayRegion{inside, toDisplayPixels(pixels)};
}

} // namespace cropdeck
