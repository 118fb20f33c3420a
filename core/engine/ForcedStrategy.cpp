// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/ForcedStrategy.h"

namespace cropdeck {

namespace {

QString notA(const ImageInfo& info, const char* wanted) {
    return QStringLiteral("a %1 file, not a %2")
        .arg(QLatin1String(imageFormatName(info.format)), QLatin1String(wanted));
}

// The files the libjpeg DCT path decodes (JpegRegionDecoder.h): the others are OpenCV's.
QString jpegDctNotApplicable(const ImageInfo& info) {
    if (info.format != ImageFormat::Jpeg)
        return notA(info, "jpeg");
    if (info.jpegColorSpace == JpegColorSpace::Cmyk || info.jpegColorSpace == JpegColorSpace::Ycck)
        return QStringLiteral("a CMYK JPEG (decoded by OpenCV)");
    if (info.lossless || info.bitDepth != 8)
        return QStringLiteral("a lossless or 12-bit JPEG (decoded by OpenCV)");
    return {};
}

QString decoderNotApplicable(const ImageInfo& info, ForcedDecoder decoder) {
    switch (decoder) {
    case ForcedDecoder::Auto:
        return {};
    case ForcedDecoder::JpegRegion:
        return jpegDctNotApplicable(info);
    case ForcedDecoder::JpegRestart:
        if (QString why = jpegDctNotApplicable(info); !why.isEmpty())
            return why;
        if (info.restartInterval <= 0)
            return QStringLiteral("no restart markers");
        if (info.progressive || info.arithmetic)
            return QStringLiteral("progressive or arithmetic-coded: restart markers give no random access");
        return {};
    case ForcedDecoder::PngRows:
        return info.format == ImageFormat::Png ? QString() : notA(info, "png");
    case ForcedDecoder::PngWholeInflate:
        if (info.format != ImageFormat::Png)
            return notA(info, "png");
        return info.interlaced ? QStringLiteral("an interlaced PNG (only the row decoder reads it)")
                               : QString();
    case ForcedDecoder::BmpRows:
        if (info.format != ImageFormat::Bmp)
            return notA(info, "bmp");
        // BI_RGB and BI_BITFIELDS; RLE and embedded JPEG/PNG are OpenCV's (BmpBandReader.h).
        return info.bmpCompression == 0 || info.bmpCompression == 3
                   ? QString()
                   : QStringLiteral("a BMP with compression %1 (decoded by OpenCV)").arg(info.bmpCompression);
    }
    return {};
}

} // namespace

QString forcedDecoderName(ForcedDecoder decoder) {
    switch (decoder) {
    case ForcedDecoder::Auto:
        break;
    case ForcedDecoder::JpegRegion:
        return QStringLiteral("jpeg-region");
    case ForcedDecoder::JpegRestart:
        return QStringLiteral("jpeg-restart");
    case ForcedDecoder::PngRows:
        return QStringLiteral("png-rows");
    case ForcedDecoder::PngWholeInflate:
        return QStringLiteral("png-deflate");
    case ForcedDecoder::BmpRows:
        return QStringLiteral("bmp-rows");
    }
    return QStringLiteral("auto");
}

QString forcedStrategyNotApplicable(const ImageInfo& info, const ForcedStrategy& forced) {
    if (QString why = decoderNotApplicable(info, forced.decoder); !why.isEmpty())
        return why;
    if (forced.dctScale > 1)
        return jpegDctNotApplicable(info);
    return {};
}

} // namespace cropdeck
