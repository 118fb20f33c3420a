// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/ExifThumbnail.h"

#include "io/FileReading.h"
#include "io/TiffIfd.h"

#include <QFile>

namespace cropdeck {
namespace {

constexpr quint16 kThumbnailOffsetTag = 0x0201;            // JPEGInterchangeFormat
constexpr quint16 kThumbnailLengthTag = 0x0202;            // JPEGInterchangeFormatLength
constexpr qsizetype kMaxHeadBytes = qsizetype(256) * 1024; // APP1 is at most 64 KiB; APP0/APP2 may come first
const QByteArrayView kExifPrefix("Exif\0\0", 6);

} // namespace

std::optional<std::pair<qsizetype, qsizetype>> exifThumbnailRange(QByteArrayView tiffBlob) {
    const std::optional<TiffHeader> header = parseTiffHeader(tiffBlob);
    if (!header || header->bigTiff)
        return std::nullopt;
    const std::optional<quint64> ifd1 = tiffNextIfdOffset(tiffBlob, header->firstIfdOffset, *header);
    if (!ifd1)
        return std::nullopt;
    std::optional<qint64> offset, length;
    for (const TiffEntry& entry : parseTiffIfd(tiffBlob, *ifd1, *header, 256)) {
        if (entry.tag == kThumbnailOffsetTag)
            offset = tiffInlineInteger(entry, *header);
        else if (entry.tag == kThumbnailLengthTag)
            length = tiffInlineInteger(entry, *header);
    }
    if (!offset || !length || *offset <= 0 || *length < 4 || *offset > tiffBlob.size() ||
        *length > tiffBlob.size() - *offset)
        return std::nullopt;
    const auto* start = reinterpret_cast<const uchar*>(tiffBlob.data()) + *offset;
    if (start[0] != 0xFF || start[1] != 0xD8) // SOI
        return std::nullopt;
    return std::pair<qsizetype, qsizetype>(qsizetype(*offset), qsizetype(*length));
}

QByteArray readJpegExifThumbnail(const QString& path) {
    QFile file;
    if (!openForReading(file, path))
        return {};
    const QByteArray head = file.read(kMaxHeadBytes);
    const auto* bytes = reinterpret_cast<const uchar*>(head.constData());
    if (head.size() < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8)
        return {};
    // Walk the marker segments up to the first scan; only APPn and other length-prefixed segments come
    // before it.
    qsizetype at = 2;
    while (at + 4 <= head.size()) {
        if (bytes[at] != 0xFF)
            return {};
        const uchar marker = bytes[at + 1];
        if (marker == 0xFF) { // fill byte
            ++at;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9) // SOS, EOI: no EXIF before the image data
            return {};
        const qsizetype length = (qsizetype(bytes[at + 2]) << 8) | bytes[at + 3];
        if (length < 2 || at + 2 + length > head.size())
            return {};
        const QByteArrayView payload(head.constData() + at + 4, length - 2);
        if (marker == 0xE1 && payload.startsWith(kExifPrefix)) {
            // The first EXIF segment only, as for the orientation.
            const QByteArrayView blob = payload.sliced(kExifPrefix.size());
            const auto range = exifThumbnailRange(blob);
            return range ? blob.sliced(range->first, range->second).toByteArray() : QByteArray();
        }
        at += 2 + length;
    }
    return {};
}

} // namespace cropdeck
