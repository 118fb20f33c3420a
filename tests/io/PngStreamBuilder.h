// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Hand-built PNG files for the whole-image inflate tests: the filter type of every row is chosen (so None,
// Sub, Up, Average and Paeth are each certain to appear, on the first row too), the IDAT data is split
// into chunks of a chosen size, the zlib window can be small, and the filtered rows and the zlib stream
// are available separately so that tests can damage them before wrapping them in chunks.

#include <QByteArray>

#include <opencv2/core/mat.hpp>

#include <functional>

namespace cropdeck::test {

struct PngBuild {
    int colorType = 2; // as in IHDR
    int bitDepth = 8;
    std::function<int(int row)> filterOf = [](int) {
        return 0;
    };                           // 0..4
    int idatChunkBytes = 8192;   // IDAT data per chunk; 0 puts the whole stream in one chunk
    bool emptyIdatFirst = false; // a zero-length IDAT before the data
    int zlibWindowBits = 15;     // 8..15
    QByteArray beforeIdat;       // chunks (PLTE, tRNS, ancillary...) between IHDR and the first IDAT
    bool iend = true;
};

// Samples per pixel in the file for a colour type (1 gray/palette, 2, 3, 4).
int pngSamplesPerPixel(int colorType);

// The rows of `samples` (CV_8U, or CV_16U for 16-bit; values inside the bit depth, palette indices for
// colour type 3), packed and filtered, each preceded by its filter-type byte.
QByteArray filteredPngRows(const cv::Mat& samples, const PngBuild& build);

// A zlib stream of `raw` with the build's window size.
QByteArray zlibStream(const QByteArray& raw, const PngBuild& build);

// Signature, IHDR, the build's extra chunks, `stream` as IDAT chunk(s), IEND.
QByteArray pngAround(int width, int height, const QByteArray& stream, const PngBuild& build);

// All three in a row.
QByteArray buildPng(const cv::Mat& samples, const PngBuild& build);

} // namespace cropdeck::test
