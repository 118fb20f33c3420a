// SPDX-License-Identifier: GPL-3.0-or-later
// PNG header probe: IHDR (checked against its CRC, as libpng does), then a walk over the chunk headers up
// to the first IDAT, seeking over each chunk's data, to learn about tRNS and eXIf cheaply.

#include "io/ByteOrder.h"
#include "io/ExifOrientation.h"
#include "io/PngChunkWalk.h"
#include "io/ProbeFormats.h"

#include <array>

namespace cropdeck::probe {

namespace {

constexpr qint64 kSignatureSize = 8;
constexpr quint32 kMaxChunkLength = 0x7fffffffU; // PNG's limit on any 4-byte length or size
constexpr int kMaxChunksBeforeIdat = 100000;
constexpr qint64 kMaxExifBytes = 1 << 20;

quint32 crc32(const uchar* data, qsizetype size) {
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    quint32 crc = 0xFFFFFFFFU;
    for (qsizetype i = 0; i < size; ++i)
        crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFU;
}

Error corrupt(const QString& path, const QString& what) {
    return makeError(ErrorKind::Corrupt, QStringLiteral("%1: bad PNG header: %2").arg(path, what));
}

int channelsOf(int colorType) {
    switch (colorType) {
    case 0:
        return 1;
    case 4:
        return 2;
    case 6:
        return 4;
    default:
        return 3; // RGB and palette (the palette's colours)
    }
}

Status parseIhdr(const uchar* chunk, ImageInfo& info, const QString& path) {
    // chunk: length(4) type(4) data(13) crc(4)
    if (crc32(chunk + 4, 17) != bytes::be32(chunk + 21))
        return corrupt(path, QStringLiteral("IHDR CRC error"));
    const uchar* d = chunk + 8;
    const quint32 width = bytes::be32(d), height = bytes::be32(d + 4);
    if (width == 0 || height == 0 || width > kMaxChunkLength || height > kMaxChunkLength)
        return corrupt(path, QStringLiteral("image size %1×%2").arg(width).arg(height));
    const int depth = d[8], colorType = d[9];
    if (!isValidPngBitDepth(colorType, depth))
        return corrupt(path, QStringLiteral("bit depth %1 with colour type %2").arg(depth).arg(colorType));
    if (d[10] != 0 || d[11] != 0 || d[12] > 1)
        return corrupt(
            path, QStringLiteral("compression %1, filter %2, interlace %3").arg(d[10]).arg(d[11]).arg(d[12]));
    info.width = int(width);
    info.height = int(height);
    info.bitDepth = depth;
    info.pngColorType = colorType;
    info.channels = channelsOf(colorType);
    info.hasAlpha = colorType == 4 || colorType == 6;
    info.interlaced = d[12] == 1;
    return Status::success();
}

Status readIhdr(ByteReader& reader, ImageInfo& info, const QString& path) {
    std::array<uchar, 25> chunk{};
    reader.seek(kSignatureSize);
    if (!reader.read(chunk.data(), qint64(chunk.size())))
        return endedEarly(reader, path, QStringLiteral("PNG header (IHDR)"));
    const QByteArrayView type(reinterpret_cast<const char*>(chunk.data() + 4), 4);
    if (type == "CgBI")
        return makeError(ErrorKind::Unsupported,
                         QStringLiteral("%1: Apple CgBI PNG (\"iPhone-optimised\") is not a standard PNG; "
                                        "convert it first (e.g. pngcrush -revert-iphone-optimizations)")
                             .arg(path));
    if (type != "IHDR" || bytes::be32(chunk.data()) != 13)
        return corrupt(path, QStringLiteral("the first chunk is not a 13-byte IHDR"));
    return parseIhdr(chunk.data(), info, path);
}

// Walks chunk headers after IHDR until IDAT, picking up tRNS and eXIf.
Status walkAncillaryChunks(ByteReader& reader, ImageInfo& info, const QString& path) {
    bool sawExif = false;
    for (int i = 0; i < kMaxChunksBeforeIdat; ++i) {
        uchar header[8];
        if (!reader.read(header, 8))
            return endedEarly(reader, path, QStringLiteral("PNG file before its image data (IDAT)"));
        const quint32 length = bytes::be32(header);
        const QByteArrayView type(reinterpret_cast<const char*>(header + 4), 4);
        if (length > kMaxChunkLength)
            return corrupt(path, QStringLiteral("chunk length %1").arg(length));
        if (type == "IDAT")
            return Status::success();
        if (type == "IEND")
            return corrupt(path, QStringLiteral("no image data (IDAT chunk)"));
        if (type == "tRNS")
            info.hasAlpha = true;
        qint64 dataLeft = length;
        if (type == "eXIf" && !sawExif && length <= kMaxExifBytes) {
            sawExif = true;
            const QByteArray exif = reader.readUpTo(length);
            info.orientation = orientationFromExifChunk(exif);
            dataLeft -= exif.size();
        }
        if (!reader.skip(dataLeft + 4)) // data and CRC
            return endedEarly(reader, path, QStringLiteral("PNG file before its image data (IDAT)"));
    }
    return corrupt(path,
                   QStringLiteral("more than %1 chunks before the image data").arg(kMaxChunksBeforeIdat));
}

} // namespace

Status probePng(ByteReader& reader, ImageInfo& info, const QString& path) {
    info.format = ImageFormat::Png;
    if (Status ihdr = readIhdr(reader, info, path); !ihdr)
        return ihdr;
    return walkAncillaryChunks(reader, info, path);
}

} // namespace cropdeck::probe
