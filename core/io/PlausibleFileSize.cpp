// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/PlausibleFileSize.h"

#include "io/StoredSize.h"

#include <QLocale>

#include <algorithm>

namespace cropdeck {

namespace {

using stored::bytesForBits;

// Deflate's best case: a 258-byte match in 2 bits, so one compressed byte yields at most 1032 bytes.
constexpr qint64 kDeflateMaxRatio = 1032;
// LZW (TIFF): every code is at least 9 bits and yields at most 4096 bytes (the table's longest string).
constexpr qint64 kLzwMaxRatio = 4096 * 8 / 9 + 1;
// PackBits: a 2-byte run yields at most 128 bytes.
constexpr qint64 kPackBitsMaxRatio = 64;
// Uncompressed formats: a file cut short still decodes in part (the rows it holds), so only a file that
// could not hold even a thousandth of its pixels, as deflate's bound, is refused.
constexpr qint64 kUncompressedTolerance = kDeflateMaxRatio;
// Headers, palettes and rounding never make a small image implausible.
constexpr qint64 kSlackBytes = qint64(64) * 1024;

QString bytesText(qint64 bytes) {
    return QLocale::c().toString(bytes);
}

// The fewest bytes the format could store the declared pixels in, times the best ratio its coding can
// reach, or 0 when the format has no such bound.
struct StorageBound {
    qint64 minimumBytes = 0; // what the file must at least hold (after dividing by the best ratio)
    const char* why = "";
};

constexpr const char* kUncompressedWhy =
    "its pixels are stored uncompressed, and even a file cut short keeps a thousandth of them";

StorageBound storageBound(const ImageInfo& info) {
    const qint64 pixels = info.pixelCount();
    switch (info.format) {
    case ImageFormat::Png:
        return {stored::pngRawBytes(info) / kDeflateMaxRatio, "deflate compresses at most 1032:1"};
    case ImageFormat::Jpeg: {
        if (info.arithmetic)
            return {};
        if (info.lossless) // one Huffman code of at least one bit per sample
            return {bytesForBits(pixels), "lossless JPEG codes at least one bit per pixel"};
        // Every 8×8 block of the full-resolution component codes its DC value in at least one bit.
        const qint64 blocks = qint64((info.width + 7) / 8) * ((info.height + 7) / 8);
        return {bytesForBits(blocks), "JPEG codes at least one bit per 8×8 block"};
    }
    case ImageFormat::Tiff: {
        // One sample per pixel: a palette image stores one index where the probe reports three colours,
        // and the bound needs no more to catch a bomb.
        const qint64 stored = bytesForBits(pixels * info.bitDepth);
        switch (info.tiffCompression) {
        case 1:
            return {stored / kUncompressedTolerance, kUncompressedWhy};
        case 5:
            return {stored / kLzwMaxRatio, "LZW compresses at most 3641:1"};
        case 8:
        case 32946:
            return {stored / kDeflateMaxRatio, "deflate compresses at most 1032:1"};
        case 32773:
            return {stored / kPackBitsMaxRatio, "PackBits compresses at most 64:1"};
        default:
            return {};
        }
    }
    case ImageFormat::Bmp: {
        if (info.bmpCompression != 0 && info.bmpCompression != 3 && info.bmpCompression != 6)
            return {}; // RLE can skip whole areas with one escape; embedded JPEG/PNG are checked by nobody
        const int bits = info.bitDepth <= 8 ? info.bitDepth : info.bitDepth == 5 ? 16 : 8 * info.channels;
        const qint64 stride = (qint64(info.width) * bits + 31) / 32 * 4;
        return {stride * info.height / kUncompressedTolerance, kUncompressedWhy};
    }
    case ImageFormat::Pnm: {
        const qint64 stored = info.bitDepth == 1 ? qint64((info.width + 7) / 8) * info.height
                                                 : pixels * info.channels * (info.bitDepth > 8 ? 2 : 1);
        return {stored / kUncompressedTolerance, kUncompressedWhy};
    }
    default:
        return {}; // WebP: lossless coding has no useful bound
    }
}

} // namespace

Status checkFileCanHoldImage(const ImageInfo& info, const QString& path) {
    const StorageBound bound = storageBound(info);
    if (bound.minimumBytes <= 0 || info.fileSize + kSlackBytes >= bound.minimumBytes)
        return Status::success();
    return makeError(
        ErrorKind::Corrupt,
        QStringLiteral("%1: the header declares %2×%3 pixels, which a %4 file of %5 bytes cannot "
                       "hold (%6; at least %7 bytes needed): damaged or hostile file")
            .arg(path)
            .arg(info.width)
            .arg(info.height)
            .arg(QString::fromLatin1(imageFormatName(info.format)).toUpper(), bytesText(info.fileSize),
                 QString::fromLatin1(bound.why), bytesText(bound.minimumBytes)));
}

} // namespace cropdeck
