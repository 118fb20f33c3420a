// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What one benchmark case crops: a list of images, each with its windows. Every window is a rectangle
// in the image's *stored* pixels, inside the image: every engine and the reference cut exactly these
// rectangles, with no rotation, resize or colour change (the one rule that makes outputs comparable).

#include "bench/BenchOutput.h"

#include <QRect>
#include <QSize>
#include <QString>

#include <vector>

namespace cropdeck::bench {

struct BenchImage {
    QString path; // absolute
    QSize storedSize;
    std::vector<QRect> windows; // stored pixels, inside the image, not empty
};

struct BenchCase {
    QString name;        // e.g. "gray-jpeg / random", or the user's annotation file name
    QString description; // e.g. "4000x4000 gray JPEG q90"
    std::vector<BenchImage> images;
    OutputSpec output; // what every engine makes of the crops (memory by default)
    // Valid: every crop is also resized to this size, upright (the batch's --resize WxH); engines that
    // cannot resize (BenchEngine::resizes) do not apply. The reference crop is resized by OpenCV as
    // CropDeck's resize step does (area when shrinking, bilinear when enlarging), and crops are judged by
    // PSNR, kResizedMinimumPsnr (CropVerifier.h): decoders that scale in the DCT domain first are right.
    QSize resizeTo;

    int windowCount() const;
    double sourceMegapixels() const; // the images' stored pixels, in millions (each image once)
};

} // namespace cropdeck::bench
