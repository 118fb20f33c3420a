// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/OpenCvDecoder.h"

#include "geometry/OrientPixels.h"
#include "geometry/Orientation.h"
#include "io/OpenCvCodecs.h"
#include "io/OpenCvLogging.h"
#include "io/RegionRequestCheck.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <new>

namespace cropdeck {

namespace {

constexpr const char* kDecoderName = "opencv";

Error openCvError(const QString& path, const char* what) {
    const QString detail = QString::fromUtf8(what).simplified();
    // imdecode's own guard against decompression bombs (CV_IO_MAX_IMAGE_PIXELS and friends).
    if (detail.contains(QLatin1String("CV_IO_MAX_IMAGE")))
        return makeError(ErrorKind::TooLarge,
                         QStringLiteral("%1: image too large for OpenCV (%2)").arg(path, detail));
    return makeError(ErrorKind::Corrupt,
                     QStringLiteral("%1: OpenCV failed to decode it: %2").arg(path, detail));
}

Result<cv::Mat> decodeAll(QByteArrayView data, const QString& path) {
    if (data.isEmpty())
        return makeError(ErrorKind::Corrupt, QStringLiteral("%1: file is empty").arg(path));
    // imdecode only reads the buffer; wrapping it avoids copying the file.
    const cv::Mat buffer(1, int(data.size()), CV_8U, const_cast<char*>(data.data()));
    quietOpenCv();
    takeOpenCvFailure(); // start clean: only this decode's reason may reach the message
    try {
        cv::Mat decoded = codecs::imdecode(buffer, cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION);
        if (decoded.empty()) {
            // imdecode catches its decoder's exceptions and logs them; the reason was kept instead.
            const QString reason = takeOpenCvFailure();
            if (reason.isEmpty())
                return makeError(
                    ErrorKind::Corrupt,
                    QStringLiteral("%1: the image data could not be decoded (OpenCV)").arg(path));
            return openCvError(path, reason.toUtf8().constData());
        }
        return decoded;
    } catch (const cv::Exception& e) {
        return openCvError(path, e.what());
    } catch (const std::bad_alloc&) {
        return makeError(ErrorKind::TooLarge, QStringLiteral("%1: not enough memory to decode it").arg(path));
    } catch (const std::exception& e) {
        return openCvError(path, e.what());
    }
}

// OpenCV's TIFF decoder returns upright pixels; every other decoder honours IMREAD_IGNORE_ORIENTATION.
cv::Mat toStoredPixels(const cv::Mat& decoded, const ImageInfo& info) {
    if (info.format != ImageFormat::Tiff)
        return decoded;
    return applyOrientation(decoded, inverseOrientation(normalizedOrientation(info.orientation)));
}

Status checkDecoded(const cv::Mat& pixels, const ImageInfo& info, const QString& path) {
    if (pixels.depth() != CV_8U ||
        (pixels.channels() != 1 && pixels.channels() != 3 && pixels.channels() != 4))
        return makeError(ErrorKind::Unsupported,
                         QStringLiteral("%1: decoded to %2 channels of OpenCV depth %3, which "
                                        "CropDeck cannot use")
                             .arg(path)
                             .arg(pixels.channels())
                             .arg(pixels.depth()));
    if (pixels.cols != info.width || pixels.rows != info.height)
        return makeError(ErrorKind::Corrupt,
                         QStringLiteral("%1: decoded size %2×%3 differs from the header's %4×%5")
                             .arg(path)
                             .arg(pixels.cols)
                             .arg(pixels.rows)
                             .arg(info.width)
                             .arg(info.height));
    return Status::success();
}

} // namespace

cv::Mat normalizeDecoded(cv::Mat decoded) {
    if (decoded.depth() == CV_16U)
        decoded.convertTo(decoded, CV_8U, 1.0 / 257.0);
    if (decoded.channels() == 2) {
        cv::Mat gray;
        cv::extractChannel(decoded, gray, 0);
        decoded = gray;
    }
    return decoded;
}

Result<DecodedRegion> decodeWithOpenCv(QByteArrayView data, const ImageInfo& info,
                                       const DecodeRequest& request, const QString& pathForMessages) {
    const QString& path = pathForMessages;
    if (Status valid = checkRegionRequest(request, info, path); !valid)
        return valid.error();
    if (cancelled(request))
        return cancelledError(path);
    Result<cv::Mat> decoded = decodeAll(data, path);
    if (!decoded)
        return decoded.error();
    const cv::Mat pixels = toStoredPixels(normalizeDecoded(std::move(decoded.value())), info);
    if (Status usable = checkDecoded(pixels, info, path); !usable)
        return usable.error();
    if (cancelled(request))
        return cancelledError(path);
    const QRect& r = request.region;
    DecodedRegion out;
    // A copy, so that the full decode is released when this function returns; the whole image needs
    // none (a second full-size copy would double the peak this decode costs).
    const bool whole = r == QRect(0, 0, pixels.cols, pixels.rows) && pixels.isContinuous();
    out.pixels = whole ? pixels : pixels(cv::Rect(r.x(), r.y(), r.width(), r.height())).clone();
    out.region = out.scaledRegion = r;
    out.decoder = kDecoderName;
    return out;
}

} // namespace cropdeck
