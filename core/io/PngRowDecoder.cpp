// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/PngRowDecoder.h"

#include "io/FileReading.h"
#include "io/RegionRequestCheck.h"

#include <QFile>

#include <array>
#include <cstdio>
#include <cstring>
#include <png.h>
#include <vector>

namespace cropdeck {

namespace {

constexpr int kCancelCheckRows = 32;
constexpr const char* kDecoderName = "png-rows";

// Everything libpng's callbacks and the longjmp path touch. It is constructed before setjmp() and
// outlives it, so a longjmp never skips a destructor.
struct PngReadState {
    QFile file;
    png_structp png = nullptr;
    png_infop info = nullptr;
    std::array<char, 256> error{};
    std::array<char, 256> warning{};
    bool fileEnded = false;
    bool readFailed = false;
    int rowsRead = 0; // image rows fully decoded (non-interlaced)
    std::vector<uchar> row;
    std::vector<uchar> regionRows; // interlaced: full-width rows of the region
    cv::Mat output;

    ~PngReadState() {
        if (png)
            png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
    }
};

enum class Outcome { Done, LibpngError, Cancelled, HeaderChanged, UnexpectedLayout };

void keepMessage(std::array<char, 256>& to, png_const_charp message) {
    std::snprintf(to.data(), to.size(), "%s", message ? message : "unknown libpng error");
}

void PNGCBAPI onError(png_structp png, png_const_charp message) {
    keepMessage(static_cast<PngReadState*>(png_get_error_ptr(png))->error, message);
    png_longjmp(png, 1);
}

void PNGCBAPI onWarning(png_structp png, png_const_charp message) {
    auto* state = static_cast<PngReadState*>(png_get_error_ptr(png));
    if (state->warning[0] == '\0')
        keepMessage(state->warning, message);
}

void PNGCBAPI onRead(png_structp png, png_bytep data, size_t length) {
    auto* state = static_cast<PngReadState*>(png_get_io_ptr(png));
    const qint64 got = state->file.read(reinterpret_cast<char*>(data), qint64(length));
    if (got == qint64(length))
        return;
    (got < 0 ? state->readFailed : state->fileEnded) = true;
    png_error(png, got < 0 ? "read error" : "file ends early");
}

void configureStrictness(png_structp png, FailOn failOn) {
    // Ancillary chunks other than tRNS do not change OpenCV's pixels: skip them unparsed (their CRCs are
    // still checked), which also avoids their warnings and decompression (zTXt/iCCP bombs).
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, nullptr, -1);
    png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
    switch (failOn) {
    case FailOn::Error:
        png_set_crc_action(png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
        png_set_benign_errors(png, 0);
        break;
    case FailOn::Truncated:
        png_set_crc_action(png, PNG_CRC_WARN_USE, PNG_CRC_WARN_DISCARD);
        png_set_benign_errors(png, 1);
        break;
    case FailOn::None:
        png_set_crc_action(png, PNG_CRC_QUIET_USE, PNG_CRC_WARN_DISCARD);
        png_set_benign_errors(png, 1);
        png_set_option(png, PNG_IGNORE_ADLER32, PNG_OPTION_ON);
        break;
    }
}

// The channel count OpenCV's PNG decoder picks for IMREAD_UNCHANGED.
int openCvChannels(png_structp png, png_infop info) {
    switch (png_get_color_type(png, info)) {
    case PNG_COLOR_TYPE_RGB:
    case PNG_COLOR_TYPE_PALETTE: {
        png_bytep alphas = nullptr;
        int count = 0;
        png_color_16p color = nullptr;
        png_get_tRNS(png, info, &alphas, &count, &color);
        return count > 0 ? 4 : 3;
    }
    case PNG_COLOR_TYPE_GRAY_ALPHA:
    case PNG_COLOR_TYPE_RGB_ALPHA:
        return 4;
    default:
        return 1;
    }
}

// The transformations OpenCV's PNG decoder asks for, with 16-bit samples scaled to 8 bits by libpng's
// exact rounding (v * 255 / 65535, the same as OpenCV's 16-bit decode followed by normalizeDecoded()).
void setOpenCvTransforms(png_structp png, png_infop info, int channels) {
    const int colorType = png_get_color_type(png, info);
    const int bitDepth = png_get_bit_depth(png, info);
    if (bitDepth == 16)
        png_set_scale_16(png);
    if (channels < 4)
        png_set_strip_alpha(png);
    else
        png_set_tRNS_to_alpha(png);
    if (colorType == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(png);
    if ((colorType & PNG_COLOR_MASK_COLOR) == 0 && bitDepth < 8)
        png_set_expand_gray_1_2_4_to_8(png);
    if ((colorType & PNG_COLOR_MASK_COLOR) != 0 && channels > 1)
        png_set_bgr(png);
    else if (channels > 1)
        png_set_gray_to_rgb(png);
}

void copyColumns(cv::Mat& output, int outRow, const uchar* fullRow, int left, int channels) {
    std::memcpy(output.ptr(outRow), fullRow + size_t(left) * size_t(channels),
                size_t(output.cols) * size_t(channels));
}

// Non-interlaced: decode rows top-down, keeping the region's, and stop after its last row.
Outcome readSequentialRows(PngReadState& s, const QRect& region, int channels,
                           const std::atomic_bool* cancel) {
    for (int y = 0; y <= region.bottom(); ++y) {
        if (y % kCancelCheckRows == 0 && cancel && cancel->load())
            return Outcome::Cancelled;
        png_read_row(s.png, s.row.data(), nullptr);
        s.rowsRead = y + 1;
        if (y >= region.top())
            copyColumns(s.output, y - region.top(), s.row.data(), region.left(), channels);
    }
    return Outcome::Done;
}

// Interlaced: every pass covers the whole image, so all passes are read; only the last one can stop
// after the region. Rows outside the region go to a scratch row.
Outcome readInterlacedRows(PngReadState& s, const QRect& region, int channels, int passes, int height,
                           const std::atomic_bool* cancel) {
    const size_t rowBytes = s.row.size();
    s.regionRows.assign(size_t(region.height()) * rowBytes, 0);
    for (int pass = 0; pass < passes; ++pass) {
        const int end = pass == passes - 1 ? region.bottom() + 1 : height;
        for (int y = 0; y < end; ++y) {
            if (y % kCancelCheckRows == 0 && cancel && cancel->load())
                return Outcome::Cancelled;
            const bool inRegion = y >= region.top() && y <= region.bottom();
            png_read_row(s.png, inRegion ? &s.regionRows[size_t(y - region.top()) * rowBytes] : s.row.data(),
                         nullptr);
        }
    }
    for (int r = 0; r < region.height(); ++r)
        copyColumns(s.output, r, &s.regionRows[size_t(r) * rowBytes], region.left(), channels);
    return Outcome::Done;
}

// Holds the setjmp(): only trivially destructible locals live here.
Outcome readRegion(PngReadState& s, const ImageInfo& expected, const QRect& region,
                   const std::atomic_bool* cancel) {
    if (setjmp(png_jmpbuf(s.png)))
        return Outcome::LibpngError;
    png_set_read_fn(s.png, &s, onRead);
    png_read_info(s.png, s.info);
    const int width = int(png_get_image_width(s.png, s.info));
    const int height = int(png_get_image_height(s.png, s.info));
    if (width != expected.width || height != expected.height)
        return Outcome::HeaderChanged;
    const int channels = openCvChannels(s.png, s.info);
    setOpenCvTransforms(s.png, s.info, channels);
    const int passes = png_set_interlace_handling(s.png);
    png_read_update_info(s.png, s.info);
    if (png_get_rowbytes(s.png, s.info) != size_t(width) * size_t(channels) ||
        png_get_bit_depth(s.png, s.info) != 8)
        return Outcome::UnexpectedLayout;
    s.row.assign(size_t(width) * size_t(channels), 0);
    s.output = cv::Mat::zeros(region.height(), region.width(), CV_8UC(channels));
    if (passes == 1)
        return readSequentialRows(s, region, channels, cancel);
    return readInterlacedRows(s, region, channels, passes, height, cancel);
}

Error libpngError(const PngReadState& s, const QString& path, int height) {
    if (s.readFailed)
        return makeError(ErrorKind::Io,
                         QStringLiteral("%1: read failed (%2)").arg(path, s.file.errorString()));
    const QString message = QString::fromLatin1(s.error.data());
    if (s.fileEnded || message.contains(QLatin1String("Not enough image data")))
        return makeError(ErrorKind::Truncated, QStringLiteral("%1: PNG data ends early (after row %2 of %3)")
                                                   .arg(path)
                                                   .arg(s.rowsRead)
                                                   .arg(height));
    return makeError(ErrorKind::Corrupt, QStringLiteral("%1: corrupt PNG data: %2").arg(path, message));
}

DecodedRegion regionResult(cv::Mat pixels, const QRect& region) {
    DecodedRegion out;
    out.pixels = std::move(pixels);
    out.region = out.scaledRegion = region;
    out.decoder = kDecoderName;
    return out;
}

Result<DecodedRegion> failedRead(PngReadState& s, const QString& path, const ImageInfo& info,
                                 const DecodeRequest& request) {
    // With failOn=None, rows decoded before the damage are kept when they include part of the region.
    const bool someRegionRows = !info.interlaced && s.rowsRead > request.region.top() && !s.readFailed;
    if (request.failOn == FailOn::None && someRegionRows) {
        DecodedRegion kept = regionResult(std::move(s.output), request.region);
        kept.damage = libpngError(s, path, info.height).message;
        return kept;
    }
    return libpngError(s, path, info.height);
}

} // namespace

Result<DecodedRegion> decodePngRegion(const QString& path, const ImageInfo& info,
                                      const DecodeRequest& request) {
    if (info.format != ImageFormat::Png)
        return makeError(ErrorKind::Invalid, QStringLiteral("%1: not probed as a PNG").arg(path));
    if (Status valid = checkRegionRequest(request, info, path); !valid)
        return valid.error();
    PngReadState s;
    if (Status opened = openForReading(s.file, path); !opened)
        return opened.error();
    s.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &s, onError, onWarning);
    s.info = s.png ? png_create_info_struct(s.png) : nullptr;
    if (!s.info)
        return makeError(ErrorKind::Io,
                         QStringLiteral("%1: libpng could not start (out of memory?)").arg(path));
    configureStrictness(s.png, request.failOn);
    switch (readRegion(s, info, request.region, request.cancel)) {
    case Outcome::Done:
        break;
    case Outcome::LibpngError:
        return failedRead(s, path, info, request);
    case Outcome::Cancelled:
        return cancelledError(path);
    case Outcome::HeaderChanged:
        return makeError(ErrorKind::Corrupt,
                         QStringLiteral("%1: PNG header changed since it was probed").arg(path));
    case Outcome::UnexpectedLayout:
        return makeError(ErrorKind::Unsupported, QStringLiteral("%1: unexpected PNG row layout").arg(path));
    }
    if (request.failOn == FailOn::Error && s.warning[0] != '\0')
        return makeError(
            ErrorKind::Corrupt,
            QStringLiteral("%1: damaged PNG: %2").arg(path, QString::fromLatin1(s.warning.data())));
    return regionResult(std::move(s.output), request.region);
}

} // namespace cropdeck
