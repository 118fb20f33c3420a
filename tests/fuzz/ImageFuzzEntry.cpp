// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImageFuzzEntry.h"

#include "engine/RegionReader.h"
#include "io/BmpHeader.h"
#include "io/ExifOrientation.h"
#include "io/ImageProbe.h"
#include "io/PngChunkWalk.h"
#include "io/TiffIfd.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace cropdeck::fuzz {
namespace {

// Small enough that one input decodes in milliseconds, large enough for every decoder path.
constexpr qint64 kMaxPixels = 4'000'000;

struct TargetName {
    ImageFuzzTarget target;
    const char* name;
};

constexpr TargetName kNames[] = {
    {ImageFuzzTarget::TiffIfd, "tiff_ifd"},     {ImageFuzzTarget::Exif, "exif"},
    {ImageFuzzTarget::PngChunks, "png_chunks"}, {ImageFuzzTarget::BmpHeader, "bmp_header"},
    {ImageFuzzTarget::JpegProbe, "jpeg_probe"}, {ImageFuzzTarget::WebpProbe, "webp_probe"},
    {ImageFuzzTarget::PnmProbe, "pnm_probe"},   {ImageFuzzTarget::DecodeCrop, "decode_crop"}};

QString orientationProblem(int orientation, const char* what) {
    if (orientation < 1 || orientation > 8)
        return QStringLiteral("%1 gave orientation %2").arg(QLatin1String(what)).arg(orientation);
    return {};
}

QString checkTiffIfd(QByteArrayView input) {
    const std::optional<TiffHeader> header = parseTiffHeader(input);
    if (!header)
        return {};
    for (const TiffEntry& entry : parseTiffIfd(input, header->firstIfdOffset, *header)) {
        const char* begin = input.data();
        if (entry.valueField.data() < begin ||
            entry.valueField.data() + entry.valueField.size() > begin + input.size())
            return QStringLiteral("entry %1: value field outside the data").arg(entry.tag);
        (void)tiffInlineInteger(entry, *header);
        if (tiffValuesOutOfLine(entry, *header))
            (void)tiffValueOffset(entry, *header);
        if (const QString problem =
                orientationProblem(orientationFromTiffEntry(entry, *header), "a TIFF entry");
            !problem.isEmpty())
            return problem;
    }
    return {};
}

QString checkExif(QByteArrayView input) {
    if (const QString p = orientationProblem(parseExifOrientation(input), "parseExifOrientation");
        !p.isEmpty())
        return p;
    if (const QString p = orientationProblem(orientationFromExifChunk(input), "orientationFromExifChunk");
        !p.isEmpty())
        return p;
    if (const std::optional<int> o = orientationFromJpegApp1(input))
        return orientationProblem(*o, "orientationFromJpegApp1");
    return {};
}

QString checkPngChunks(QByteArrayView input) {
    QByteArray file = QByteArray("\x89PNG\r\n\x1a\n", 8) + input.toByteArray();
    auto* data = reinterpret_cast<uchar*>(file.data());
    const std::optional<PngLayout> png = walkPngChunks(data, size_t(file.size()));
    if (!png)
        return {};
    if (png->width <= 0 || png->height <= 0 || !isValidPngBitDepth(png->colorType, png->bitDepth))
        return QStringLiteral("accepted a %1×%2 layout, depth %3, colour type %4")
            .arg(png->width)
            .arg(png->height)
            .arg(png->bitDepth)
            .arg(png->colorType);
    if (png->zlib < data || png->zlib + png->zlibSize > data + file.size())
        return QStringLiteral("zlib stream outside the file");
    return {};
}

QString checkBmpHeader(QByteArrayView input) {
    const QByteArray file = QByteArray("BM") + input.toByteArray();
    const Result<BmpHeader> header = parseBmpHeader(file, file.size(), QStringLiteral("fuzz.bmp"));
    if (!header)
        return header.error().message.startsWith(u"fuzz.bmp")
                   ? QString()
                   : QStringLiteral("error without the file name: %1").arg(header.error().message);
    if (header->width <= 0 || header->height <= 0 || header->rowStride() <= 0)
        return QStringLiteral("accepted a %1×%2 header").arg(header->width).arg(header->height);
    return {};
}

// The probe on `magic` + input: an ImageInfo inside the limits, or an error naming the file.
QString checkProbe(QByteArrayView magic, QByteArrayView input) {
    QByteArray file =
        input.startsWith(magic) ? input.toByteArray() : magic.toByteArray() + input.toByteArray();
    QBuffer buffer(&file);
    buffer.open(QIODevice::ReadOnly);
    const Result<ImageInfo> info = probeImage(buffer, QStringLiteral("fuzz.img"), kMaxPixels);
    if (!info)
        return info.error().message.startsWith(u"fuzz.img: ")
                   ? QString()
                   : QStringLiteral("error without the file name: %1").arg(info.error().message);
    if (info->width <= 0 || info->height <= 0 || info->pixelCount() > kMaxPixels)
        return QStringLiteral("probed %1×%2 (limit %3 pixels)")
            .arg(info->width)
            .arg(info->height)
            .arg(kMaxPixels);
    if (info->channels < 1 || info->channels > 64)
        return QStringLiteral("probed %1 channels").arg(info->channels);
    return orientationProblem(info->orientation, "the probe");
}

quint16 le16(QByteArrayView input, int at) {
    return quint16(uchar(input[at]) | (uchar(input[at + 1]) << 8));
}

// The window the first 8 bytes choose, reduced into a width×height image.
QRect windowFrom(QByteArrayView input, int width, int height) {
    const int x = le16(input, 0) % width, y = le16(input, 2) % height;
    const int w = 1 + le16(input, 4) % (width - x), h = 1 + le16(input, 6) % (height - y);
    return QRect(x, y, w, h);
}

QString checkDecodeCrop(QByteArrayView input, const QString& workDir) {
    if (input.size() < 9)
        return {};
    const QString path = QDir(workDir).filePath(QStringLiteral("image.bin"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(input.data() + 8, input.size() - 8) != input.size() - 8)
            return QStringLiteral("cannot write %1").arg(path);
    }
    const Result<ImageInfo> info = probeImage(path, kMaxPixels);
    if (!info)
        return info.error().message.startsWith(path)
                   ? QString()
                   : QStringLiteral("probe error without the file name: %1").arg(info.error().message);
    const QRect window = windowFrom(input, info->width, info->height);
    for (const FailOn failOn : {FailOn::Error, FailOn::None}) {
        RegionReader reader(path, *info, failOn, nullptr);
        const Result<DecodedRegion> decoded = reader.read(window);
        if (!decoded) {
            if (!decoded.error().message.startsWith(path))
                return QStringLiteral("decode error without the file name: %1").arg(decoded.error().message);
            continue;
        }
        const cv::Mat& pixels = decoded->pixels;
        const int channels = pixels.channels();
        if (pixels.depth() != CV_8U || (channels != 1 && channels != 3 && channels != 4))
            return QStringLiteral("%1 decoded to depth %2 with %3 channels")
                .arg(QLatin1String(decoded->decoder))
                .arg(pixels.depth())
                .arg(channels);
        if (pixels.cols != window.width() || pixels.rows != window.height())
            return QStringLiteral("%1 decoded %2×%3 for a %4×%5 window")
                .arg(QLatin1String(decoded->decoder))
                .arg(pixels.cols)
                .arg(pixels.rows)
                .arg(window.width())
                .arg(window.height());
    }
    return {};
}

} // namespace

QString imageFuzzTargetName(ImageFuzzTarget target) {
    for (const TargetName& n : kNames)
        if (n.target == target)
            return QLatin1String(n.name);
    return {};
}

std::optional<ImageFuzzTarget> imageFuzzTargetFromName(const QString& name) {
    for (const TargetName& n : kNames)
        if (name == QLatin1String(n.name))
            return n.target;
    return std::nullopt;
}

const QList<ImageFuzzTarget>& allImageFuzzTargets() {
    static const QList<ImageFuzzTarget> all = [] {
        QList<ImageFuzzTarget> list;
        for (const TargetName& n : kNames)
            list << n.target;
        return list;
    }();
    return all;
}

QString runImageFuzzInput(ImageFuzzTarget target, QByteArrayView input, const QString& workDir) {
    switch (target) {
    case ImageFuzzTarget::TiffIfd:
        return checkTiffIfd(input);
    case ImageFuzzTarget::Exif:
        return checkExif(input);
    case ImageFuzzTarget::PngChunks:
        return checkPngChunks(input);
    case ImageFuzzTarget::BmpHeader:
        return checkBmpHeader(input);
    case ImageFuzzTarget::JpegProbe:
        return checkProbe(QByteArrayView("\xFF\xD8\xFF", 3), input);
    case ImageFuzzTarget::WebpProbe:
        return checkProbe(QByteArrayView("RIFF"), input);
    case ImageFuzzTarget::PnmProbe:
        return checkProbe(QByteArrayView("P"), input);
    case ImageFuzzTarget::DecodeCrop:
        return checkDecodeCrop(input, workDir);
    }
    return QStringLiteral("unknown target");
}

void imageFuzzOneInput(ImageFuzzTarget target, const uint8_t* data, size_t size) {
    static QTemporaryDir work;
    const QString problem = runImageFuzzInput(
        target, QByteArrayView(reinterpret_cast<const char*>(data), qsizetype(size)), work.path());
    if (problem.isEmpty())
        return;
    std::fprintf(stderr, "fuzz_image_%s: %s\n", qPrintable(imageFuzzTargetName(target)), qPrintable(problem));
    std::abort();
}

} // namespace cropdeck::fuzz
