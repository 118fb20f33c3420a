// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/ExifOrientation.h"

#include "io/TiffIfd.h"

namespace cropdeck {

namespace {

const QByteArrayView kExifPrefix("Exif\0\0", 6);

int validOrNormal(std::optional<qint64> value) {
    return value && *value >= 1 && *value <= 8 ? int(*value) : 1;
}

} // namespace

int orientationFromTiffEntry(const TiffEntry& entry, const TiffHeader& header) {
    if (entry.tag != TiffOrientation || entry.count < 1)
        return 1;
    return validOrNormal(tiffInlineInteger(entry, header, 0));
}

int parseExifOrientation(QByteArrayView tiffBlob) {
    const std::optional<TiffHeader> header = parseTiffHeader(tiffBlob);
    if (!header)
        return 1;
    for (const TiffEntry& entry : parseTiffIfd(tiffBlob, header->firstIfdOffset, *header)) {
        if (entry.tag == TiffOrientation)
            return orientationFromTiffEntry(entry, *header);
    }
    return 1;
}

std::optional<int> orientationFromJpegApp1(QByteArrayView app1Payload) {
    if (!app1Payload.startsWith(kExifPrefix))
        return std::nullopt;
    return parseExifOrientation(app1Payload.sliced(kExifPrefix.size()));
}

int orientationFromExifChunk(QByteArrayView chunkData) {
    if (chunkData.startsWith(kExifPrefix))
        chunkData = chunkData.sliced(kExifPrefix.size());
    return parseExifOrientation(chunkData);
}

} // namespace cropdeck
