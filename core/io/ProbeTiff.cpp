// SPDX-License-Identifier: GPL-3.0-or-later
// TIFF header probe: the header and the first IFD (classic or BigTIFF, either byte order). Only the IFD's
// entries are read, plus single values that are stored out of line.

#include "io/ByteOrder.h"
#include "io/ExifOrientation.h"
#include "io/ProbeFormats.h"
#include "io/TiffIfd.h"

#include <QByteArray>

#include <algorithm>
#include <limits>
#include <utility>

namespace cropdeck::probe {

namespace {

constexpr quint64 kMaxIfdEntries = 4096;
constexpr qint64 kMaxSamplesPerPixel = 64;
constexpr int kPhotometricPalette = 3;
constexpr int kPhotometricSeparated = 5; // CMYK: four samples without alpha

Error corrupt(const QString& path, const QString& what) {
    return makeError(ErrorKind::Corrupt, QStringLiteral("%1: bad TIFF header: %2").arg(path, what));
}

// The first IFD as a buffer that starts at its entry count.
Result<QByteArray> readFirstIfd(ByteReader& reader, const TiffHeader& header, const QString& path) {
    if (header.firstIfdOffset < 8 || header.firstIfdOffset >= quint64(reader.size()))
        return corrupt(path,
                       QStringLiteral("first IFD offset %1 outside the file").arg(header.firstIfdOffset));
    reader.seek(qint64(header.firstIfdOffset));
    QByteArray ifd = reader.readUpTo(header.countFieldSize());
    if (ifd.size() != header.countFieldSize())
        return endedEarly(reader, path, QStringLiteral("TIFF directory"));
    const auto* p = reinterpret_cast<const uchar*>(ifd.constData());
    const quint64 declared =
        header.bigTiff ? bytes::u64(p, header.littleEndian) : bytes::u16(p, header.littleEndian);
    if (declared == 0)
        return corrupt(path, QStringLiteral("the first IFD is empty"));
    const qint64 entryBytes = qint64(std::min(declared, kMaxIfdEntries)) * header.entrySize();
    const QByteArray entries = reader.readUpTo(entryBytes);
    if (entries.size() != entryBytes)
        return endedEarly(reader, path, QStringLiteral("TIFF directory"));
    return ifd + entries;
}

// The first value of an integer entry, inline or (one value only) out of line.
std::optional<qint64> firstValue(ByteReader& reader, const TiffEntry& entry, const TiffHeader& header) {
    if (std::optional<qint64> inlineValue = tiffInlineInteger(entry, header))
        return inlineValue;
    const int typeSize = tiffTypeSize(entry.type);
    if (entry.count == 0 || typeSize == 0 || !tiffValuesOutOfLine(entry, header))
        return std::nullopt;
    const quint64 at = tiffValueOffset(entry, header);
    uchar value[8];
    if (at > quint64(reader.size()) || !reader.seek(qint64(at)) || !reader.read(value, typeSize))
        return std::nullopt;
    return tiffReadInteger(value, entry.type, header.littleEndian);
}

struct TiffFields {
    std::optional<qint64> width, height, samples, bits, photometric;
    std::optional<qint64> compression, planar, rowsPerStrip, tileWidth, tileLength;
    int orientation = 1;
};

TiffFields readFields(ByteReader& reader, const QByteArray& ifd, const TiffHeader& header) {
    TiffFields f;
    bool sawOrientation = false;
    // Like libtiff, the first occurrence of a tag counts; later duplicates (fuzzed files) are ignored.
    const auto setOnce = [&](std::optional<qint64>& field, const TiffEntry& entry) {
        if (!field)
            field = firstValue(reader, entry, header);
    };
    for (const TiffEntry& entry : parseTiffIfd(ifd, 0, header)) {
        switch (entry.tag) {
        case TiffImageWidth:
            setOnce(f.width, entry);
            break;
        case TiffImageLength:
            setOnce(f.height, entry);
            break;
        case TiffSamplesPerPixel:
            setOnce(f.samples, entry);
            break;
        case TiffBitsPerSample:
            setOnce(f.bits, entry);
            break;
        case TiffPhotometric:
            setOnce(f.photometric, entry);
            break;
        case TiffCompression:
            setOnce(f.compression, entry);
            break;
        case TiffPlanarConfiguration:
            setOnce(f.planar, entry);
            break;
        case TiffRowsPerStrip:
            setOnce(f.rowsPerStrip, entry);
            break;
        case TiffTileWidth:
            setOnce(f.tileWidth, entry);
            break;
        case TiffTileLength:
            setOnce(f.tileLength, entry);
            break;
        case TiffOrientation:
            if (!std::exchange(sawOrientation, true))
                f.orientation = orientationFromTiffEntry(entry, header);
            break;
        default:
            break;
        }
    }
    return f;
}

Status fillInfo(const TiffFields& f, ImageInfo& info, const QString& path) {
    constexpr qint64 maxSide = std::numeric_limits<int>::max();
    if (!f.width || !f.height)
        return corrupt(path, QStringLiteral("no ImageWidth or ImageLength in the first IFD"));
    if (*f.width <= 0 || *f.height <= 0 || *f.width > maxSide || *f.height > maxSide)
        return corrupt(path, QStringLiteral("image size %1×%2").arg(*f.width).arg(*f.height));
    const qint64 samples = f.samples.value_or(1);
    const qint64 bits = f.bits.value_or(1);
    if (samples < 1 || samples > kMaxSamplesPerPixel)
        return corrupt(path, QStringLiteral("%1 samples per pixel").arg(samples));
    if (bits < 1 || bits > 64)
        return corrupt(path, QStringLiteral("%1 bits per sample").arg(bits));
    info.width = int(*f.width);
    info.height = int(*f.height);
    info.bitDepth = int(bits);
    info.channels = f.photometric == kPhotometricPalette ? 3 : int(samples);
    info.hasAlpha = samples == 2 || (samples == 4 && f.photometric != kPhotometricSeparated);
    info.orientation = f.orientation;
    info.tiffCompression = int(std::clamp<qint64>(f.compression.value_or(1), 0, 65535));
    info.tiffPlanar = f.planar == 2;
    // A strip or tile larger than the image (RowsPerStrip defaults to 2^32 - 1) is read as the image.
    const bool tiled = f.tileWidth && f.tileLength && *f.tileWidth > 0 && *f.tileLength > 0;
    info.tiffChunkWidth = tiled ? int(std::min<qint64>(*f.tileWidth, maxSide)) : info.width;
    info.tiffChunkHeight =
        tiled ? int(std::min<qint64>(*f.tileLength, maxSide))
              : int(std::clamp<qint64>(f.rowsPerStrip.value_or(info.height), 1, info.height));
    return Status::success();
}

} // namespace

Status probeTiff(ByteReader& reader, ImageInfo& info, const QString& path) {
    info.format = ImageFormat::Tiff;
    reader.seek(0);
    const std::optional<TiffHeader> header = parseTiffHeader(reader.readUpTo(16));
    if (!header)
        return corrupt(path, QStringLiteral("not a TIFF or BigTIFF header"));
    Result<QByteArray> ifd = readFirstIfd(reader, *header, path);
    if (!ifd)
        return ifd.error();
    return fillInfo(readFields(reader, *ifd, *header), info, path);
}

} // namespace cropdeck::probe
