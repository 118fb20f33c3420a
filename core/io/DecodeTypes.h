// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRect>
#include <QString>

#include <opencv2/core/mat.hpp>

#include <atomic>

namespace cropdeck {

// How strict a decoder is about damaged data (like libvips' fail_on, strictest first):
// Error     - any corruption or warning (extraneous bytes, premature end, bad CRC...) fails the image.
// Truncated - only data that ends early fails; other warnings are tolerated.
// None      - decode whatever can be decoded; only data that cannot be decoded at all fails.
enum class FailOn { Error, Truncated, None };

// Decoders always return what the file has: gray stays 1 channel, colour is BGR, alpha is BGRA (8 bits per
// sample). Colour conversion for output is the engine's job.
struct DecodeRequest {
    QRect region;       // in stored pixel coordinates; must lie inside the image
    int scaleDenom = 1; // 1, 2, 4 or 8: DCT-domain downscale for JPEG. Other decoders require 1.
    FailOn failOn = FailOn::Error;
    const std::atomic_bool* cancel = nullptr;
};

// The decoded pixels of `region`. With scaleDenom > 1 the pixels are those of the image decoded at
// 1/scaleDenom (as cv::IMREAD_REDUCED_* would give) restricted to `scaledRegion`, which is
// [floor(x/s), ceil((x+w)/s)) on each axis, clipped to the scaled image size ceil(W/s) x ceil(H/s).
struct DecodedRegion {
    cv::Mat pixels;
    QRect region;       // what was asked, at full resolution
    QRect scaledRegion; // what `pixels` covers, in scaled-image coordinates (== region when scale 1)
    int scaleDenom = 1;
    const char* decoder = ""; // name of the path that produced it, for reports ("jpeg-region", ...)
    // FailOn::None (or Truncated): what was wrong with the data when the decoder went on regardless (some
    // pixels are then not from the file: grey or black fill). Empty when the data was whole.
    QString damage;
};

} // namespace cropdeck
