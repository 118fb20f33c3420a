// SPDX-License-Identifier: GPL-3.0-or-later
// BMP header probe: the headers and palette live in the first kilobyte or so.

#include "io/BmpHeader.h"
#include "io/ProbeFormats.h"

namespace cropdeck::probe {

namespace {

// Channels as OpenCV decodes them (what every BMP path returns): palettes give gray when every entry
// is gray, 32-bit gives BGRA only with bit fields (BI_RGB's fourth byte is padding).
int decodedChannels(const BmpHeader& header) {
    if (header.headerSize == BmpHeader::kCoreHeaderSize)
        return 1; // OpenCV turns OS/2 1.x bitmaps into gray
    if (header.bitCount <= 8)
        return header.paletteIsGray ? 1 : 3;
    if (header.bitCount == 32 && header.compression != BmpRgb)
        return 4;
    return 3;
}

} // namespace

Status probeBmp(ByteReader& reader, ImageInfo& info, const QString& path) {
    info.format = ImageFormat::Bmp;
    reader.seek(0);
    const QByteArray prefix = reader.readUpTo(BmpHeader::kPrefixBytes);
    if (reader.ioFailed())
        return endedEarly(reader, path, QStringLiteral("BMP header"));
    Result<BmpHeader> header = parseBmpHeader(prefix, reader.size(), path);
    if (!header)
        return header.error();
    info.width = header->width;
    info.height = header->height;
    info.bottomUp = !header->topDown;
    info.bmpCompression = int(header->compression);
    info.pixelDataOffset = header->pixelDataOffset;
    info.channels = decodedChannels(*header);
    info.hasAlpha = info.channels == 4;
    info.bitDepth = header->bitCount <= 8 ? header->bitCount : header->bitCount == 16 ? 5 : 8;
    return Status::success();
}

} // namespace cropdeck::probe
