// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The headers of a BMP file (file header, info header of any version, bit masks, palette), parsed from
// the first bytes of the file. Shared by the probe and the band reader so that both agree on what the
// file declares.

#include "Result.h"

#include <QByteArrayView>
#include <QString>

#include <array>

namespace cropdeck {

enum BmpCompression : quint32 {
    BmpRgb = 0,
    BmpRle8 = 1,
    BmpRle4 = 2,
    BmpBitfields = 3,
    BmpJpeg = 4,
    BmpPng = 5,
    BmpAlphaBitfields = 6,
};

struct BmpHeader {
    static constexpr int kCoreHeaderSize = 12; // OS/2 BITMAPCOREHEADER: 16-bit sizes, 3-byte palette
    // Enough of the file start to hold the largest header, its masks and a full palette.
    static constexpr qint64 kPrefixBytes = 14 + 124 + 16 + 256 * 4;

    quint32 pixelDataOffset = 0;
    int headerSize = 0;
    int width = 0;
    int height = 0; // always positive; see topDown
    bool topDown = false;
    int bitCount = 0;
    quint32 compression = BmpRgb;
    quint32 colorsUsed = 0;
    std::array<quint32, 4> masks{}; // red, green, blue, alpha; zero when the file gives none
    // Palette as stored (B, G, R, reserved), 256 entries, zero past the ones the file lists.
    std::array<std::array<uchar, 4>, 256> palette{};
    // Every one of the 2^bitCount palette entries has R == G == B (how OpenCV decides gray output).
    bool paletteIsGray = false;

    // Bytes per stored row (rows are padded to 4 bytes).
    qint64 rowStride() const { return ((qint64(width) * bitCount + 31) / 32) * 4; }
};

// Parses the headers from `prefix`, the first min(file size, kPrefixBytes) bytes of a file of
// `fileSize` bytes. Corrupt for malformed fields, Truncated when the headers run past the end.
Result<BmpHeader> parseBmpHeader(QByteArrayView prefix, qint64 fileSize, const QString& path);

} // namespace cropdeck
