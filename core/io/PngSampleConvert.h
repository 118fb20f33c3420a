// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Turns unfiltered PNG samples into the pixels decodePngRegion() gives (see PngRowDecoder.h): gray stays
// 1 channel (a gray tRNS is ignored), gray+alpha becomes BGRA, RGB becomes BGR (BGRA with tRNS), RGBA
// becomes BGRA, palettes are expanded to BGR (BGRA with tRNS), 1/2/4-bit gray is scaled to 0..255 and
// 16-bit samples are scaled to 8 bits with libpng's rounding (png_set_scale_16).

#include "io/PngChunkWalk.h"

#include <opencv2/core/mat.hpp>

#include <cstddef>

namespace cropdeck {

// Channels of the converted pixels: 1, 3 or 4.
int pngOutputChannels(const PngLayout& png);

// Converts `rows` unfiltered rows, the first one's samples at `samples` and each row `stride` bytes after
// the one before, keeping columns [left, left + out.cols), into rows outRow.. of `out`
// (CV_8UC(pngOutputChannels(png))).
void convertPngRows(const PngLayout& png, const uchar* samples, size_t stride, int rows, int left,
                    cv::Mat& out, int outRow);

} // namespace cropdeck
