// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/CropDeckCalls.h"

#include "engine/ImageCropper.h"
#include "geometry/OrientPixels.h"
#include "geometry/Orientation.h"
#include "io/ImageProbe.h"

namespace cropdeck::bench {

namespace {

// Probes the header as cropImage(path, ...) does, so that forced and planned runs pay the same.
Result<CroppedImage> crop(const BenchImage& image, const ForcedStrategy& forced, QSize resizeTo = {}) {
    CropSettings settings = benchCropSettings();
    if (resizeTo.isValid()) {
        settings.resize = ResizeMode::Exact;
        settings.resizeTo = resizeTo;
    }
    if (forced.isAuto())
        return cropImage(image.path, storedWindows(image), settings);
    Result<ImageInfo> info = probeImage(image.path, settings.maxPixels);
    if (!info)
        return info.error();
    return cropImageForced(image.path, *info, storedWindows(image), settings, forced);
}

} // namespace

QList<CropWindow> storedWindows(const BenchImage& image) {
    QList<CropWindow> windows;
    for (const QRect& rect : image.windows) {
        CropWindow window;
        window.box = QRectF(rect);
        window.id = QString::number(windows.size());
        windows.append(window);
    }
    return windows;
}

CropSettings benchCropSettings() {
    CropSettings settings;
    settings.orientationFromExif = false;
    return settings;
}

Result<std::vector<cv::Mat>> cropDeckCrops(const BenchImage& image, const ForcedStrategy& forced,
                                           bool toStored, QSize resizeTo) {
    Result<CroppedImage> cropped = crop(image, forced, resizeTo);
    if (!cropped)
        return cropped.error();
    const int undo = inverseOrientation(cropped->info.orientation);
    std::vector<cv::Mat> crops;
    for (CroppedWindow& window : cropped->windows) {
        if (window.error)
            return *window.error;
        crops.push_back(toStored && undo != 1 ? applyOrientation(window.pixels, undo)
                                              : std::move(window.pixels));
    }
    return crops;
}

QString cropDeckPlan(const BenchImage& image, const ForcedStrategy& forced) {
    Result<CroppedImage> cropped = crop(image, forced);
    return cropped ? QStringLiteral("plan %1").arg(cropped->decodePlan) : cropped.error().message;
}

} // namespace cropdeck::bench
