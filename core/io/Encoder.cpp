// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/Encoder.h"

#include "io/OpenCvCodecs.h"
#include "io/OpenCvLogging.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <exception>
#include <limits>
#include <turbojpeg.h>
#include <vector>

namespace cropdeck {

namespace {

// TurboJPEG handles are not thread-safe but are costly to create per image: one per thread.
class ThreadCompressor {
public:
    ThreadCompressor()
        : m_handle(tjInitCompress()) {}
    ~ThreadCompressor() {
        if (m_handle)
            tjDestroy(m_handle);
    }
    ThreadCompressor(const ThreadCompressor&) = delete;
    ThreadCompressor& operator=(const ThreadCompressor&) = delete;
    tjhandle handle() const { return m_handle; }

private:
    tjhandle m_handle;
};

tjhandle threadCompressor() {
    thread_local ThreadCompressor compressor;
    return compressor.handle();
}

Error encodeError(ErrorKind kind, const QString& path, const QString& problem) {
    return makeError(kind, QStringLiteral("%1: cannot encode: %2").arg(path, problem));
}

int tjSubsampling(JpegSubsampling subsampling) {
    switch (subsampling) {
    case JpegSubsampling::Yuv444:
        return TJSAMP_444;
    case JpegSubsampling::Yuv422:
        return TJSAMP_422;
    case JpegSubsampling::Yuv420:
        break;
    }
    return TJSAMP_420;
}

Result<QByteArray> encodeJpeg(const cv::Mat& pixels, const EncodeOptions& options, const QString& path) {
    const tjhandle handle = threadCompressor();
    if (!handle)
        return encodeError(ErrorKind::Io, path,
                           QStringLiteral("TurboJPEG could not start: %1").arg(tjGetErrorStr2(nullptr)));
    const int channels = pixels.channels();
    const int pixelFormat = channels == 1 ? TJPF_GRAY : channels == 3 ? TJPF_BGR : TJPF_BGRX;
    const int subsampling = channels == 1 ? TJSAMP_GRAY : tjSubsampling(options.jpegSubsampling);
    // Compress straight into the result: tjBufSize is the worst case, so no reallocation is needed.
    const unsigned long capacity = tjBufSize(pixels.cols, pixels.rows, subsampling);
    if (capacity == static_cast<unsigned long>(-1) ||
        capacity > static_cast<unsigned long>(std::numeric_limits<int>::max()))
        return encodeError(ErrorKind::TooLarge, path,
                           QStringLiteral("%1x%2 is too large for JPEG").arg(pixels.cols).arg(pixels.rows));
    QByteArray bytes(qsizetype(capacity), Qt::Uninitialized);
    auto* out = reinterpret_cast<unsigned char*>(bytes.data());
    unsigned long size = capacity;
    const int flags = TJFLAG_NOREALLOC | (options.jpegAccurateDct ? TJFLAG_ACCURATEDCT : 0);
    if (tjCompress2(handle, pixels.data, pixels.cols, int(pixels.step[0]), pixels.rows, pixelFormat, &out,
                    &size, subsampling, options.jpegQuality, flags) != 0)
        return encodeError(ErrorKind::Io, path, QString::fromUtf8(tjGetErrorStr2(handle)));
    bytes.truncate(qsizetype(size));
    return bytes;
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
        return encodeJpeg(pixels, options, pathForMessages);
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
