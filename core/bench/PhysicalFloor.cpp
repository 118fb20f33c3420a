// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/PhysicalFloor.h"

#include "bench/TrialStats.h"
#include "io/FileReading.h"
#include "io/PngChunkWalk.h"
#include "io/jpeg/JpegDecompressor.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <libdeflate.h>
#include <memory>
#include <vector>

namespace cropdeck::bench {

namespace {

const QString kJpegMethod = QStringLiteral("jpeg entropy decode to the lowest window's bottom row");
const QString kPngMethod = QStringLiteral("png inflate of the whole IDAT stream (libdeflate)");
const QString kReadMethod = QStringLiteral("read of the whole file from the page cache");

enum class FloorFormat { Jpeg, Png, Other };

FloorFormat formatOf(const QByteArray& head) {
    if (head.startsWith("\xFF\xD8"))
        return FloorFormat::Jpeg;
    if (head.startsWith("\x89PNG\r\n\x1A\n"))
        return FloorFormat::Png;
    return FloorFormat::Other;
}

int lowestBottom(const BenchImage& image) {
    int bottom = 0;
    for (const QRect& window : image.windows)
        bottom = std::max(bottom, window.bottom() + 1);
    return bottom;
}

FloorWork failed(const QString& method, const QString& error) {
    FloorWork work;
    work.method = method;
    work.error = error;
    return work;
}

// Skips to the last needed row and decodes that one row: skipping to the very end of the image makes
// libjpeg-turbo stop without decoding anything, which would not be a floor but a shortcut no real
// decoder can take. The JpegDecompressor rules hold: only trivially destructible locals after setjmp.
FloorWork jpegWork(const BenchImage& image, const QByteArray& data) {
    const QString path = QFileInfo(image.path).fileName();
    jpeg::JpegDecompressor decoder(FailOn::Error); // damaged data lets a decoder skip work: no floor
    if (!decoder.valid())
        return failed(kJpegMethod, QStringLiteral("%1: out of memory").arg(path));
    jpeg_decompress_struct* info = decoder.info();
    if (setjmp(decoder.jump()) != 0)
        return failed(kJpegMethod, decoder.error(path).message);
    const auto* start = reinterpret_cast<const unsigned char*>(data.data());
    jpeg_mem_src(info, start, static_cast<unsigned long>(data.size()));
    jpeg_read_header(info, TRUE);
    jpeg_start_decompress(info);
    const JDIMENSION last =
        std::min<JDIMENSION>(JDIMENSION(std::max(1, lowestBottom(image))), info->output_height) - 1;
    if (last > 0)
        jpeg_skip_scanlines(info, last);
    // From libjpeg's own pool (freed by jpeg_abort_decompress): no C++ object may change after setjmp.
    JSAMPARRAY row = (*info->mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(info), JPOOL_IMAGE,
                                                info->output_width * JDIMENSION(info->output_components), 1);
    const bool stalled = jpeg_read_scanlines(info, row, 1) != 1;
    const int rowsPassed = int(info->output_scanline);
    const qint64 bytesConsumed = qint64(info->src->next_input_byte - start);
    jpeg_abort_decompress(info); // never finish: the rows below are not read
    FloorWork work;
    work.method = kJpegMethod;
    work.rows = rowsPassed;
    work.bytes = bytesConsumed;
    if (stalled)
        return failed(kJpegMethod, QStringLiteral("%1: JPEG data ends early").arg(path));
    return work;
}

struct InflaterDeleter {
    void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};

FloorWork pngWork(const BenchImage& image, QByteArray data) {
    const QString path = QFileInfo(image.path).fileName();
    const std::optional<PngLayout> png =
        walkPngChunks(reinterpret_cast<uchar*>(data.data()), size_t(data.size()));
    if (!png)
        return failed(kPngMethod, QStringLiteral("%1: not an intact, ordinary PNG").arg(path));
    std::unique_ptr<libdeflate_decompressor, InflaterDeleter> inflater(libdeflate_alloc_decompressor());
    std::vector<uchar> raw(png->rawBytes());
    size_t inflated = 0;
    if (!inflater || libdeflate_zlib_decompress(inflater.get(), png->zlib, png->zlibSize, raw.data(),
                                                raw.size(), &inflated) != LIBDEFLATE_SUCCESS)
        return failed(kPngMethod, QStringLiteral("%1: the zlib stream does not inflate").arg(path));
    FloorWork work;
    work.method = kPngMethod;
    work.rows = png->height;
    work.bytes = qint64(inflated);
    return work;
}

FloorWork readWork(const BenchImage& image) {
    QFile file;
    if (Status opened = openForReading(file, image.path); !opened)
        return failed(kReadMethod, opened.error().message);
    FloorWork work;
    work.method = kReadMethod;
    std::vector<char> buffer(1 << 20);
    for (qint64 got = 0; (got = file.read(buffer.data(), qint64(buffer.size()))) > 0;)
        work.bytes += got;
    return work;
}

// The file contents JPEG and PNG floors decode, read before timing; empty for other formats.
Result<std::vector<QByteArray>> preload(const BenchCase& benchCase) {
    std::vector<QByteArray> contents;
    for (const BenchImage& image : benchCase.images) {
        Result<QByteArray> bytes = readWholeFile(image.path);
        if (!bytes)
            return bytes.error();
        contents.push_back(formatOf(bytes->left(8)) == FloorFormat::Other ? QByteArray() : *bytes);
    }
    return contents;
}

// The distinct methods of a case's images, in order ("; " between them for a mixed set).
QString methods(const QStringList& seen) {
    QStringList distinct = seen;
    distinct.removeDuplicates();
    return distinct.join(QStringLiteral("; "));
}

} // namespace

FloorWork floorWork(const BenchImage& image, const QByteArray& bytes) {
    switch (formatOf(bytes.left(8))) {
    case FloorFormat::Jpeg:
        return jpegWork(image, bytes);
    case FloorFormat::Png:
        return pngWork(image, bytes);
    case FloorFormat::Other:
        break;
    }
    return readWork(image);
}

PhysicalFloor measurePhysicalFloor(const BenchCase& benchCase, int trials, const std::atomic_bool* cancel) {
    PhysicalFloor floor;
    Result<std::vector<QByteArray>> contents = preload(benchCase);
    if (!contents) {
        floor.error = contents.error().message;
        return floor;
    }
    QStringList seen;
    std::vector<double> seconds;
    for (int pass = 0; pass <= std::max(1, trials); ++pass) { // pass 0 is the warm-up
        QElapsedTimer timer;
        timer.start();
        for (size_t i = 0; i < benchCase.images.size(); ++i) {
            if (cancel && cancel->load()) {
                floor.error = QStringLiteral("cancelled");
                return floor;
            }
            const FloorWork work = floorWork(benchCase.images[i], (*contents)[i]);
            seen << work.method;
            if (!work.error.isEmpty()) {
                floor.method = methods(seen);
                floor.error = work.error;
                return floor;
            }
        }
        if (pass > 0)
            seconds.push_back(double(timer.nsecsElapsed()) * 1e-9);
    }
    floor.method = methods(seen);
    floor.seconds = summarizeTrials(seconds).median;
    return floor;
}

double percentOfFloor(double floorSeconds, double medianSeconds, int threads, int cores) {
    if (floorSeconds <= 0 || medianSeconds <= 0)
        return 0;
    const int parallel = std::max(1, std::min(threads, cores));
    return 100.0 * medianSeconds / (floorSeconds / parallel);
}

} // namespace cropdeck::bench
