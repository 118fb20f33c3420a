// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/jpeg/JpegRegionDecoder.h"

#include "io/jpeg/JpegDecompressor.h"
#include "io/jpeg/ScaledRegion.h"
#include "io/jpeg/ThreadScratch.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

namespace cropdeck {

namespace {

using jpeg::JpegDecompressor;

// Rows handed to libjpeg per call; also how often cancellation is checked.
constexpr int kBandRows = 16;

struct BandTag {};
// A band of decoded rows, reused by the thread's next decode.
using ScratchBand = jpeg::ThreadScratch<BandTag>;

// The columns libjpeg decodes for each output row (after jpeg_crop_scanline) and where the region
// starts inside them. All in output (scaled) pixels. Trivially destructible, safe across longjmp.
struct ColumnPlan {
    JDIMENSION cropX = 0;
    JDIMENSION cropWidth = 0;
    int copyOffset = 0;
};

enum class ReadOutcome { Done, Cancelled, Stalled };

bool cancelled(const std::atomic_bool* cancel) {
    return cancel != nullptr && cancel->load(std::memory_order_relaxed);
}

Error invalid(const QString& path, const QString& what) {
    return makeError(ErrorKind::Invalid, QStringLiteral("%1: %2").arg(path, what));
}

std::optional<Error> unsupportedColorSpace(const jpeg_decompress_struct& info, const QString& path) {
    switch (info.jpeg_color_space) {
    case JCS_GRAYSCALE:
    case JCS_YCbCr:
    case JCS_RGB:
        return std::nullopt;
    case JCS_CMYK:
    case JCS_YCCK:
        return makeError(ErrorKind::Unsupported,
                         QStringLiteral("%1: CMYK/YCCK JPEG is not handled by the region decoder").arg(path));
    default:
        return makeError(ErrorKind::Unsupported,
                         QStringLiteral("%1: JPEG with %2 components in an unknown colour space is not "
                                        "handled by the region decoder")
                             .arg(path)
                             .arg(info.num_components));
    }
}

// The settings cv::imdecode uses, so both paths produce the same pixels.
void configureOutput(jpeg_decompress_struct* info, int scaleDenom) {
    const bool gray = info->jpeg_color_space == JCS_GRAYSCALE;
    info->out_color_space = gray ? JCS_GRAYSCALE : JCS_EXT_BGR;
    info->dct_method = JDCT_ISLOW;
    info->do_fancy_upsampling = TRUE;
    info->scale_num = 1;
    info->scale_denom = static_cast<unsigned int>(scaleDenom);
}

// Fancy upsampling blends each chroma sample with its neighbours and treats the decoded columns' first
// and last as the image edge; decoding a few columns more on each side keeps the region's own columns
// identical to a full decode. Without horizontal subsampling no neighbour is read.
int horizontalPad(const jpeg_decompress_struct& info) {
    for (int c = 0; c < info.num_components; ++c)
        if (info.comp_info[c].h_samp_factor < info.max_h_samp_factor)
            return info.max_h_samp_factor;
    return 0;
}

// Narrows every output row to the region's columns (plus the pad); may longjmp, so trivial locals only.
ColumnPlan cropColumns(jpeg_decompress_struct* info, const QRect& wanted) {
    const int pad = horizontalPad(*info);
    const int first = std::max(0, wanted.x() - pad);
    const int end = std::min(static_cast<int>(info->output_width), wanted.x() + wanted.width() + pad);
    ColumnPlan columns{static_cast<JDIMENSION>(first), static_cast<JDIMENSION>(end - first), 0};
    if (columns.cropX != 0 || columns.cropWidth != info->output_width)
        jpeg_crop_scanline(info, &columns.cropX, &columns.cropWidth); // moves cropX down to an iMCU edge
    columns.copyOffset = wanted.x() - static_cast<int>(columns.cropX);
    return columns;
}

std::optional<Error> checkRegion(const jpeg_decompress_struct& info, const QRect& region,
                                 const QString& path) {
    const QRect image(0, 0, static_cast<int>(info.image_width), static_cast<int>(info.image_height));
    if (!region.isEmpty() && image.contains(region))
        return std::nullopt;
    return invalid(path, QStringLiteral("region %1,%2 %3x%4 is not inside the %5x%6 image")
                             .arg(region.x())
                             .arg(region.y())
                             .arg(region.width())
                             .arg(region.height())
                             .arg(image.width())
                             .arg(image.height()));
}

Error cancelledError(const QString& path) {
    return makeError(ErrorKind::Cancelled, path + QStringLiteral(": cancelled"));
}

// Reads `out.rows` rows in bands; libjpeg may longjmp out of here, so every local is trivial.
ReadOutcome readRows(jpeg_decompress_struct* info, const ColumnPlan& columns, cv::Mat& out, JSAMPLE* band,
                     const std::atomic_bool* cancel) {
    const size_t pixelBytes = out.elemSize();
    const size_t bandStride = columns.cropWidth * pixelBytes;
    const bool direct = columns.copyOffset == 0 && static_cast<int>(columns.cropWidth) == out.cols;
    JSAMPROW rows[kBandRows];
    for (int done = 0; done < out.rows;) {
        if (cancelled(cancel))
            return ReadOutcome::Cancelled;
        const int count = std::min(kBandRows, out.rows - done);
        for (int i = 0; i < count; ++i)
            rows[i] = direct ? out.ptr(done + i) : band + i * bandStride;
        for (int got = 0; got < count;) {
            const JDIMENSION n = jpeg_read_scanlines(info, rows + got, static_cast<JDIMENSION>(count - got));
            if (n == 0)
                return ReadOutcome::Stalled;
            got += static_cast<int>(n);
        }
        if (!direct)
            for (int i = 0; i < count; ++i)
                std::memcpy(out.ptr(done + i), rows[i] + columns.copyOffset * pixelBytes,
                            out.cols * pixelBytes);
        done += count;
    }
    return ReadOutcome::Done;
}

// One pass over the file that fills `out`, one region per element, in order: each region's rows are read
// and the rows between regions skipped (their entropy data is decoded, nothing else). Every region has
// the same columns; their rows are sorted and disjoint. `decoderName` tags the results.
Result<std::vector<DecodedRegion>>
decodeRegionsInOnePass(QByteArrayView data, const std::vector<QRect>& regions, const DecodeRequest& request,
                       const char* decoderName, const QString& pathForMessages) {
    const int scale = request.scaleDenom;
    if (scale != 1 && scale != 2 && scale != 4 && scale != 8)
        return invalid(pathForMessages,
                       QStringLiteral("JPEG scale 1/%1 is not one of 1, 1/2, 1/4, 1/8").arg(scale));
    QRect columns;
    for (const QRect& region : regions)
        columns = columns.united(region);
    for (size_t i = 0; i < regions.size(); ++i)
        if (regions[i].x() != columns.x() || regions[i].width() != columns.width() ||
            (i > 0 && regions[i].top() <= regions[i - 1].bottom()))
            return invalid(pathForMessages,
                           QStringLiteral("row bands must share their columns and be sorted and disjoint"));

    JpegDecompressor decoder(request.failOn);
    if (!decoder.valid())
        return makeError(ErrorKind::TooLarge, QStringLiteral("%1: out of memory").arg(pathForMessages));
    ScratchBand scratch;
    // Sized before setjmp: after it only the elements (heap memory) change, never the vector itself.
    std::vector<DecodedRegion> results(regions.size());
    jpeg_decompress_struct* info = decoder.info();
    if (setjmp(decoder.jump()) != 0)
        return decoder.error(pathForMessages);

    jpeg_mem_src(info, reinterpret_cast<const unsigned char*>(data.data()),
                 static_cast<unsigned long>(data.size()));
    jpeg_read_header(info, TRUE);
    if (auto unsupported = unsupportedColorSpace(*info, pathForMessages))
        return *unsupported;
    for (const QRect& region : regions) // empty or outside: the same message for one region or many
        if (auto outside = checkRegion(*info, region, pathForMessages))
            return *outside;
    configureOutput(info, scale);
    jpeg_start_decompress(info);

    const QSize scaledImage(static_cast<int>(info->output_width), static_cast<int>(info->output_height));
    for (size_t i = 0; i < regions.size(); ++i) {
        DecodedRegion& result = results[i];
        result.region = regions[i];
        result.scaleDenom = scale;
        result.decoder = decoderName;
        result.scaledRegion = jpeg::scaledRegion(regions[i], scale, scaledImage);
        result.pixels.create(result.scaledRegion.height(), result.scaledRegion.width(),
                             info->output_components == 1 ? CV_8UC1 : CV_8UC3);
    }
    const QRect scaledColumns = jpeg::scaledRegion(columns, scale, scaledImage);
    const ColumnPlan columnPlan = cropColumns(info, scaledColumns);
    JSAMPLE* band =
        scratch.reserve(size_t(kBandRows) * columnPlan.cropWidth * results.front().pixels.elemSize());
    ReadOutcome outcome = ReadOutcome::Done;
    for (size_t i = 0; i < results.size() && outcome == ReadOutcome::Done; ++i) {
        if (cancelled(request.cancel)) {
            outcome = ReadOutcome::Cancelled;
            break;
        }
        const JDIMENSION top = static_cast<JDIMENSION>(results[i].scaledRegion.y());
        if (top < info->output_scanline) // scaled bands that share a row: the caller must merge them
            return invalid(pathForMessages, QStringLiteral("row bands overlap at this scale"));
        if (top > info->output_scanline)
            jpeg_skip_scanlines(info, top - info->output_scanline);
        outcome = readRows(info, columnPlan, results[i].pixels, band, request.cancel);
    }
    jpeg_abort_decompress(info); // never finish: the rows below the last region are not read
    for (DecodedRegion& result : results)
        result.damage = decoder.damage();
    if (outcome == ReadOutcome::Cancelled)
        return cancelledError(pathForMessages);
    if (outcome == ReadOutcome::Stalled)
        return makeError(ErrorKind::Truncated,
                         QStringLiteral("%1: JPEG data ends early").arg(pathForMessages));
    return results;
}

} // namespace

Result<DecodedRegion> decodeJpegRegion(QByteArrayView data, const DecodeRequest& request,
                                       const QString& pathForMessages) {
    Result<std::vector<DecodedRegion>> decoded =
        decodeRegionsInOnePass(data, {request.region}, request, "jpeg-region", pathForMessages);
    if (!decoded)
        return decoded.error();
    return std::move(decoded->front());
}

Result<std::vector<DecodedRegion>> decodeJpegRowBands(QByteArrayView data, const std::vector<QRect>& bands,
                                                      FailOn failOn, const std::atomic_bool* cancel,
                                                      const QString& pathForMessages) {
    if (bands.empty())
        return invalid(pathForMessages, QStringLiteral("no row bands to decode"));
    return decodeRegionsInOnePass(data, bands, DecodeRequest{QRect(), 1, failOn, cancel}, "jpeg-bands",
                                  pathForMessages);
}

} // namespace cropdeck
