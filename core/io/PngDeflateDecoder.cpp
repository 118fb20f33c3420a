// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/PngDeflateDecoder.h"

#include "io/FileReading.h"
#include "io/PngChunkWalk.h"
#include "io/PngRowDecoder.h"
#include "io/PngSampleConvert.h"
#include "io/PngUnfilter.h"
#include "io/RegionRequestCheck.h"
#include "io/ScratchRetention.h"

#include <QFile>

#include <algorithm>
#include <libdeflate.h>
#include <memory>
#include <new>
#include <vector>

namespace cropdeck {

namespace {

constexpr const char* kDecoderName = "png-deflate";
constexpr int kBandRows = 32; // rows unfiltered and converted between cancellation checks
constexpr qint64 kMaxBytes = qint64(1) << 30;

// A byte buffer that grows and is kept for the thread's next image. Its contents are never read before
// being written.
class ScratchBuffer {
public:
    uchar* reserve(size_t bytes) {
        if (bytes > m_capacity) {
            m_data.reset();
            m_capacity = 0;
            m_data.reset(new (std::nothrow) uchar[bytes]);
            if (m_data)
                m_capacity = bytes;
        }
        return m_data.get();
    }
    void trim() {
        if (m_capacity > kRetainedScratchBytes) {
            m_data.reset();
            m_capacity = 0;
        }
    }

private:
    std::unique_ptr<uchar[]> m_data;
    size_t m_capacity = 0;
};

struct InflaterDeleter {
    void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};

struct ThreadScratch {
    ScratchBuffer file;
    ScratchBuffer raw;
    std::unique_ptr<libdeflate_decompressor, InflaterDeleter> inflater;
};

// Per thread, not shared: only the calling thread ever touches its buffers.
thread_local ThreadScratch t_scratch;

// Releases oversized buffers when a decode ends, however it ends.
struct TrimOnExit {
    ~TrimOnExit() {
        t_scratch.file.trim();
        t_scratch.raw.trim();
    }
};

Error unsupported(const QString& path, const QString& why) {
    return makeError(ErrorKind::Unsupported,
                     QStringLiteral("%1: %2 (the whole-image PNG inflate path declines it)").arg(path, why));
}

// The whole file in the thread's file buffer; its size through `size`.
Result<uchar*> readFile(const QString& path, size_t& size) {
    QFile file;
    if (Status opened = openForReading(file, path, QIODevice::Unbuffered); !opened)
        return opened.error();
    const qint64 expected = file.size();
    if (expected > kMaxBytes)
        return unsupported(path, QStringLiteral("file over 1 GiB"));
    uchar* data = t_scratch.file.reserve(size_t(std::max<qint64>(expected, 1)));
    if (!data)
        return unsupported(path, QStringLiteral("no memory for the file"));
    qint64 done = 0;
    while (done < expected) {
        const qint64 got = file.read(reinterpret_cast<char*>(data) + done, expected - done);
        if (got < 0)
            return makeError(ErrorKind::Io,
                             QStringLiteral("%1: read failed (%2)").arg(path, file.errorString()));
        if (got == 0)
            break; // the file shrank: the chunk walk finds it cut short
        done += got;
    }
    size = size_t(done);
    return data;
}

// True when libdeflate's inflate gives exactly zlib's answer. A zlib header that declares a window under
// 32 KiB binds zlib, which refuses distances beyond it, while libdeflate always allows 32 KiB; encoders
// declare small windows only for small images, so those simply go through libpng.
bool fullWindow(const PngLayout& png) {
    return png.zlibSize >= 2 && (png.zlib[0] >> 4) == 7;
}

// Inflates the whole image into the thread's raw buffer; null unless the stream is intact, ends exactly at
// the end of the IDAT data and holds exactly the image.
uchar* inflateImage(const PngLayout& png) {
    if (!t_scratch.inflater)
        t_scratch.inflater.reset(libdeflate_alloc_decompressor());
    uchar* raw = t_scratch.raw.reserve(png.rawBytes());
    if (!t_scratch.inflater || !raw)
        return nullptr;
    size_t consumed = 0;
    const libdeflate_result result = libdeflate_zlib_decompress_ex(
        t_scratch.inflater.get(), png.zlib, png.zlibSize, raw, png.rawBytes(), &consumed, nullptr);
    return result == LIBDEFLATE_SUCCESS && consumed == png.zlibSize ? raw : nullptr;
}

enum class Outcome { Done, BadFilter, Cancelled };

// Unfilters rows 0..region.bottom() of `raw` and converts the region's rows into `out`.
Outcome unfilterAndConvert(const PngLayout& png, uchar* raw, const DecodeRequest& request, cv::Mat& out) {
    const QRect& region = request.region;
    const size_t rowBytes = png.rowBytes(), stride = rowBytes + 1;
    const std::vector<uchar> zeros(rowBytes, 0);
    const uchar* above = zeros.data();
    for (int band = 0; band <= region.bottom(); band += kBandRows) {
        if (cancelled(request))
            return Outcome::Cancelled;
        const int end = std::min(band + kBandRows, region.bottom() + 1);
        for (int y = band; y < end; ++y) {
            uchar* row = raw + size_t(y) * stride;
            if (!unfilterPngRow(row, above, rowBytes, png.filterStride()))
                return Outcome::BadFilter;
            above = row + 1;
        }
        const int first = std::max(band, region.top());
        if (first < end)
            convertPngRows(png, raw + size_t(first) * stride + 1, stride, end - first, region.left(), out,
                           first - region.top());
    }
    return Outcome::Done;
}

// The inflated size of the probed image, before the file is read.
size_t rawBytesOf(const ImageInfo& info) {
    PngLayout png;
    png.width = info.width;
    png.height = info.height;
    png.bitDepth = info.bitDepth;
    png.colorType = info.pngColorType;
    return png.rawBytes();
}

} // namespace

Result<DecodedRegion> decodePngRegionWholeInflate(const QString& path, const ImageInfo& info,
                                                  const DecodeRequest& request) {
    if (info.format != ImageFormat::Png)
        return makeError(ErrorKind::Invalid, QStringLiteral("%1: not probed as a PNG").arg(path));
    if (Status valid = checkRegionRequest(request, info, path); !valid)
        return valid.error();
    if (info.interlaced)
        return unsupported(path, QStringLiteral("interlaced PNG"));
    if (rawBytesOf(info) > size_t(kMaxBytes))
        return unsupported(path, QStringLiteral("raw image over 1 GiB"));
    const TrimOnExit trim;
    size_t size = 0;
    Result<uchar*> file = readFile(path, size);
    if (!file)
        return file.error();
    const std::optional<PngLayout> png = walkPngChunks(*file, size);
    // Damaged or unusual files, or a header that changed since the probe: libpng says what is wrong.
    if (!png || png->width != info.width || png->height != info.height || png->interlaced ||
        !fullWindow(*png))
        return decodePngRegion(path, info, request);
    if (png->rawBytes() > size_t(kMaxBytes))
        return unsupported(path, QStringLiteral("raw image over 1 GiB"));
    if (cancelled(request))
        return cancelledError(path);
    uchar* raw = inflateImage(*png);
    if (!raw)
        return decodePngRegion(path, info, request);
    cv::Mat pixels(request.region.height(), request.region.width(), CV_8UC(pngOutputChannels(*png)));
    switch (unfilterAndConvert(*png, raw, request, pixels)) {
    case Outcome::Done:
        break;
    case Outcome::BadFilter:
        return decodePngRegion(path, info, request);
    case Outcome::Cancelled:
        return cancelledError(path);
    }
    DecodedRegion out;
    out.pixels = std::move(pixels);
    out.region = out.scaledRegion = request.region;
    out.decoder = kDecoderName;
    return out;
}

} // namespace cropdeck
