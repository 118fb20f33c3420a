// SPDX-License-Identifier: GPL-3.0-or-later
#include "PngStreamBuilder.h"

#include "IoTestFiles.h"

#include <algorithm>
#include <cstdlib>
#include <vector>
#include <zlib.h>

namespace cropdeck::test {

namespace {

QByteArray be32(quint32 v) {
    QByteArray out;
    for (int shift = 24; shift >= 0; shift -= 8)
        out.append(char((v >> shift) & 0xFF));
    return out;
}

std::vector<uchar> packRow(const cv::Mat& samples, int y, int bitDepth) {
    const int count = samples.cols * samples.channels();
    std::vector<uchar> row;
    if (bitDepth == 16) {
        for (int i = 0; i < count; ++i) {
            const ushort v = samples.ptr<ushort>(y)[i];
            row.push_back(uchar(v >> 8));
            row.push_back(uchar(v & 0xFF));
        }
        return row;
    }
    row.assign(size_t((count * bitDepth + 7) / 8), 0);
    for (int i = 0; i < count; ++i) {
        const int bit = i * bitDepth;
        row[size_t(bit / 8)] |= uchar(samples.ptr<uchar>(y)[i] << (8 - bitDepth - bit % 8));
    }
    return row;
}

int paeth(int a, int b, int c) {
    const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
    if (pa <= pb && pa <= pc)
        return a;
    return pb <= pc ? b : c;
}

// PNG spec 9.2: the filtered byte is the raw byte minus the predictor from left (a), above (b) and
// upper-left (c), which are 0 outside the image. Types outside 0..4 are written unfiltered.
void filterRow(int type, const std::vector<uchar>& row, const std::vector<uchar>& above, int stride,
               QByteArray& out) {
    out.append(char(type));
    for (size_t i = 0; i < row.size(); ++i) {
        const int a = i >= size_t(stride) ? row[i - size_t(stride)] : 0;
        const int b = above[i];
        const int c = i >= size_t(stride) ? above[i - size_t(stride)] : 0;
        int predictor = 0;
        switch (type) {
        case 1:
            predictor = a;
            break;
        case 2:
            predictor = b;
            break;
        case 3:
            predictor = (a + b) / 2;
            break;
        case 4:
            predictor = paeth(a, b, c);
            break;
        default:
            break;
        }
        out.append(char(uchar(row[i] - predictor)));
    }
}

} // namespace

int pngSamplesPerPixel(int colorType) {
    return colorType == 2 ? 3 : colorType == 4 ? 2 : colorType == 6 ? 4 : 1;
}

QByteArray filteredPngRows(const cv::Mat& samples, const PngBuild& build) {
    const int stride = std::max(1, pngSamplesPerPixel(build.colorType) * build.bitDepth / 8);
    QByteArray out;
    std::vector<uchar> above(packRow(samples, 0, build.bitDepth).size(), 0);
    for (int y = 0; y < samples.rows; ++y) {
        const std::vector<uchar> row = packRow(samples, y, build.bitDepth);
        filterRow(build.filterOf(y), row, above, stride, out);
        above = row;
    }
    return out;
}

QByteArray zlibStream(const QByteArray& raw, const PngBuild& build) {
    z_stream z{};
    if (deflateInit2(&z, 6, Z_DEFLATED, build.zlibWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(int(deflateBound(&z, uLong(raw.size()))), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.constData()));
    z.avail_in = uInt(raw.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    const int result = deflate(&z, Z_FINISH);
    out.truncate(qsizetype(z.total_out));
    deflateEnd(&z);
    return result == Z_STREAM_END ? out : QByteArray();
}

QByteArray pngAround(int width, int height, const QByteArray& stream, const PngBuild& build) {
    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    QByteArray ihdr = be32(quint32(width)) + be32(quint32(height));
    ihdr.append(char(build.bitDepth));
    ihdr.append(char(build.colorType));
    ihdr.append(QByteArray(3, '\0'));
    png += pngChunk("IHDR", ihdr);
    png += build.beforeIdat;
    if (build.emptyIdatFirst)
        png += pngChunk("IDAT", {});
    const qsizetype step =
        build.idatChunkBytes > 0 ? build.idatChunkBytes : std::max<qsizetype>(1, stream.size());
    for (qsizetype at = 0; at < stream.size(); at += step)
        png += pngChunk("IDAT", stream.mid(at, step));
    if (build.iend)
        png += pngChunk("IEND", {});
    return png;
}

QByteArray buildPng(const cv::Mat& samples, const PngBuild& build) {
    return pngAround(samples.cols, samples.rows, zlibStream(filteredPngRows(samples, build), build), build);
}

} // namespace cropdeck::test
