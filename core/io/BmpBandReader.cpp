// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/BmpBandReader.h"

#include "io/BmpHeader.h"
#include "io/ByteOrder.h"
#include "io/FileReading.h"
#include "io/LocalStorage.h"
#include "io/RegionRequestCheck.h"

#include <QFile>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <vector>

namespace cropdeck {

namespace {

constexpr const char* kDecoderName = "bmp-rows";
// Bands bound what one read or one mapping covers (BmpReadOptions::mappedBandBytes), and how often
// cancellation is checked. A mapping costs address space, not memory, so its bands are larger: fewer
// mmap/munmap calls, whose TLB shootdowns stall the other workers.
constexpr qint64 kMaxReadBandBytes = 1 << 20;
constexpr int kMaxReadBandRows = 64;

enum class Layout { Palette, Rgb555, Rgb565, Bgr24, Bgrx32, Bgra32 };

struct RowFormat {
    Layout layout = Layout::Bgr24;
    int bitCount = 24;
    int channels = 3;
    std::array<std::array<uchar, 3>, 256> palette{}; // B, G, R per index (gray palettes: all three equal)
    std::array<uchar, 256> grayLevels{};             // gray palettes: the level of each index
    bool identityGray = false;                       // 8-bit gray palette with level i at index i
};

// Which layouts the band reader decodes, mirroring the cases in which OpenCV's own decoder gives them.
std::optional<RowFormat> rowFormatFor(const BmpHeader& h) {
    if (h.headerSize < 36) // OS/2 1.x (OpenCV makes it gray) and short OS/2 2.x headers (OpenCV refuses)
        return std::nullopt;
    RowFormat f;
    f.bitCount = h.bitCount;
    if (h.compression == BmpRgb) {
        switch (h.bitCount) {
        case 1:
        case 4:
        case 8:
            f.layout = Layout::Palette;
            break;
        case 16:
            f.layout = Layout::Rgb555;
            break;
        case 24:
            f.layout = Layout::Bgr24;
            break;
        case 32:
            f.layout = Layout::Bgrx32;
            break;
        default:
            return std::nullopt;
        }
    } else if (h.compression == BmpBitfields && h.bitCount == 32) {
        f.layout = Layout::Bgra32; // OpenCV ignores the masks and keeps the four bytes
    } else if (h.compression == BmpBitfields && h.bitCount == 16 && h.headerSize == 40) {
        const bool is555 = h.masks[0] == 0x7C00 && h.masks[1] == 0x03E0 && h.masks[2] == 0x001F;
        const bool is565 = h.masks[0] == 0xF800 && h.masks[1] == 0x07E0 && h.masks[2] == 0x001F;
        if (!is555 && !is565)
            return std::nullopt;
        f.layout = is555 ? Layout::Rgb555 : Layout::Rgb565;
    } else {
        return std::nullopt;
    }
    f.channels = f.layout == Layout::Palette ? (h.paletteIsGray ? 1 : 3) : f.layout == Layout::Bgra32 ? 4 : 3;
    f.identityGray = f.layout == Layout::Palette && f.channels == 1 && f.bitCount == 8;
    for (size_t i = 0; i < f.palette.size(); ++i) {
        f.palette[i] = {h.palette[i][0], h.palette[i][1], h.palette[i][2]};
        f.grayLevels[i] = h.palette[i][0];
        f.identityGray = f.identityGray && h.palette[i][0] == i;
    }
    return f;
}

// Converts the pixels [left, left + width) of one stored row; `src` points at the byte holding `left`.
void convertRow(const RowFormat& f, const uchar* src, int left, int width, uchar* dst) {
    switch (f.layout) {
    case Layout::Bgr24:
        std::memcpy(dst, src, size_t(width) * 3);
        return;
    case Layout::Bgra32:
        std::memcpy(dst, src, size_t(width) * 4);
        return;
    case Layout::Bgrx32:
        for (int x = 0; x < width; ++x, src += 4, dst += 3)
            std::memcpy(dst, src, 3);
        return;
    case Layout::Rgb555:
    case Layout::Rgb565:
        for (int x = 0; x < width; ++x, src += 2, dst += 3) {
            const quint16 t = bytes::le16(src);
            dst[0] = uchar(t << 3);
            dst[1] = f.layout == Layout::Rgb555 ? uchar((t >> 2) & 0xF8) : uchar((t >> 3) & 0xFC);
            dst[2] = f.layout == Layout::Rgb555 ? uchar((t >> 7) & 0xF8) : uchar((t >> 8) & 0xF8);
        }
        return;
    case Layout::Palette: {
        // 8-bit rows are the common case (gray datasets): whole bytes, no bit unpacking. A gray palette
        // with level i at index i (what most writers store) needs no lookup at all.
        if (f.bitCount == 8 && f.identityGray) {
            std::memcpy(dst, src, size_t(width));
            return;
        }
        if (f.bitCount == 8 && f.channels == 1) {
            for (int x = 0; x < width; ++x)
                dst[x] = f.grayLevels[src[x]];
            return;
        }
        if (f.bitCount == 8) {
            for (int x = 0; x < width; ++x, dst += 3)
                std::memcpy(dst, f.palette[src[x]].data(), 3);
            return;
        }
        const int bits = f.bitCount, mask = (1 << bits) - 1;
        int bit = (left * bits) % 8;
        for (int x = 0; x < width; ++x, bit += bits) {
            const int index = (src[bit / 8] >> (8 - bits - bit % 8)) & mask;
            const auto& entry = f.palette[size_t(index)];
            if (f.channels == 1)
                *dst++ = entry[0];
            else
                dst = std::copy(entry.begin(), entry.end(), dst);
        }
        return;
    }
    }
}

struct BandPlan {
    qint64 stride = 0;
    qint64 spanStart = 0;  // byte offset of the region's first column within a row
    qint64 spanBytes = 0;  // bytes covering the region's columns
    bool wholeRows = true; // read path: bands of whole rows (else one read per row's span)
};

BandPlan planFor(const BmpHeader& h, const QRect& region) {
    BandPlan p;
    p.stride = h.rowStride();
    p.spanStart = qint64(region.left()) * h.bitCount / 8;
    p.spanBytes = (qint64(region.right() + 1) * h.bitCount + 7) / 8 - p.spanStart;
    // Gaps between narrow spans are cheaper to skip with separate reads than to read.
    p.wholeRows = p.spanBytes * 2 >= p.stride;
    return p;
}

// Converts the stored rows of one band into output rows. The file is memory-mapped where it can be:
// a window of 512 columns of a 4000-column gray BMP then costs a page fault per few rows instead of a
// read() per row, and nothing is copied twice (Pillow and libvips map uncompressed files the same way).
// Files on network or FUSE storage, where an I/O error under a mapping would end the process with
// SIGBUS, are read with read() calls, as is the rest of a file whose mapping fails. The price that
// remains, as for those libraries: a local file cut short by another program while it is mapped ends
// the process with SIGBUS instead of failing one image. Sources are not expected to change during a
// batch.
class BandReader {
public:
    BandReader(QFile& file, const QString& path, const BmpHeader& header, const RowFormat& format,
               const QRect& region, const BmpReadOptions& options)
        : m_file(file)
        , m_fileSize(file.size())
        , m_header(header)
        , m_format(format)
        , m_region(region)
        , m_plan(planFor(header, region))
        , m_mapping(options.access == BmpAccess::Mapped && isOnLocalStorage(path))
        , m_mappedBandBytes(std::max<qint64>(1, options.mappedBandBytes)) {}

    // Decodes output rows [first, first + count) into `out`; false when the file ends before them.
    bool decodeBand(int first, int count, cv::Mat& out) {
        if (m_mapping) {
            if (std::optional<bool> mapped = decodeMapped(first, count, out))
                return *mapped;
            m_mapping = false; // read() from here on, in read-sized pieces (a mapped band may be 64 MiB)
        }
        bool complete = true;
        for (int done = 0, step = readBandRows(); done < count; done += step)
            complete = decodeRead(first + done, std::min(step, count - done), out) && complete;
        return complete;
    }

    // Rows for the next band: larger while mapping works.
    int bandRows() const {
        return m_mapping ? int(std::clamp<qint64>(m_mappedBandBytes / stride(), 1, m_header.height))
                         : readBandRows();
    }
    bool ioFailed() const { return m_ioFailed; }
    int rowsDecoded() const { return m_rowsDecoded; }

private:
    qint64 stride() const { return std::max<qint64>(1, m_plan.stride); }
    int readBandRows() const {
        return int(std::clamp<qint64>(kMaxReadBandBytes / stride(), 1, kMaxReadBandRows));
    }

    // File offset of the first stored row of output rows [first, first + count): stored rows of a band
    // are contiguous, and bottom-up files store them in reverse order.
    qint64 bandBase(int first, int count) const {
        const int lastImageRow = first + count - 1 + m_region.top();
        const int firstStored =
            m_header.topDown ? first + m_region.top() : m_header.height - 1 - lastImageRow;
        return qint64(m_header.pixelDataOffset) + qint64(firstStored) * m_plan.stride;
    }

    int outputRow(int first, int count, int storedIndex) const {
        return m_header.topDown ? first + storedIndex : first + count - 1 - storedIndex;
    }

    // nullopt when the band could not be mapped.
    std::optional<bool> decodeMapped(int first, int count, cv::Mat& out) {
        const qint64 start = bandBase(first, count) + m_plan.spanStart;
        const qint64 wanted = qint64(count - 1) * m_plan.stride + m_plan.spanBytes;
        const qint64 available = std::min(wanted, m_fileSize - start);
        if (available <= 0)
            return false;
        uchar* mapped = m_file.map(start, available);
        if (!mapped)
            return std::nullopt;
        bool complete = true;
        for (int i = 0; i < count; ++i) {
            const qint64 at = i * m_plan.stride;
            if (at + m_plan.spanBytes > available) {
                complete = false;
                continue;
            }
            convertRow(m_format, mapped + at, m_region.left(), m_region.width(),
                       out.ptr(outputRow(first, count, i)));
            ++m_rowsDecoded;
        }
        m_file.unmap(mapped);
        return complete;
    }

    bool decodeRead(int first, int count, cv::Mat& out) {
        const qint64 base = bandBase(first, count);
        const qint64 bandBytes = m_plan.wholeRows
                                     ? (count - 1) * m_plan.stride + m_plan.spanStart + m_plan.spanBytes
                                     : m_plan.spanBytes;
        m_buffer.resize(size_t(bandBytes));
        bool complete = true;
        for (int i = 0; i < count; ++i) {
            const uchar* row = nullptr;
            if (m_plan.wholeRows) {
                if (i == 0 && !readAt(base, bandBytes))
                    complete = false;
                const qint64 at = i * m_plan.stride + m_plan.spanStart;
                if (at + m_plan.spanBytes > m_valid)
                    continue;
                row = m_buffer.data() + at;
            } else {
                if (!readAt(base + i * m_plan.stride + m_plan.spanStart, m_plan.spanBytes)) {
                    complete = false;
                    continue;
                }
                row = m_buffer.data();
            }
            convertRow(m_format, row, m_region.left(), m_region.width(), out.ptr(outputRow(first, count, i)));
            ++m_rowsDecoded;
        }
        return complete;
    }

    // Reads `count` bytes at `offset` into the buffer; m_valid says how many arrived.
    bool readAt(qint64 offset, qint64 count) {
        m_valid = 0;
        if (!m_file.seek(offset))
            return false;
        const qint64 got = m_file.read(reinterpret_cast<char*>(m_buffer.data()), count);
        m_ioFailed = m_ioFailed || got < 0;
        m_valid = std::max<qint64>(got, 0);
        return got == count;
    }

    QFile& m_file;
    qint64 m_fileSize = 0;
    const BmpHeader& m_header;
    const RowFormat& m_format;
    QRect m_region;
    BandPlan m_plan;
    bool m_mapping;
    qint64 m_mappedBandBytes;
    std::vector<uchar> m_buffer;
    qint64 m_valid = 0;
    bool m_ioFailed = false;
    int m_rowsDecoded = 0;
};

Result<BmpHeader> readHeader(QFile& file, const ImageInfo& info, const QString& path) {
    const QByteArray prefix = file.read(BmpHeader::kPrefixBytes);
    Result<BmpHeader> header = parseBmpHeader(prefix, file.size(), path);
    if (header && (header->width != info.width || header->height != info.height))
        return makeError(ErrorKind::Corrupt,
                         QStringLiteral("%1: BMP header changed since it was probed").arg(path));
    return header;
}

Error truncatedError(const QString& path, qint64 fileSize) {
    return makeError(
        ErrorKind::Truncated,
        QStringLiteral("%1: BMP pixel data ends early (the file has %2 bytes)").arg(path).arg(fileSize));
}

} // namespace

Result<DecodedRegion> decodeBmpRegion(const QString& path, const ImageInfo& info,
                                      const DecodeRequest& request, const BmpReadOptions& options) {
    if (info.format != ImageFormat::Bmp)
        return makeError(ErrorKind::Invalid, QStringLiteral("%1: not probed as a BMP").arg(path));
    if (Status valid = checkRegionRequest(request, info, path); !valid)
        return valid.error();
    QFile file;
    if (Status opened = openForReading(file, path, QIODevice::Unbuffered); !opened)
        return opened.error();
    const Result<BmpHeader> header = readHeader(file, info, path);
    if (!header)
        return header.error();
    const std::optional<RowFormat> format = rowFormatFor(*header);
    if (!format)
        return makeError(
            ErrorKind::Unsupported,
            QStringLiteral("%1: this BMP variant (%2 bits, compression %3, %4-byte header) is decoded by "
                           "the general decoder")
                .arg(path)
                .arg(header->bitCount)
                .arg(header->compression)
                .arg(header->headerSize));
    const QRect& region = request.region;
    cv::Mat pixels = cv::Mat::zeros(region.height(), region.width(), CV_8UC(format->channels));
    BandReader reader(file, path, *header, *format, region, options);
    bool complete = true;
    for (int first = 0, rows = 0; first < region.height(); first += rows) {
        if (cancelled(request))
            return cancelledError(path);
        rows = std::min(reader.bandRows(), region.height() - first);
        complete = reader.decodeBand(first, rows, pixels) && complete;
        if (reader.ioFailed())
            return makeError(ErrorKind::Io,
                             QStringLiteral("%1: read failed (%2)").arg(path, file.errorString()));
        if (!complete && request.failOn != FailOn::None)
            return truncatedError(path, file.size());
    }
    if (reader.rowsDecoded() == 0) // failOn=None still needs something to show
        return truncatedError(path, file.size());
    DecodedRegion out;
    out.pixels = std::move(pixels);
    out.region = out.scaledRegion = region;
    out.decoder = kDecoderName;
    if (!complete)
        out.damage = QStringLiteral("BMP pixel data ends early (%1 bytes)").arg(file.size());
    return out;
}

} // namespace cropdeck
