// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/BmpHeader.h"

#include "io/ByteOrder.h"

#include <limits>

namespace cropdeck {

namespace {

constexpr int kFileHeaderSize = 14;

Error corrupt(const QString& path, const QString& what) {
    return makeError(ErrorKind::Corrupt, QStringLiteral("%1: bad BMP header: %2").arg(path, what));
}

bool knownHeaderSize(int size) {
    // 12: OS/2 1.x; 16..64: OS/2 2.x (variable); 40, 52, 56, 108, 124: Windows v1..v5.
    return size == BmpHeader::kCoreHeaderSize || (size >= 16 && size <= 64) || size == 108 || size == 124;
}

bool validBitCount(int bits) {
    return bits == 1 || bits == 4 || bits == 8 || bits == 16 || bits == 24 || bits == 32;
}

// Bit masks live inside v2+ headers, or right after a 40-byte header when the compression asks for them.
void readMasks(BmpHeader& header, const uchar* p, qsizetype size) {
    if (header.compression != BmpBitfields && header.compression != BmpAlphaBitfields)
        return;
    const int maskCount = header.compression == BmpAlphaBitfields ? 4 : 3;
    qsizetype at = kFileHeaderSize + 40;
    if (header.headerSize >= 52) {
        const int inHeader = header.headerSize >= 56 ? 4 : 3;
        for (int i = 0; i < inHeader; ++i)
            header.masks[size_t(i)] = bytes::le32(p + at + 4 * qsizetype(i));
        return;
    }
    for (int i = 0; i < maskCount && at + 4 * qsizetype(i) + 4 <= size; ++i)
        header.masks[size_t(i)] = bytes::le32(p + at + 4 * qsizetype(i));
}

Status readPalette(BmpHeader& header, const uchar* p, qsizetype size, const QString& path) {
    if (header.bitCount > 8)
        return Status::success();
    if (header.colorsUsed > 256)
        return corrupt(path, QStringLiteral("palette of %1 colours (at most 256)").arg(header.colorsUsed));
    const bool core = header.headerSize == BmpHeader::kCoreHeaderSize;
    const int entrySize = core ? 3 : 4;
    const int entries = header.colorsUsed != 0 && !core ? int(header.colorsUsed) : 1 << header.bitCount;
    qsizetype at = kFileHeaderSize + header.headerSize;
    if (header.headerSize == 40 && header.compression == BmpBitfields)
        at += 12;
    if (at + qsizetype(entries) * entrySize > size)
        return makeError(ErrorKind::Truncated,
                         QStringLiteral("%1: BMP file ends inside its palette").arg(path));
    for (int i = 0; i < entries; ++i)
        for (int c = 0; c < entrySize; ++c)
            header.palette[size_t(i)][size_t(c)] = p[at + qsizetype(i) * entrySize + c];
    header.paletteIsGray = true;
    for (int i = 0; i < (1 << header.bitCount); ++i) {
        const auto& e = header.palette[size_t(i)];
        header.paletteIsGray = header.paletteIsGray && e[0] == e[1] && e[1] == e[2];
    }
    return Status::success();
}

Status readInfoHeader(BmpHeader& header, const uchar* p, const QString& path) {
    const uchar* info = p + kFileHeaderSize;
    qint64 height = 0;
    if (header.headerSize == BmpHeader::kCoreHeaderSize) {
        header.width = bytes::le16(info + 4);
        height = bytes::le16(info + 6);
        header.bitCount = bytes::le16(info + 10);
    } else {
        header.width = qint32(bytes::le32(info + 4));
        height = qint32(bytes::le32(info + 8));
        header.bitCount = bytes::le16(info + 14);
        if (header.headerSize >= 20)
            header.compression = bytes::le32(info + 16);
        if (header.headerSize >= 36)
            header.colorsUsed = bytes::le32(info + 32);
    }
    if (header.width <= 0 || height == 0 || height == std::numeric_limits<qint32>::min())
        return corrupt(path, QStringLiteral("image size %1×%2").arg(header.width).arg(height));
    header.topDown = height < 0;
    header.height = int(height < 0 ? -height : height);
    if (!validBitCount(header.bitCount))
        return corrupt(path, QStringLiteral("%1 bits per pixel").arg(header.bitCount));
    if (header.compression > BmpAlphaBitfields)
        return corrupt(path, QStringLiteral("unknown compression %1").arg(header.compression));
    return Status::success();
}

} // namespace

Result<BmpHeader> parseBmpHeader(QByteArrayView prefix, qint64 fileSize, const QString& path) {
    const uchar* p = reinterpret_cast<const uchar*>(prefix.data());
    const qsizetype size = prefix.size();
    if (size < kFileHeaderSize + 4)
        return makeError(ErrorKind::Truncated,
                         QStringLiteral("%1: BMP file ends inside its header").arg(path));
    if (p[0] != 'B' || p[1] != 'M')
        return corrupt(path, QStringLiteral("no 'BM' signature"));
    BmpHeader header;
    header.pixelDataOffset = bytes::le32(p + 10);
    header.headerSize = int(bytes::le32(p + kFileHeaderSize));
    if (!knownHeaderSize(header.headerSize))
        return corrupt(path, QStringLiteral("unknown info header size %1").arg(header.headerSize));
    if (kFileHeaderSize + header.headerSize > size)
        return makeError(ErrorKind::Truncated,
                         QStringLiteral("%1: BMP file ends inside its header").arg(path));
    if (Status info = readInfoHeader(header, p, path); !info)
        return info.error();
    readMasks(header, p, size);
    if (Status palette = readPalette(header, p, size, path); !palette)
        return palette.error();
    if (header.pixelDataOffset < quint32(kFileHeaderSize + header.headerSize) ||
        header.pixelDataOffset > fileSize)
        return corrupt(path, QStringLiteral("pixel data offset %1 outside the file (%2 bytes)")
                                 .arg(header.pixelDataOffset)
                                 .arg(fileSize));
    return header;
}

} // namespace cropdeck
