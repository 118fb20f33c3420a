// SPDX-License-Identifier: GPL-3.0-or-later
// WebP header probe: the RIFF header and the first chunk (VP8, VP8L or VP8X). For VP8X files with the
// EXIF flag, the chunk headers are walked (seeking over chunk data) to read the EXIF chunk.

#include "io/ByteOrder.h"
#include "io/ExifOrientation.h"
#include "io/ProbeFormats.h"

#include <QByteArray>

namespace cropdeck::probe {

namespace {

constexpr qint64 kRiffHeaderSize = 12;
constexpr qint64 kChunkHeaderSize = 8;
constexpr int kMaxChunks = 100000;
constexpr qint64 kMaxExifBytes = 1 << 20;

enum VP8XFlags : uchar { AnimationFlag = 0x02, ExifFlag = 0x08, AlphaFlag = 0x10 };

Error corrupt(const QString& path, const QString& what) {
    return makeError(ErrorKind::Corrupt, QStringLiteral("%1: bad WebP header: %2").arg(path, what));
}

Status parseVp8(const uchar* d, qint64 size, ImageInfo& info, const QString& path) {
    // Frame tag (3 bytes, bit 0 clear for a key frame), start code 9d 01 2a, then 14-bit sizes.
    if (size < 10)
        return corrupt(path, QStringLiteral("VP8 chunk too short"));
    if ((d[0] & 1) != 0 || d[3] != 0x9d || d[4] != 0x01 || d[5] != 0x2a)
        return corrupt(path, QStringLiteral("VP8 data does not start with a key frame"));
    info.width = bytes::le16(d + 6) & 0x3fff;
    info.height = bytes::le16(d + 8) & 0x3fff;
    info.channels = 3;
    return Status::success();
}

Status parseVp8l(const uchar* d, qint64 size, ImageInfo& info, const QString& path) {
    // Signature 0x2f, then 14 bits width-1, 14 bits height-1, 1 bit alpha, 3 bits version (0).
    if (size < 5 || d[0] != 0x2f)
        return corrupt(path, QStringLiteral("bad VP8L signature"));
    const quint32 bits = bytes::le32(d + 1);
    if ((bits >> 29) != 0)
        return corrupt(path, QStringLiteral("unknown VP8L version %1").arg(bits >> 29));
    info.width = int(bits & 0x3fff) + 1;
    info.height = int((bits >> 14) & 0x3fff) + 1;
    info.hasAlpha = (bits >> 28) & 1;
    info.channels = info.hasAlpha ? 4 : 3;
    return Status::success();
}

// Seeks from the chunk after VP8X to the EXIF chunk; 1 when there is none or it is unreadable.
int exifOrientation(ByteReader& reader, qint64 firstChunk) {
    qint64 at = firstChunk;
    for (int i = 0; i < kMaxChunks && reader.seek(at); ++i) {
        uchar header[kChunkHeaderSize];
        if (!reader.read(header, kChunkHeaderSize))
            return 1;
        const quint32 length = bytes::le32(header + 4);
        if (QByteArrayView(reinterpret_cast<const char*>(header), 4) == "EXIF")
            return length <= kMaxExifBytes ? orientationFromExifChunk(reader.readUpTo(length)) : 1;
        at += kChunkHeaderSize + qint64(length) + (length & 1); // chunks are padded to even sizes
    }
    return 1;
}

Status parseVp8x(ByteReader& reader, const QByteArray& payload, qint64 chunkSize, ImageInfo& info,
                 const QString& path) {
    if (payload.size() < 10 || chunkSize < 10)
        return corrupt(path, QStringLiteral("VP8X chunk too short"));
    const auto* d = reinterpret_cast<const uchar*>(payload.constData());
    const uchar flags = d[0];
    if (flags & AnimationFlag)
        return makeError(ErrorKind::Unsupported,
                         QStringLiteral("%1: animated WebP is not supported").arg(path));
    info.width = int(d[4] | (d[5] << 8) | (d[6] << 16)) + 1;
    info.height = int(d[7] | (d[8] << 8) | (d[9] << 16)) + 1;
    info.hasAlpha = flags & AlphaFlag;
    info.channels = info.hasAlpha ? 4 : 3;
    if (flags & ExifFlag)
        info.orientation =
            exifOrientation(reader, kRiffHeaderSize + kChunkHeaderSize + chunkSize + (chunkSize & 1));
    return Status::success();
}

} // namespace

Status probeWebp(ByteReader& reader, ImageInfo& info, const QString& path) {
    info.format = ImageFormat::WebP;
    info.bitDepth = 8;
    uchar header[kRiffHeaderSize + kChunkHeaderSize];
    reader.seek(0);
    if (!reader.read(header, sizeof header))
        return endedEarly(reader, path, QStringLiteral("WebP header"));
    const QByteArrayView fourcc(reinterpret_cast<const char*>(header + 12), 4);
    const qint64 chunkSize = bytes::le32(header + 16);
    // The first chunk's payload is small for VP8X; for VP8/VP8L only its first bytes are needed.
    const QByteArray payload = reader.readUpTo(std::min<qint64>(chunkSize, 32));
    const auto* d = reinterpret_cast<const uchar*>(payload.constData());
    if (fourcc == "VP8 ")
        return parseVp8(d, payload.size(), info, path);
    if (fourcc == "VP8L")
        return parseVp8l(d, payload.size(), info, path);
    if (fourcc == "VP8X")
        return parseVp8x(reader, payload, chunkSize, info, path);
    return corrupt(path, QStringLiteral("unknown first chunk '%1'")
                             .arg(QString::fromLatin1(fourcc.toByteArray().toPercentEncoding())));
}

} // namespace cropdeck::probe
