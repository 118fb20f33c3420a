// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Crops the windows of one source image: probe → plan → decode only what is needed → cut → pad /
// resize / colour → (encode). The batch runner, the CLI, the GUI preview and the benchmarks all call
// this, so every shell produces byte-identical outputs.

#include "Result.h"
#include "annotations/Annotation.h"
#include "engine/CropSettings.h"
#include "io/ImageInfo.h"

#include <QByteArray>
#include <QList>
#include <QRect>

#include <opencv2/core/mat.hpp>

#include <atomic>
#include <vector>

namespace cropdeck {

// One window's result: pixels (decode path) or encoded bytes (lossless path), or a per-window error.
struct CroppedWindow {
    int windowIndex = -1;
    QRect sourceRect;        // the window in upright-image pixels after geometry (before bounds clipping)
    cv::Mat pixels;          // final pixels (empty on the lossless path or on error)
    QByteArray losslessJpeg; // set on the lossless path
    bool mcuAligned = false; // lossless: the rectangle had to move to the MCU grid
    QRect writtenRect;       // lossless: the rectangle the output holds, in the boxes' coordinates
    bool skipped = false;    // bounds policy `skip` dropped this window
    std::optional<Error> error;
};

struct CroppedImage {
    ImageInfo info;
    QString decodePlan; // which decoders were used, e.g. "jpeg-restart×3", for reports
    std::vector<CroppedWindow> windows;
};

// Decodes and cuts every window of the image at `imagePath`, whose header probe is `info`. Fails as a
// whole only when the image itself cannot be read; a bad window gives that window an error.
// CroppedWindow::windowIndex is the index in `windows`.
Result<CroppedImage> cropImage(const QString& imagePath, const ImageInfo& info,
                               const QList<CropWindow>& windows, const CropSettings& settings,
                               const std::atomic_bool* cancel = nullptr);

// The same, probing the header first (refusing images over settings.maxPixels).
Result<CroppedImage> cropImage(const QString& imagePath, const QList<CropWindow>& windows,
                               const CropSettings& settings, const std::atomic_bool* cancel = nullptr);

// True when `settings` ask for JPEG → JPEG without re-encoding and this image allows it.
bool usesLosslessPath(const ImageInfo& info, const CropSettings& settings);

} // namespace cropdeck
