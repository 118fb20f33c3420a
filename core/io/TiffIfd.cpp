// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/TiffIfd.h"

#include "io/ByteOrder.h"

#include <algorithm>

namespace cropdeck {

namespace {

enum TiffType : quint16 {
    Byte = 1,
    Ascii = 2,
    Short = 3,
    Long = 4,
    Rational = 5,
    SByte = 6,
    Undefined = 7,
    SShort = 8,
    SLong = 9,
    SRational = 10,
    Float = 11,
    Double = 12,
    Ifd = 13,
    Long8 = 16,
    SLong8 = 17,
    Ifd8 = 18,
};

const uchar* bytesOf(QByteArrayView view) {
    return reinterpret_cast<const uchar*>(view.data());
}

} // namespace

std::optional<TiffHeader> parseTiffHeader(QByteArrayView data) {
    if (data.size() < 8)
        return std::nullopt;
    const uchar* p = bytesOf(data);
    TiffHeader header;
    if (p[0] == 'I' && p[1] == 'I')
        header.littleEndian = true;
    else if (p[0] == 'M' && p[1] == 'M')
        header.littleEndian = false;
    else
        return std::nullopt;
    const quint16 magic = bytes::u16(p + 2, header.littleEndian);
    if (magic == 42) {
        header.firstIfdOffset = bytes::u32(p + 4, header.littleEndian);
        return header;
    }
    // BigTIFF: magic 43, offset size 8, a zero word, then an 8-byte IFD offset.
    if (magic != 43 || data.size() < 16 || bytes::u16(p + 4, header.littleEndian) != 8)
        return std::nullopt;
    header.bigTiff = true;
    header.firstIfdOffset = bytes::u64(p + 8, header.littleEndian);
    return header;
}

std::vector<TiffEntry> parseTiffIfd(QByteArrayView data, quint64 ifdOffset, const TiffHeader& header,
                                    int maxEntries) {
    std::vector<TiffEntry> entries;
    const quint64 size = quint64(data.size());
    if (ifdOffset >= size || size - ifdOffset < quint64(header.countFieldSize()))
        return entries;
    const uchar* base = bytesOf(data);
    const bool le = header.littleEndian;
    const quint64 declared =
        header.bigTiff ? bytes::u64(base + ifdOffset, le) : bytes::u16(base + ifdOffset, le);
    const quint64 first = ifdOffset + quint64(header.countFieldSize());
    const quint64 fitting = (size - first) / quint64(header.entrySize());
    const quint64 count = std::min({declared, fitting, quint64(maxEntries)});
    entries.reserve(size_t(count));
    for (quint64 i = 0; i < count; ++i) {
        const uchar* e = base + first + i * quint64(header.entrySize());
        TiffEntry entry;
        entry.tag = bytes::u16(e, le);
        entry.type = bytes::u16(e + 2, le);
        entry.count = header.bigTiff ? bytes::u64(e + 4, le) : bytes::u32(e + 4, le);
        const int valueAt = header.bigTiff ? 12 : 8;
        entry.valueField = QByteArrayView(reinterpret_cast<const char*>(e + valueAt), header.offsetSize());
        entries.push_back(entry);
    }
    return entries;
}

std::optional<quint64> tiffNextIfdOffset(QByteArrayView data, quint64 ifdOffset, const TiffHeader& header) {
    const quint64 size = quint64(data.size());
    if (ifdOffset >= size || size - ifdOffset < quint64(header.countFieldSize()))
        return std::nullopt;
    const uchar* base = bytesOf(data);
    const bool le = header.littleEndian;
    const quint64 declared =
        header.bigTiff ? bytes::u64(base + ifdOffset, le) : bytes::u16(base + ifdOffset, le);
    const quint64 entryBytes = quint64(header.entrySize());
    const quint64 room = size - ifdOffset - quint64(header.countFieldSize());
    if (declared > room / entryBytes || room - declared * entryBytes < quint64(header.offsetSize()))
        return std::nullopt;
    const uchar* link = base + ifdOffset + quint64(header.countFieldSize()) + declared * entryBytes;
    const quint64 next = header.bigTiff ? bytes::u64(link, le) : bytes::u32(link, le);
    if (next == 0 || next == ifdOffset) // a self-link would make a walker loop
        return std::nullopt;
    return next;
}

int tiffTypeSize(quint16 type) {
    switch (type) {
    case Byte:
    case Ascii:
    case SByte:
    case Undefined:
        return 1;
    case Short:
    case SShort:
        return 2;
    case Long:
    case SLong:
    case Float:
    case Ifd:
        return 4;
    case Rational:
    case SRational:
    case Double:
    case Long8:
    case SLong8:
    case Ifd8:
        return 8;
    default:
        return 0;
    }
}

std::optional<qint64> tiffReadInteger(const uchar* p, quint16 type, bool le) {
    switch (type) {
    case Byte:
        return p[0];
    case SByte:
        return qint8(p[0]);
    case Short:
        return bytes::u16(p, le);
    case SShort:
        return qint16(bytes::u16(p, le));
    case Long:
    case Ifd:
        return bytes::u32(p, le);
    case SLong:
        return qint32(bytes::u32(p, le));
    case Long8:
    case Ifd8:
        return qint64(bytes::u64(p, le) & 0x7fffffffffffffffULL);
    case SLong8:
        return qint64(bytes::u64(p, le));
    default:
        return std::nullopt;
    }
}

bool tiffValuesOutOfLine(const TiffEntry& entry, const TiffHeader& header) {
    const quint64 typeSize = quint64(tiffTypeSize(entry.type));
    // Guard the multiplication: counts come from the file.
    return entry.count > quint64(header.offsetSize()) ||
           typeSize * entry.count > quint64(header.offsetSize());
}

quint64 tiffValueOffset(const TiffEntry& entry, const TiffHeader& header) {
    const uchar* p = bytesOf(entry.valueField);
    return header.bigTiff ? bytes::u64(p, header.littleEndian) : bytes::u32(p, header.littleEndian);
}

std::optional<qint64> tiffInlineInteger(const TiffEntry& entry, const TiffHeader& header, int index) {
    const int typeSize = tiffTypeSize(entry.type);
    if (typeSize == 0 || index < 0 || quint64(index) >= entry.count || tiffValuesOutOfLine(entry, header))
        return std::nullopt;
    return tiffReadInteger(bytesOf(entry.valueField) + qsizetype(index) * typeSize, entry.type,
                           header.littleEndian);
}

} // namespace cropdeck
