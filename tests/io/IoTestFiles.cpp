// SPDX-License-Identifier: GPL-3.0-or-later
#include "IoTestFiles.h"

#include <QFile>

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <png.h>
#include <random>
#include <zlib.h>

namespace cropdeck::test {

namespace {

void appendBe16(QByteArray& out, int v) {
    out.append(char((v >> 8) & 0xFF));
    out.append(char(v & 0xFF));
}
void appendBe32(QByteArray& out, quint32 v) {
    appendBe16(out, int(v >> 16));
    appendBe16(out, int(v & 0xFFFF));
}
void appendLe16(QByteArray& out, int v) {
    out.append(char(v & 0xFF));
    out.append(char((v >> 8) & 0xFF));
}
void appendLe32(QByteArray& out, quint32 v) {
    appendLe16(out, int(v & 0xFFFF));
    appendLe16(out, int(v >> 16));
}
void append16(QByteArray& out, int v, bool le) {
    le ? appendLe16(out, v) : appendBe16(out, v);
}
void append32(QByteArray& out, quint32 v, bool le) {
    le ? appendLe32(out, v) : appendBe32(out, v);
}

quint32 crc32(const QByteArray& data) {
    return quint32(::crc32(0, reinterpret_cast<const Bytef*>(data.constData()), uInt(data.size())));
}

} // namespace

cv::Mat makeTestImage(int width, int height, int channels, int depth, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> noise(-12, 12);
    const double cx = width * (0.3 + 0.4 * (seed % 7) / 7.0), cy = height * 0.5,
                 radius = 0.3 * std::min(width, height);
    cv::Mat image(height, width, CV_MAKETYPE(depth, channels));
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const bool inside = std::hypot(x - cx, y - cy) < radius;
            for (int c = 0; c < channels; ++c) {
                int v = (x * 255 / std::max(1, width - 1) + y * 127 / std::max(1, height - 1) + c * 61) % 256;
                v = std::clamp((inside ? 255 - v : v) + noise(rng), 0, 255);
                if (depth == CV_16U)
                    image.ptr<ushort>(y)[x * channels + c] =
                        ushort(std::clamp(v * 257 + noise(rng) * 10, 0, 65535));
                else
                    image.ptr<uchar>(y)[x * channels + c] = uchar(v);
            }
        }
    }
    return image;
}

std::vector<QRect> testWindows(int width, int height, int count, unsigned seed) {
    std::vector<QRect> windows = {QRect(0, 0, width, height),         QRect(0, 0, 1, 1),
                                  QRect(width - 1, 0, 1, 1),          QRect(0, height - 1, 1, 1),
                                  QRect(width - 1, height - 1, 1, 1), QRect(0, height - 1, width, 1),
                                  QRect(width - 1, 0, 1, height)};
    std::mt19937 rng(seed);
    for (int i = 0; i < count; ++i) {
        const int x = int(rng() % quint32(width)), y = int(rng() % quint32(height));
        const int w = 1 + int(rng() % quint32(width - x)), h = 1 + int(rng() % quint32(height - y));
        windows.emplace_back(x, y, w, h);
    }
    return windows;
}

bool writeBytes(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readBytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeWithOpenCv(const QString& path, const cv::Mat& image, const std::vector<int>& params) {
    try {
        return cv::imwrite(path.toStdString(), image, params);
    } catch (const cv::Exception&) {
        return false;
    }
}

QByteArray pngChunk(const char type[4], const QByteArray& data) {
    QByteArray body(type, 4);
    body.append(data);
    QByteArray chunk;
    appendBe32(chunk, quint32(data.size()));
    chunk.append(body);
    appendBe32(chunk, crc32(body));
    return chunk;
}

namespace {

// Packs one row of samples (1 byte each, or 2 for 16-bit) into PNG's bit layout.
std::vector<png_byte> packPngRow(const cv::Mat& samples, int y, int bitDepth) {
    const int count = samples.cols * samples.channels();
    std::vector<png_byte> row;
    if (bitDepth == 16) {
        for (int i = 0; i < count; ++i) {
            const ushort v = samples.ptr<ushort>(y)[i];
            row.push_back(png_byte(v >> 8));
            row.push_back(png_byte(v & 0xFF));
        }
        return row;
    }
    row.assign(size_t((count * bitDepth + 7) / 8), 0);
    for (int i = 0; i < count; ++i) {
        const int bit = i * bitDepth;
        row[size_t(bit / 8)] |= png_byte(samples.ptr<uchar>(y)[i] << (8 - bitDepth - bit % 8));
    }
    return row;
}

struct PngFile {
    FILE* file = nullptr;
    png_structp png = nullptr;
    png_infop info = nullptr;
    ~PngFile() {
        png_destroy_write_struct(&png, &info);
        if (file)
            std::fclose(file);
    }
};

void setPngExtras(png_structp png, png_infop info, const PngSpec& spec, std::vector<png_color>& palette) {
    for (size_t i = 0; i + 2 < spec.palette.size(); i += 3)
        palette.push_back(png_color{spec.palette[i], spec.palette[i + 1], spec.palette[i + 2]});
    if (!palette.empty())
        png_set_PLTE(png, info, palette.data(), int(palette.size()));
    if (!spec.trnsAlpha.empty())
        png_set_tRNS(png, info, spec.trnsAlpha.data(), int(spec.trnsAlpha.size()), nullptr);
    if (spec.trnsValue >= 0) {
        png_color_16 color{0, png_uint_16(spec.trnsValue), png_uint_16(spec.trnsValue),
                           png_uint_16(spec.trnsValue), png_uint_16(spec.trnsValue)};
        png_set_tRNS(png, info, nullptr, 0, &color);
    }
    if (!spec.exif.isEmpty())
        png_set_eXIf_1(png, info, png_uint_32(spec.exif.size()),
                       reinterpret_cast<png_bytep>(const_cast<char*>(spec.exif.constData())));
}

} // namespace

bool writePngWithLibpng(const QString& path, const cv::Mat& samples, const PngSpec& spec) {
    PngFile out;
    out.file = std::fopen(QFile::encodeName(path).constData(), "wb");
    if (!out.file)
        return false;
    out.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    out.info = out.png ? png_create_info_struct(out.png) : nullptr;
    if (!out.info)
        return false;
    std::vector<png_color> palette;
    std::vector<std::vector<png_byte>> rows;
    for (int y = 0; y < samples.rows; ++y)
        rows.push_back(packPngRow(samples, y, spec.bitDepth));
    if (setjmp(png_jmpbuf(out.png)))
        return false;
    png_init_io(out.png, out.file);
    png_set_IHDR(out.png, out.info, png_uint_32(samples.cols), png_uint_32(samples.rows), spec.bitDepth,
                 spec.colorType, spec.interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    setPngExtras(out.png, out.info, spec, palette);
    png_write_info(out.png, out.info);
    const int passes = png_set_interlace_handling(out.png);
    for (int pass = 0; pass < passes; ++pass)
        for (auto& row : rows)
            png_write_row(out.png, row.data());
    png_write_end(out.png, out.info);
    return true;
}

QByteArray makeBmp(const cv::Mat& image, const BmpSpec& spec) {
    const int width = image.cols, height = image.rows;
    const int stride = ((width * spec.bitCount + 31) / 32) * 4;
    const bool core = spec.headerSize == 12;
    const int paletteEntries = int(spec.paletteBgr.size() / 3);
    const int paletteBytes = paletteEntries * (core ? 3 : 4);
    const int masksAfterHeader = spec.headerSize == 40 && spec.compression == 3 ? 12 : 0;
    const int offset = 14 + spec.headerSize + masksAfterHeader + paletteBytes;
    QByteArray out("BM");
    appendLe32(out, quint32(offset + stride * height));
    appendLe32(out, 0);
    appendLe32(out, quint32(offset));
    appendLe32(out, quint32(spec.headerSize));
    if (core) {
        appendLe16(out, width);
        appendLe16(out, height);
        appendLe16(out, 1);
        appendLe16(out, spec.bitCount);
    } else {
        appendLe32(out, quint32(width));
        appendLe32(out, quint32(spec.topDown ? -height : height));
        appendLe16(out, 1);
        appendLe16(out, spec.bitCount);
        appendLe32(out, quint32(spec.compression));
        appendLe32(out, quint32(stride * height));
        appendLe32(out, 2835);
        appendLe32(out, 2835);
        appendLe32(out, quint32(spec.colorsUsed));
        appendLe32(out, 0);
        for (int i = 0; i < 4 && out.size() < 14 + spec.headerSize; ++i)
            appendLe32(out, spec.masks[size_t(i)]);
        out.append(QByteArray(14 + spec.headerSize - out.size(), '\0'));
        for (int i = 0; i < masksAfterHeader / 4; ++i)
            appendLe32(out, spec.masks[size_t(i)]);
    }
    for (int i = 0; i < paletteEntries; ++i) {
        out.append(QByteArray(reinterpret_cast<const char*>(&spec.paletteBgr[size_t(3 * i)]), 3));
        if (!core)
            out.append('\0');
    }
    for (int r = 0; r < height; ++r) {
        const int y = spec.topDown ? r : height - 1 - r;
        QByteArray row(stride, '\0');
        const uchar* src = image.ptr<uchar>(y);
        if (spec.bitCount >= 16) {
            std::memcpy(row.data(), src, size_t(width * image.channels()));
        } else {
            for (int x = 0; x < width; ++x) {
                const int bit = x * spec.bitCount;
                row[bit / 8] = char(uchar(row[bit / 8]) | uchar(src[x] << (8 - spec.bitCount - bit % 8)));
            }
        }
        out.append(row);
    }
    return out;
}

QByteArray makeTiff(const cv::Mat& samples, bool le, int orientation) {
    const int spp = samples.channels();
    const int bits = samples.depth() == CV_16U ? 16 : 8;
    QByteArray pixels;
    for (int y = 0; y < samples.rows; ++y) {
        for (int i = 0; i < samples.cols * spp; ++i) {
            if (bits == 16)
                append16(pixels, samples.ptr<ushort>(y)[i], le);
            else
                pixels.append(char(samples.ptr<uchar>(y)[i]));
        }
    }
    QByteArray out(le ? "II" : "MM");
    append16(out, 42, le);
    append32(out, 8, le);
    out.append(pixels);
    if (out.size() % 2)
        out.append('\0');
    const quint32 bpsOffset = quint32(out.size());
    for (int i = 0; i < spp; ++i)
        append16(out, bits, le);
    struct Entry {
        int tag, type;
        quint32 count, value;
    };
    std::vector<Entry> entries = {
        {256, 4, 1, quint32(samples.cols)},
        {257, 4, 1, quint32(samples.rows)},
        {258, 3, quint32(spp), spp <= 2 ? quint32(bits) : bpsOffset},
        {259, 3, 1, 1},
        {262, 3, 1, spp >= 3 ? 2u : 1u},
        {273, 4, 1, 8},
        {274, 3, 1, quint32(orientation)},
        {277, 3, 1, quint32(spp)},
        {278, 4, 1, quint32(samples.rows)},
        {279, 4, 1, quint32(pixels.size())},
        {284, 3, 1, 1},
        {338, 3, 1, 2},
    };
    std::erase_if(entries, [&](const Entry& e) {
        return (e.tag == 274 && orientation <= 0) || (e.tag == 338 && spp != 2 && spp != 4);
    });
    const quint32 ifdOffset = quint32(out.size());
    out.replace(4, 4, [&] {
        QByteArray b;
        append32(b, ifdOffset, le);
        return b;
    }());
    append16(out, int(entries.size()), le);
    for (const Entry& e : entries) {
        append16(out, e.tag, le);
        append16(out, e.type, le);
        append32(out, e.count, le);
        if (e.type == 3 && (e.count == 1 || (e.count == 2 && e.tag == 258))) {
            append16(out, int(e.value), le);
            append16(out, e.count == 2 ? int(e.value) : 0, le);
        } else {
            append32(out, e.value, le);
        }
    }
    append32(out, 0, le);
    return out;
}

QByteArray makeExifBlob(bool le, int orientation, int fieldType, int entriesBefore) {
    QByteArray out(le ? "II" : "MM");
    append16(out, 42, le);
    append32(out, 8, le);
    append16(out, entriesBefore + 1, le);
    for (int i = 0; i < entriesBefore; ++i) {
        append16(out, 0x010F, le); // Make, ASCII, 4 bytes inline
        append16(out, 2, le);
        append32(out, 4, le);
        out.append("abc", 4);
    }
    append16(out, 0x0112, le);
    append16(out, fieldType, le);
    append32(out, 1, le);
    if (fieldType == 3 || fieldType == 8) {
        append16(out, orientation, le);
        append16(out, 0, le);
    } else if (fieldType == 1 || fieldType == 6 || fieldType == 7) {
        out.append(char(orientation));
        out.append(QByteArray(3, '\0'));
    } else {
        append32(out, quint32(orientation), le);
    }
    append32(out, 0, le);
    return out;
}

QByteArray makeExifBlobWithThumbnail(bool le, int orientation, const QByteArray& thumbnailJpeg) {
    QByteArray out(le ? "II" : "MM");
    append16(out, 42, le);
    append32(out, 8, le);
    append16(out, 1, le); // IFD0 at 8: Orientation, then the link to IFD1
    append16(out, 0x0112, le);
    append16(out, 3, le);
    append32(out, 1, le);
    append16(out, orientation, le);
    append16(out, 0, le);
    const quint32 ifd1 = 8 + 2 + 12 + 4;
    append32(out, ifd1, le);
    append16(out, 2, le); // IFD1: where the thumbnail is, and how long
    const quint32 thumbnailAt = ifd1 + 2 + 2 * 12 + 4;
    append16(out, 0x0201, le);
    append16(out, 4, le);
    append32(out, 1, le);
    append32(out, thumbnailAt, le);
    append16(out, 0x0202, le);
    append16(out, 4, le);
    append32(out, 1, le);
    append32(out, quint32(thumbnailJpeg.size()), le);
    append32(out, 0, le);
    return out + thumbnailJpeg;
}

QByteArray jpegSegment(int marker, const QByteArray& payload) {
    QByteArray out;
    out.append(char(0xFF));
    out.append(char(marker));
    appendBe16(out, int(payload.size() + 2));
    out.append(payload);
    return out;
}

} // namespace cropdeck::test
