// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// An image decoded for showing on screen: upright (EXIF orientation applied exactly as the engine applies
// it), 8-bit, in R G B(A) order, at the smallest JPEG DCT scale (1, 1/2, 1/4, 1/8) that still covers the
// view. Other formats decode at full size. The GUI's canvas and thumbnails come from here, so what the user
// sees is what the engine reads; the GUI wraps the bytes in a QImage (core has no QtGui).
//
// Reentrant: one call per image, on any thread; cancel is checked by the decoders between rows.

#include "Result.h"
#include "io/ImageInfo.h"

#include <QByteArray>
#include <QSize>
#include <QString>

#include <atomic>

namespace cv {
class Mat;
}

namespace cropdeck {

struct DisplayPixels {
    QSize size;                 // of the pixels below (upright)
    int channels = 0;           // 1 gray, 3 RGB, 4 RGBA (8 bits each)
    qsizetype bytesPerLine = 0; // a multiple of 4, as QImage expects
    QByteArray data;            // size.height() × bytesPerLine bytes
};

struct DisplayImage {
    DisplayPixels pixels;
    ImageInfo info;     // the header probe (stored size, orientation, format)
    QSize fullSize;     // full-resolution size in the orientation asked for: the boxes' coordinates
    int scaleDenom = 1; // pixels are 1/scaleDenom of fullSize (rounded up), JPEG only
    QString decoder;    // which decoder produced them, for the status line
};

// Gray stays gray, BGR becomes RGB, BGRA becomes RGBA (8-bit pixels as core's decoders return them);
// rows padded to 4 bytes.
[[nodiscard]] DisplayPixels toDisplayPixels(const cv::Mat& pixels);

// The largest DCT scale denominator in {1, 2, 4, 8} at which an image of `imageSize` still covers
// `target` when fitted into it (aspect kept); 1 when target is empty or larger than the image.
[[nodiscard]] int displayScaleDenom(QSize imageSize, QSize target);

enum class DisplayOrientation {
    Upright, // EXIF orientation applied: what viewers show, and what boxes refer to by default
    Stored,  // the pixels as stored: for annotation sets whose boxes refer to the stored pixels
};

// Decodes `path` for a view of `target` device pixels (an empty target: full resolution). Images over
// maxPixels are refused as the batch refuses them. Errors name the file.
[[nodiscard]] Result<DisplayImage>
decodeForDisplay(const QString& path, QSize target, qint64 maxPixels,
                 const std::atomic_bool* cancel = nullptr,
                 DisplayOrientation orientation = DisplayOrientation::Upright);

} // namespace cropdeck
