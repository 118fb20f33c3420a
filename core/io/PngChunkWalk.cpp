// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/PngChunkWalk.h"

#include "io/ByteOrder.h"

#include <algorithm>
#include <cstring>
#include <libdeflate.h>

namespace cropdeck {

namespace {

constexpr uchar kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
constexpr quint32 kMaxLength = 0x7fffffffU;
// libpng refuses any other chunk longer than this (PNG_USER_CHUNK_MALLOC_MAX in pnglibconf.h).
constexpr quint32 kLibpngChunkLimit = 8000000;

struct Chunk {
    quint32 length = 0;
    char type[4] = {};
    uchar* data = nullptr;

    bool is(const char* name) const { return std::memcmp(type, name, 4) == 0; }
    bool critical() const { return (type[0] & 0x20) == 0; }
};

// Reads the chunk at `at`, checking its name and CRC; false when it is cut short or damaged.
bool readChunk(uchar* file, size_t size, size_t at, Chunk& chunk) {
    if (size - at < 12)
        return false;
    chunk.length = bytes::be32(file + at);
    std::memcpy(chunk.type, file + at + 4, 4);
    for (char c : chunk.type)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
            return false;
    if (chunk.length > kMaxLength || size - at - 12 < chunk.length)
        return false;
    chunk.data = file + at + 8;
    const quint32 crc = libdeflate_crc32(0, file + at + 4, size_t(chunk.length) + 4);
    return crc == bytes::be32(chunk.data + chunk.length);
}

// libpng's limit on one IDAT chunk (png_check_chunk_length): the raw image plus deflate's worst-case
// overhead, and never below the limit for other chunks.
size_t idatLimit(const PngLayout& png) {
    const size_t rowFactor =
        size_t(png.width) * size_t(png.samplesPerPixel()) * (png.bitDepth > 8 ? 2 : 1) + 1;
    if (size_t(png.height) > 0xffffffffU / rowFactor)
        return kMaxLength;
    size_t limit = size_t(png.height) * rowFactor;
    limit += 6 + 5 * (limit / std::min<size_t>(rowFactor, 32566) + 1);
    return std::max<size_t>(std::min<size_t>(limit, kMaxLength), kLibpngChunkLimit);
}

bool parseIhdr(const Chunk& chunk, PngLayout& png) {
    if (!chunk.is("IHDR") || chunk.length != 13)
        return false;
    const uchar* d = chunk.data;
    const quint32 width = bytes::be32(d), height = bytes::be32(d + 4);
    if (width == 0 || height == 0 || width > kMaxLength || height > kMaxLength)
        return false;
    png.width = int(width);
    png.height = int(height);
    png.bitDepth = d[8];
    png.colorType = d[9];
    png.interlaced = d[12] == 1;
    return isValidPngBitDepth(png.colorType, png.bitDepth) && d[10] == 0 && d[11] == 0 && d[12] <= 1;
}

bool parsePlte(const Chunk& chunk, PngLayout& png) {
    if ((png.colorType & 2) == 0 || png.paletteSize > 0 || png.hasTrns)
        return false; // grey images, a second PLTE, PLTE after tRNS: libpng complains
    if (chunk.length == 0 || chunk.length % 3 != 0 || chunk.length > 3 * 256)
        return false;
    if (png.colorType != 3)
        return true; // a suggested palette of a true-colour image: no effect on the pixels
    // libpng silently drops the entries that the bit depth cannot index.
    png.paletteSize = std::min(int(chunk.length / 3), 1 << png.bitDepth);
    std::memcpy(png.palette.data(), chunk.data, size_t(png.paletteSize) * 3);
    return true;
}

bool parseTrns(const Chunk& chunk, PngLayout& png) {
    if (png.hasTrns)
        return false;
    png.hasTrns = true;
    const quint32 maxSample = (1U << png.bitDepth) - 1;
    switch (png.colorType) {
    case 0:
        png.transparentColor[0] = bytes::be16(chunk.data);
        return chunk.length == 2 && png.transparentColor[0] <= maxSample;
    case 2:
        if (chunk.length != 6)
            return false;
        for (int i = 0; i < 3; ++i)
            png.transparentColor[size_t(i)] = bytes::be16(chunk.data + 2 * size_t(i));
        return std::all_of(png.transparentColor.begin(), png.transparentColor.end(),
                           [&](quint16 v) { return v <= maxSample; });
    case 3:
        if (chunk.length == 0 || int(chunk.length) > png.paletteSize)
            return false;
        png.paletteAlpha.fill(255);
        std::memcpy(png.paletteAlpha.data(), chunk.data, chunk.length);
        return true;
    default:
        return false; // tRNS beside an alpha channel
    }
}

// Before the first IDAT: PLTE and tRNS are used, other ancillary chunks only have their CRC checked.
bool parseChunkBeforeIdat(const Chunk& chunk, PngLayout& png) {
    if (chunk.length > kLibpngChunkLimit)
        return false;
    if (chunk.is("PLTE"))
        return parsePlte(chunk, png);
    if (chunk.is("tRNS"))
        return parseTrns(chunk, png);
    return !chunk.critical(); // IHDR again, IEND before any IDAT, unknown critical chunks
}

// Moves the payloads of the IDAT chunks from `at` on together, starting where the first one's lies.
bool gatherIdat(uchar* file, size_t size, size_t at, PngLayout& png) {
    const size_t limit = idatLimit(png);
    uchar* const start = file + at + 8;
    uchar* end = start;
    Chunk chunk;
    // The file may end right after the last IDAT: libpng's row decoder never looks further either.
    while (at < size) {
        if (size - at >= 8 && std::memcmp(file + at + 4, "IDAT", 4) != 0)
            break; // the next chunk: the stream is complete
        if (!readChunk(file, size, at, chunk) || chunk.length > limit)
            return false;
        if (end != chunk.data)
            std::memmove(end, chunk.data, chunk.length);
        end += chunk.length;
        at += size_t(chunk.length) + 12;
    }
    png.zlib = start;
    png.zlibSize = size_t(end - start);
    return true;
}

} // namespace

bool isValidPngBitDepth(int colorType, int depth) {
    switch (colorType) {
    case 0:
        return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
    case 3:
        return depth == 1 || depth == 2 || depth == 4 || depth == 8;
    case 2:
    case 4:
    case 6:
        return depth == 8 || depth == 16;
    default:
        return false;
    }
}

int pngSamplesPerPixel(int colorType) {
    switch (colorType) {
    case 2:
        return 3;
    case 4:
        return 2;
    case 6:
        return 4;
    default:
        return 1;
    }
}

int PngLayout::samplesPerPixel() const {
    return pngSamplesPerPixel(colorType);
}

int PngLayout::filterStride() const {
    return std::max(1, samplesPerPixel() * bitDepth / 8);
}

size_t PngLayout::rowBytes() const {
    return (size_t(width) * size_t(samplesPerPixel()) * size_t(bitDepth) + 7) / 8;
}

size_t PngLayout::rawBytes() const {
    return size_t(height) * (rowBytes() + 1);
}

std::optional<PngLayout> walkPngChunks(uchar* file, size_t size) {
    PngLayout png;
    Chunk chunk;
    if (size < sizeof kSignature || std::memcmp(file, kSignature, sizeof kSignature) != 0)
        return std::nullopt;
    size_t at = sizeof kSignature;
    if (!readChunk(file, size, at, chunk) || !parseIhdr(chunk, png))
        return std::nullopt;
    at += 25;
    // The first IDAT's CRC is left to gatherIdat().
    while (size - at < 8 || std::memcmp(file + at + 4, "IDAT", 4) != 0) {
        if (!readChunk(file, size, at, chunk) || !parseChunkBeforeIdat(chunk, png))
            return std::nullopt;
        at += size_t(chunk.length) + 12;
    }
    if (png.colorType == 3 && png.paletteSize == 0)
        return std::nullopt; // libpng: "Missing PLTE before IDAT"
    if (!gatherIdat(file, size, at, png))
        return std::nullopt;
    return png;
}

} // namespace cropdeck
