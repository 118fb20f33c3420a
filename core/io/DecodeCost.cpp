// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/DecodeCost.h"

#include "io/StoredSize.h"

#include <algorithm>
#include <vector>

namespace cropdeck {

namespace {

using stored::pngRawBytes;
using stored::pngRowBytes;

// Decoder structs, Huffman tables, zlib windows, and the library code paged in by a first decode.
constexpr qint64 kLibraryOverhead = qint64(4) << 20;
constexpr qint64 kBmpBandBytes = qint64(64) << 20;     // BmpReadOptions::mappedBandBytes
constexpr qint64 kWholeInflateLimit = qint64(1) << 30; // PngDeflateDecoder declines larger raw images
constexpr qint64 kMiB = qint64(1) << 20;

// Samples per pixel of the decoded 8-bit result (CropDeck's pixel convention).
int outputChannels(const ImageInfo& info) {
    switch (info.format) {
    case ImageFormat::Jpeg:
        return info.channels == 1 ? 1 : 3;
    case ImageFormat::Png:
        if (info.pngColorType == 0)
            return 1;
        return info.hasAlpha ? 4 : 3;
    default:
        if (info.channels <= 2)
            return info.channels == 2 && info.format != ImageFormat::Tiff ? 4 : 1;
        return info.hasAlpha || info.channels > 4 ? 4 : 3;
    }
}

qint64 regionBytes(const QRect& region, int channels) {
    return qint64(std::max(region.width(), 0)) * std::max(region.height(), 0) * channels;
}

qint64 imageBytes(const ImageInfo& info, int channels, int bytesPerSample = 1) {
    return info.pixelCount() * channels * bytesPerSample;
}

qint64 mcuColumns(const ImageInfo& info) {
    return (info.width + info.mcuWidth - 1) / std::max(info.mcuWidth, 1);
}
qint64 mcuRows(const ImageInfo& info) {
    return (info.height + info.mcuHeight - 1) / std::max(info.mcuHeight, 1);
}

// libjpeg's whole-image coefficient arrays (2 bytes × 64 per 8×8 block): what a progressive or lossless
// transcode holds.
qint64 jpegCoefficientBytes(const ImageInfo& info) {
    return mcuColumns(info) * mcuRows(info) * std::max(info.blocksPerMcu, 1) * 128;
}

// libjpeg's working memory for one decode: the coefficient arrays when the file has several scans
// (progressive), else an MCU row of coefficients plus the sample rows of the upsampler and colour
// converter (a few MCU rows of the full width).
qint64 jpegWorkingBytes(const ImageInfo& info) {
    if (info.progressive)
        return jpegCoefficientBytes(info);
    const qint64 mcuRowPixels = mcuColumns(info) * info.mcuWidth * info.mcuHeight;
    return mcuColumns(info) * std::max(info.blocksPerMcu, 1) * 128 +
           4 * mcuRowPixels * std::max(info.channels, 1);
}

// libpng keeps the current and the previous raw row; the decoder converts into one full output row, and
// an interlaced file keeps the region's full-width rows until the last pass.
qint64 pngRowsWorkingBytes(const ImageInfo& info, const QRect& region) {
    const int channels = outputChannels(info);
    qint64 bytes = 2 * (pngRowBytes(info) + 1) + qint64(info.width) * channels;
    if (info.interlaced)
        bytes += qint64(region.height()) * info.width * channels;
    return bytes;
}

int bytesPerStoredSample(const ImageInfo& info) {
    return info.bitDepth <= 8 ? 1 : info.bitDepth <= 16 ? 2 : (info.bitDepth + 7) / 8;
}

// OpenCV's TIFF decoder reads one strip or tile at a time: libtiff decodes it into a buffer of its stored
// samples, and 8-bit images go through TIFFReadRGBA* into a second buffer of 4 bytes per pixel.
qint64 tiffChunkBytes(const ImageInfo& info) {
    const qint64 chunkPixels = qint64(std::max(info.tiffChunkWidth, 1)) * std::max(info.tiffChunkHeight, 1);
    const qint64 stored = chunkPixels * std::max(info.channels, 1) * bytesPerStoredSample(info);
    const qint64 rgba = info.bitDepth <= 8 ? chunkPixels * 4 : stored;
    return stored + rgba + std::min(stored, info.fileSize); // and the compressed chunk
}

// cv::imdecode of the whole file: the decoded image at the file's depth (gray + alpha as 4 channels),
// the 8-bit copy when it was deeper, the stored-orientation copy for a rotated TIFF, the decoder's own
// buffers, and the file's bytes, which the region reader holds during the decode. The region is then
// shared (a whole-image request) or copied.
qint64 openCvBytes(const ImageInfo& info, const QRect& region) {
    const int out = outputChannels(info);
    const int decodedChannels = info.channels == 2 ? 4 : std::clamp(info.channels, 1, 4);
    const int depth = bytesPerStoredSample(info);
    qint64 bytes = info.fileSize + imageBytes(info, decodedChannels, depth);
    if (depth > 1 || decodedChannels != out)
        bytes += imageBytes(info, out);
    const bool whole = region == QRect(0, 0, info.width, info.height);
    if (!whole)
        bytes += regionBytes(region, out);
    switch (info.format) {
    case ImageFormat::Tiff:
        bytes += tiffChunkBytes(info);
        if (info.orientation != 1)
            bytes += imageBytes(info, out);
        break;
    case ImageFormat::WebP:
        bytes += info.fileSize + imageBytes(info, 4); // the file copied in; libwebp's ARGB or YUV planes
        break;
    case ImageFormat::Jpeg:
        bytes += jpegWorkingBytes(info);
        break;
    case ImageFormat::Png:
        bytes += 2 * (pngRowBytes(info) + 1) + qint64(info.height) * qint64(sizeof(void*));
        break;
    default:
        bytes += qint64(info.width) * decodedChannels * depth * 2; // row buffers
        break;
    }
    return bytes;
}

// Whether the specialised decoder of this image's format may decline it (ErrorKind::Unsupported), so
// that the region reader falls back to OpenCV.
bool mayFallBackToOpenCv(const ImageInfo& info) {
    switch (info.format) {
    case ImageFormat::Jpeg:
        return info.bitDepth != 8 || info.lossless || info.arithmetic || info.channels == 4 ||
               info.channels == 2 || info.jpegColorSpace == JpegColorSpace::Cmyk ||
               info.jpegColorSpace == JpegColorSpace::Ycck || info.jpegColorSpace == JpegColorSpace::Unknown;
    case ImageFormat::Png:
        return false; // the row decoder handles every valid PNG
    case ImageFormat::Bmp:
        // RLE, embedded JPEG/PNG, OS/2 and unusual bit fields go to OpenCV.
        return info.bmpCompression != 0 && info.bmpCompression != 3 && info.bmpCompression != 6;
    default:
        return true; // TIFF, WebP, PNM: OpenCV is their decoder
    }
}

QString mib(qint64 bytes) {
    return QString::number(double(bytes) / double(kMiB), 'f', bytes < 10 * kMiB ? 1 : 0);
}

} // namespace

const char* decodePathName(DecodePath path) {
    switch (path) {
    case DecodePath::JpegRegion:
        return "jpeg-region";
    case DecodePath::JpegRestart:
        return "jpeg-restart";
    case DecodePath::JpegLossless:
        return "jpeg-lossless";
    case DecodePath::PngRows:
        return "png-rows";
    case DecodePath::PngWholeInflate:
        return "png-deflate";
    case DecodePath::BmpBands:
        return "bmp-bands";
    case DecodePath::OpenCv:
        return "opencv";
    }
    return "?";
}

qint64 decodePathBytes(DecodePath path, const ImageInfo& info, const QRect& region) {
    const qint64 output = regionBytes(region, outputChannels(info));
    qint64 bytes = kLibraryOverhead;
    switch (path) {
    case DecodePath::JpegRegion:
        // The region reader holds the file's bytes; row bands in one pass cost at most the region.
        bytes += info.fileSize + jpegWorkingBytes(info) + output;
        break;
    case DecodePath::JpegRestart:
        // The shorter stream built from the restart intervals is at most the file again.
        bytes += 2 * info.fileSize + jpegWorkingBytes(info) + output;
        break;
    case DecodePath::JpegLossless:
        // jpeg_read_coefficients() holds every block; each output is a JPEG of at most about the file.
        bytes += 2 * info.fileSize + jpegCoefficientBytes(info) + output;
        break;
    case DecodePath::PngRows:
        bytes += pngRowsWorkingBytes(info, region) + output;
        break;
    case DecodePath::PngWholeInflate:
        // The file and the inflated image in the thread's scratch buffers; a damaged stream is then
        // decoded by libpng with both still held.
        bytes += info.fileSize + pngRawBytes(info) + qint64(pngRowBytes(info)) + output +
                 pngRowsWorkingBytes(info, region) + output;
        break;
    case DecodePath::BmpBands:
        bytes += std::min(info.fileSize, kBmpBandBytes) + output;
        break;
    case DecodePath::OpenCv:
        bytes += openCvBytes(info, region);
        break;
    }
    return bytes;
}

DecodePath costliestDecodePath(const ImageInfo& info, bool losslessJpeg) {
    const QRect whole(0, 0, info.width, info.height);
    std::vector<DecodePath> candidates;
    switch (info.format) {
    case ImageFormat::Jpeg:
        if (losslessJpeg)
            candidates.push_back(DecodePath::JpegLossless);
        candidates.push_back(DecodePath::JpegRegion);
        if (info.restartInterval > 0 && !info.progressive)
            candidates.push_back(DecodePath::JpegRestart);
        break;
    case ImageFormat::Png:
        candidates.push_back(DecodePath::PngRows);
        if (!info.interlaced && pngRawBytes(info) <= kWholeInflateLimit)
            candidates.push_back(DecodePath::PngWholeInflate);
        break;
    case ImageFormat::Bmp:
        candidates.push_back(DecodePath::BmpBands);
        break;
    default:
        break;
    }
    if (mayFallBackToOpenCv(info))
        candidates.push_back(DecodePath::OpenCv);
    return *std::max_element(candidates.begin(), candidates.end(), [&](DecodePath a, DecodePath b) {
        return decodePathBytes(a, info, whole) < decodePathBytes(b, info, whole);
    });
}

qint64 estimateDecodeBytes(const ImageInfo& info, bool losslessJpeg) {
    return decodePathBytes(costliestDecodePath(info, losslessJpeg), info,
                           QRect(0, 0, info.width, info.height));
}

Error decodeOverBudget(const QString& path, const ImageInfo& info, qint64 neededBytes, qint64 budgetBytes,
                       bool losslessJpeg) {
    return makeError(ErrorKind::TooLarge,
                     QStringLiteral("%1: decoding this %2×%3 %4 image needs about %5 MiB (%6 decoder), more "
                                    "than the whole memory budget (max memory) of %7 MiB")
                         .arg(path)
                         .arg(info.width)
                         .arg(info.height)
                         .arg(QString::fromLatin1(imageFormatName(info.format)).toUpper(), mib(neededBytes),
                              QString::fromLatin1(decodePathName(costliestDecodePath(info, losslessJpeg))),
                              mib(budgetBytes)));
}

} // namespace cropdeck
