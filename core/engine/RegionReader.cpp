// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/RegionReader.h"

#include "io/BmpBandReader.h"
#include "io/FileReading.h"
#include "io/OpenCvDecoder.h"
#include "io/PngDeflateDecoder.h"
#include "io/PngRowDecoder.h"
#include "io/jpeg/JpegRegionDecoder.h"
#include "io/jpeg/JpegRestartDecoder.h"

namespace cropdeck {

namespace {

// PNG: libpng's row decoder inflates (zlib) only down to the region's last row, a fraction
// f = (bottom + 1) / height of the image; the whole-image path inflates everything, but with libdeflate.
// Measured on the seed images (thread CPU time per image, best of 3-5, 2.5 GHz Xeon): 4000×4000 gray,
// libpng 145 ms at f = 1 vs 51-61 ms whole, even at f ≈ 0.39; 512×512 RGB, 8.8 ms vs 3.9-4.2 ms, even at
// f ≈ 0.47. 0.45 lies between: at most a few per cent lost near it, up to 2.4× gained at the bottom.
constexpr double kWholeInflateFrom = 0.45;

// An interlaced or huge file (Unsupported) goes to the row decoder, not to the OpenCV fallback.
Result<DecodedRegion> decodePng(const QString& path, const ImageInfo& info, const DecodeRequest& request) {
    const double reach = double(request.region.bottom() + 1) / info.height;
    if (!info.interlaced && reach >= kWholeInflateFrom) {
        Result<DecodedRegion> whole = decodePngRegionWholeInflate(path, info, request);
        if (whole || whole.error().kind != ErrorKind::Unsupported)
            return whole;
    }
    return decodePngRegion(path, info, request);
}

} // namespace

RegionReader::RegionReader(QString path, const ImageInfo& info, FailOn failOn, const std::atomic_bool* cancel)
    : m_path(std::move(path))
    , m_info(info)
    , m_failOn(failOn)
    , m_cancel(cancel) {}

RegionReader::RegionReader(QString path, const ImageInfo& info, QByteArray jpegBytes, FailOn failOn,
                           const std::atomic_bool* cancel)
    : RegionReader(std::move(path), info, failOn, cancel) {
    Q_ASSERT(info.format == ImageFormat::Jpeg); // PNG and BMP decoders read the file by its path
    m_bytes = std::move(jpegBytes);
}

bool RegionReader::supportsScaledDecode() const {
    return m_info.format == ImageFormat::Jpeg && !m_specialisedUnsupported;
}

bool RegionReader::hasRandomAccess() const {
    if (m_specialisedUnsupported)
        return false;
    switch (m_forced) {
    case ForcedDecoder::Auto:
        break;
    case ForcedDecoder::JpegRestart:
    case ForcedDecoder::BmpRows:
        return true;
    case ForcedDecoder::JpegRegion:
    case ForcedDecoder::PngRows:
    case ForcedDecoder::PngWholeInflate:
        return false;
    }
    return m_info.format == ImageFormat::Bmp ||
           (m_info.format == ImageFormat::Jpeg && m_info.restartInterval > 0 && !m_info.progressive);
}

bool RegionReader::readsFromTheTop() const {
    if (m_specialisedUnsupported)
        return false; // the OpenCV fallback decodes once and serves every later read from memory
    return (m_info.format == ImageFormat::Jpeg && !hasRandomAccess()) || m_info.format == ImageFormat::Png;
}

Result<std::vector<DecodedRegion>> RegionReader::readRowBands(const std::vector<QRect>& bands) {
    if (m_info.format == ImageFormat::Jpeg && !hasRandomAccess() && !m_specialisedUnsupported) {
        Result<QByteArrayView> data = bytes();
        if (!data)
            return data.error();
        Result<std::vector<DecodedRegion>> decoded =
            decodeJpegRowBands(*data, bands, m_failOn, m_cancel, m_path);
        if (decoded) {
            noteDecoder(decoded->front().decoder);
            return decoded;
        }
        if (decoded.error().kind != ErrorKind::Unsupported || m_forced != ForcedDecoder::Auto)
            return decoded.error();
        // CMYK and the like: read() below falls back to OpenCV, which decodes the file once.
    }
    std::vector<DecodedRegion> regions;
    regions.reserve(bands.size());
    for (const QRect& band : bands) {
        Result<DecodedRegion> region = read(band);
        if (!region)
            return region.error();
        regions.push_back(std::move(region.value()));
    }
    return regions;
}

Result<QByteArrayView> RegionReader::bytes() {
    if (!m_bytes) {
        Result<QByteArray> read = readWholeFile(m_path);
        if (!read)
            return read.error();
        m_bytes = std::move(read.value());
    }
    return QByteArrayView(*m_bytes);
}

void RegionReader::noteDecoder(const char* name) {
    const QString decoder = QString::fromLatin1(name);
    const qsizetype at = m_decoders.indexOf(decoder);
    if (at >= 0) {
        ++m_decoderCounts[at];
        return;
    }
    m_decoders << decoder;
    m_decoderCounts << 1;
}

QString RegionReader::plan() const {
    QStringList parts;
    for (qsizetype i = 0; i < m_decoders.size(); ++i)
        parts << (m_decoderCounts[i] > 1 ? QStringLiteral("%1×%2").arg(m_decoders[i]).arg(m_decoderCounts[i])
                                         : m_decoders[i]);
    return parts.join(QStringLiteral(", "));
}

Result<DecodedRegion> RegionReader::readWithOpenCv(const QRect& storedRect) {
    if (!m_fullDecode) {
        Result<QByteArrayView> data = bytes();
        if (!data)
            return data.error();
        DecodeRequest whole{QRect(0, 0, m_info.width, m_info.height), 1, m_failOn, m_cancel};
        Result<DecodedRegion> decoded = decodeWithOpenCv(*data, m_info, whole, m_path);
        if (!decoded) {
            // "could not be decoded (OpenCV)" alone hides the useful part: why CropDeck's own decoder
            // declined.
            if (m_unsupportedReason.isEmpty())
                return decoded.error();
            return makeError(
                decoded.error().kind,
                QStringLiteral("%1 (and the general decoder failed too)").arg(m_unsupportedReason));
        }
        m_fullDecode = std::move(decoded.value());
        m_bytes.reset(); // the pixels are all we need from now on
    }
    noteDecoder("opencv");
    DecodedRegion region;
    region.pixels = m_fullDecode->pixels(
        cv::Rect(storedRect.x(), storedRect.y(), storedRect.width(), storedRect.height()));
    region.region = region.scaledRegion = storedRect;
    region.decoder = "opencv";
    return region;
}

Result<DecodedRegion> RegionReader::readForced(const DecodeRequest& request) {
    const QString notApplicable = forcedStrategyNotApplicable(m_info, {m_forced});
    if (!notApplicable.isEmpty())
        return makeError(ErrorKind::Unsupported,
                         QStringLiteral("%1: the forced decoder %2 does not apply: %3")
                             .arg(m_path, forcedDecoderName(m_forced), notApplicable));
    Result<DecodedRegion> decoded = makeError(ErrorKind::Unsupported, QString());
    if (m_forced == ForcedDecoder::JpegRegion || m_forced == ForcedDecoder::JpegRestart) {
        Result<QByteArrayView> data = bytes();
        if (!data)
            return data.error();
        decoded = m_forced == ForcedDecoder::JpegRegion ? decodeJpegRegion(*data, request, m_path)
                                                        : decodeJpegRegionFromRestart(*data, request, m_path);
    } else if (m_forced == ForcedDecoder::PngRows) {
        decoded = decodePngRegion(m_path, m_info, request);
    } else if (m_forced == ForcedDecoder::PngWholeInflate) {
        decoded = decodePngRegionWholeInflate(m_path, m_info, request);
    } else if (m_forced == ForcedDecoder::BmpRows) {
        decoded = decodeBmpRegion(m_path, m_info, request);
    }
    if (decoded)
        noteDecoder(decoded->decoder);
    return decoded;
}

Result<DecodedRegion> RegionReader::read(const QRect& storedRect, int scaleDenom) {
    const DecodeRequest request{storedRect, supportsScaledDecode() ? scaleDenom : 1, m_failOn, m_cancel};
    if (m_forced != ForcedDecoder::Auto)
        return readForced(request);
    Result<DecodedRegion> decoded = makeError(ErrorKind::Unsupported, QString());
    if (!m_specialisedUnsupported) {
        switch (m_info.format) {
        case ImageFormat::Jpeg: {
            Result<QByteArrayView> data = bytes();
            if (!data)
                return data.error();
            decoded = hasRandomAccess() ? decodeJpegRegionFromRestart(*data, request, m_path)
                                        : decodeJpegRegion(*data, request, m_path);
            break;
        }
        case ImageFormat::Png:
            decoded = decodePng(m_path, m_info, request);
            break;
        case ImageFormat::Bmp:
            decoded = decodeBmpRegion(m_path, m_info, request);
            break;
        default:
            break;
        }
    }
    if (decoded) {
        noteDecoder(decoded->decoder);
        return decoded;
    }
    if (decoded.error().kind != ErrorKind::Unsupported)
        return decoded;
    // From here on this image goes through OpenCV, decoded once.
    m_specialisedUnsupported = true;
    m_unsupportedReason = decoded.error().message;
    return readWithOpenCv(storedRect);
}

} // namespace cropdeck
