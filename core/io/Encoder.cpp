// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/Encoder.h"

#include "io/OpenCvCodecs.h"
#include "io/OpenCvLogging.h"
#include "io/jpeg/JpegCompressor.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <exception>
#include <vector>

namespace cropdeck {

namespace {

Error encodeError(ErrorKind kind, const QString& path, const QString& problem) {
    return makeError(kind, QStringLiteral("%1: cannot encode: %2").arg(path, problem));
}

Result<QByteArray> encodeWithOpenCv(const cv::Mat& pixels, OutputFormat format, const EncodeOptions& options,
                                    const QString& path) {
    std::vector<int> params;
    const char* extension = ".png";
    bool dropAlpha = false;
    switch (format) {
    case OutputFormat::Png:
        params = {cv::IMWRITE_PNG_COMPRESSION, options.pngCompression};
        break;
    case OutputFormat::WebP:
        extension = ".webp";
        // OpenCV's WebP encoder switches to lossless above quality 100.
        params = {cv::IMWRITE_WEBP_QUALITY, options.webpLossless ? 101 : options.webpQuality};
        break;
    case OutputFormat::Tiff:
        extension = ".tif";
        break;
    case OutputFormat::Bmp:
        extension = ".bmp";
        dropAlpha = pixels.channels() == 4;
        break;
    default:
        break;
    }
    std::vector<uchar> buffer;
    quietOpenCv();
    try {
        cv::Mat input = pixels;
        if (dropAlpha)
            cv::cvtColor(pixels, input, cv::COLOR_BGRA2BGR);
        if (!codecs::imencode(extension, input, buffer, params))
            return encodeError(ErrorKind::Io, path,
                               QStringLiteral("the %1 encoder failed").arg(QLatin1String(extension + 1)));
    } catch (const std::exception& e) {
        return encodeError(ErrorKind::Io, path, QString::fromUtf8(e.what()).trimmed());
    }
    return QByteArray(reinterpret_cast<const char*>(buffer.data()), qsizetype(buffer.size()));
}

QString checkOptions(const EncodeOptions& options, OutputFormat format) {
    if (format == OutputFormat::Jpeg && (options.jpegQuality < 1 || options.jpegQuality > 100))
        return QStringLiteral("JPEG quality %1 is outside 1..100").arg(options.jpegQuality);
    if (format == OutputFormat::Png && (options.pngCompression < 0 || options.pngCompression > 9))
        return QStringLiteral("PNG compression %1 is outside 0..9").arg(options.pngCompression);
    if (format == OutputFormat::WebP && !options.webpLossless &&
        (options.webpQuality < 1 || options.webpQuality > 100))
        return QStringLiteral("WebP quality %1 is outside 1..100").arg(options.webpQuality);
    return {};
}

} // namespace

Result<QByteArray> encodeImage(const cv::Mat& pixels, OutputFormat format, const EncodeOptions& options,
                               const QString& pathForMessages) {
    if (pixels.empty())
        return encodeError(ErrorKind::Invalid, pathForMessages, QStringLiteral("no pixels"));
    if (pixels.dims != 2 || pixels.depth() != CV_8U ||
        (pixels.channels() != 1 && pixels.channels() != 3 && pixels.channels() != 4))
        return encodeError(
            ErrorKind::Unsupported, pathForMessages,
            QStringLiteral(
                "only 8-bit gray, BGR and BGRA pixels can be written (got %1 channel(s), depth %2)")
                .arg(pixels.channels())
                .arg(pixels.depth()));
    if (format == OutputFormat::SameAsInput)
        return encodeError(ErrorKind::Invalid, pathForMessages, QStringLiteral("no output format chosen"));
    if (const QString problem = checkOptions(options, format); !problem.isEmpty())
        return encodeError(ErrorKind::Invalid, pathForMessages, problem);
    if (format == OutputFormat::Jpeg)
        return jpeg::compressJpeg(pixels, options, pathForMessages);
    return encodeWithOpenCv(pixels, format, options, pathForMessages);
}

OutputFormat formatFromExtension(const QString& extensionOrFileName) {
    const QString extension = extensionOrFileName.section(QLatin1Char('.'), -1).toLower();
    if (extension.contains(QLatin1Char('/')) || extension.contains(QLatin1Char('\\')))
        return OutputFormat::SameAsInput;
    if (extension == u"jpg" || extension == u"jpeg" || extension == u"jpe" || extension == u"jfif")
        return OutputFormat::Jpeg;
    if (extension == u"png")
        return OutputFormat::Png;
    if (extension == u"webp")
        return OutputFormat::WebP;
    if (extension == u"tif" || extension == u"tiff")
        return OutputFormat::Tiff;
    if (extension == u"bmp" || extension == u"dib")
        return OutputFormat::Bmp;
    return OutputFormat::SameAsInput;
}

QString extensionFor(OutputFormat format) {
    switch (format) {
    case OutputFormat::Jpeg:
        return QStringLiteral("jpg");
    case OutputFormat::Png:
        return QStringLiteral("png");
    case OutputFormat::WebP:
        return QStringLiteral("webp");
    case OutputFormat::Tiff:
        return QStringLiteral("tif");
    case OutputFormat::Bmp:
        return QStringLiteral("bmp");
    case OutputFormat::SameAsInput:
        break;
    }
    return {};
}

OutputFormat formatForInput(ImageFormat input) {
    switch (input) {
    case ImageFormat::Jpeg:
        return OutputFormat::Jpeg;
    case ImageFormat::Png:
        return OutputFormat::Png;
    case ImageFormat::Bmp:
        return OutputFormat::Bmp;
    case ImageFormat::Tiff:
        return OutputFormat::Tiff;
    case ImageFormat::WebP:
        return OutputFormat::WebP;
    default:
        return OutputFormat::Png;
    }
}

} // namespace cropdeck
