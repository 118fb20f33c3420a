// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/PngSampleConvert.h"

#include "io/ByteOrder.h"

#include <opencv2/imgproc.hpp>

#include <cstring>

namespace cropdeck {

namespace {

// libpng's png_do_scale_16_to_8 (what png_set_scale_16 does): v * 255 / 65535 rounded, v = p[0] p[1].
inline uchar scale16(const uchar* p) {
    int v = p[0];
    v += ((int(p[1]) - v + 128) * 65535) >> 24;
    return uchar(v);
}

// Sample x of a row packed at 1, 2 or 4 bits (leftmost sample in the high bits), or 8.
inline int packedSample(const uchar* row, size_t x, int depth) {
    const size_t bit = x * size_t(depth);
    return (row[bit >> 3] >> (8 - depth - int(bit & 7))) & ((1 << depth) - 1);
}

void grayRow(const PngLayout& png, const uchar* row, size_t left, int width, uchar* out) {
    if (png.bitDepth == 8) {
        std::memcpy(out, row + left, size_t(width));
    } else if (png.bitDepth == 16) {
        for (int i = 0; i < width; ++i)
            out[i] = scale16(row + 2 * (left + size_t(i)));
    } else { // libpng's png_set_expand_gray_1_2_4_to_8: v * 255 / (2^depth - 1), exact
        const int factor = 255 / ((1 << png.bitDepth) - 1);
        for (int i = 0; i < width; ++i)
            out[i] = uchar(packedSample(row, left + size_t(i), png.bitDepth) * factor);
    }
}

void grayAlphaRow(const PngLayout& png, const uchar* row, size_t left, int width, uchar* out) {
    const size_t pixelBytes = png.bitDepth == 16 ? 4 : 2;
    const uchar* in = row + left * pixelBytes;
    for (int i = 0; i < width; ++i, in += pixelBytes, out += 4) {
        const uchar gray = png.bitDepth == 16 ? scale16(in) : in[0];
        out[0] = out[1] = out[2] = gray;
        out[3] = png.bitDepth == 16 ? scale16(in + 2) : in[1];
    }
}

// RGB with a tRNS colour (8 or 16 bits), or 16-bit RGB; 8-bit RGB without tRNS is done a block at a time.
void rgbRow(const PngLayout& png, const uchar* row, size_t left, int width, uchar* out) {
    const int channels = png.hasTrns ? 4 : 3;
    if (png.bitDepth == 8) {
        const uchar* in = row + left * 3;
        const auto& t = png.transparentColor;
        for (int i = 0; i < width; ++i, in += 3, out += channels) {
            out[0] = in[2];
            out[1] = in[1];
            out[2] = in[0];
            if (channels == 4)
                out[3] = in[0] == t[0] && in[1] == t[1] && in[2] == t[2] ? 0 : 255;
        }
        return;
    }
    const uchar* in = row + left * 6;
    for (int i = 0; i < width; ++i, in += 6, out += channels) {
        out[0] = scale16(in + 4);
        out[1] = scale16(in + 2);
        out[2] = scale16(in);
        if (channels == 4) // libpng compares the full 16-bit samples, before scaling
            out[3] = bytes::be16(in) == png.transparentColor[0] &&
                             bytes::be16(in + 2) == png.transparentColor[1] &&
                             bytes::be16(in + 4) == png.transparentColor[2]
                         ? 0
                         : 255;
    }
}

void rgbaRow16(const uchar* row, size_t left, int width, uchar* out) {
    const uchar* in = row + left * 8;
    for (int i = 0; i < width; ++i, in += 8, out += 4) {
        out[0] = scale16(in + 4);
        out[1] = scale16(in + 2);
        out[2] = scale16(in);
        out[3] = scale16(in + 6);
    }
}

void paletteRow(const PngLayout& png, const uchar* row, size_t left, int width, uchar* out) {
    const int channels = png.hasTrns ? 4 : 3;
    for (int i = 0; i < width; ++i, out += channels) {
        const int index = packedSample(row, left + size_t(i), png.bitDepth);
        const uchar* rgb = &png.palette[size_t(index) * 3];
        out[0] = rgb[2];
        out[1] = rgb[1];
        out[2] = rgb[0];
        if (channels == 4)
            out[3] = png.paletteAlpha[size_t(index)];
    }
}

void convertRow(const PngLayout& png, const uchar* row, size_t left, int width, uchar* out) {
    switch (png.colorType) {
    case 0:
        grayRow(png, row, left, width, out);
        break;
    case 2:
        rgbRow(png, row, left, width, out);
        break;
    case 3:
        paletteRow(png, row, left, width, out);
        break;
    case 4:
        grayAlphaRow(png, row, left, width, out);
        break;
    default:
        rgbaRow16(row, left, width, out);
        break;
    }
}

// 8-bit RGB(A) without tRNS only swaps channels: OpenCV's vectorised conversion does whole blocks.
bool convertBlock(const PngLayout& png, const uchar* samples, size_t stride, int rows, int left, cv::Mat& out,
                  int outRow) {
    if (png.bitDepth != 8 || !(png.colorType == 6 || (png.colorType == 2 && !png.hasTrns)))
        return false;
    const int channels = png.colorType == 6 ? 4 : 3;
    const cv::Mat in(rows, out.cols, CV_8UC(channels),
                     const_cast<uchar*>(samples) + size_t(left) * size_t(channels), stride);
    cv::Mat to = out.rowRange(outRow, outRow + rows);
    cv::cvtColor(in, to, channels == 4 ? cv::COLOR_RGBA2BGRA : cv::COLOR_RGB2BGR);
    return true;
}

} // namespace

int pngOutputChannels(const PngLayout& png) {
    switch (png.colorType) {
    case 2:
    case 3:
        return png.hasTrns ? 4 : 3;
    case 4:
    case 6:
        return 4;
    default:
        return 1;
    }
}

void convertPngRows(const PngLayout& png, const uchar* samples, size_t stride, int rows, int left,
                    cv::Mat& out, int outRow) {
    if (convertBlock(png, samples, stride, rows, left, out, outRow))
        return;
    for (int r = 0; r < rows; ++r)
        convertRow(png, samples + size_t(r) * stride, size_t(left), out.cols, out.ptr(outRow + r));
}

} // namespace cropdeck
