// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/WindowPreview.h"

#include "engine/ImageCropper.h"
#include "engine/WindowEncoding.h"
#include "io/ImageProbe.h"
#include "io/OpenCvDecoder.h"

#include <QBuffer>

namespace cropdeck {
namespace {

Error cancelled(const QString& path) {
    return makeError(ErrorKind::Cancelled, QStringLiteral("%1: preview cancelled").arg(path));
}

// The output's bytes through core's probe and general decoder, as any reader of the file would see it.
Result<cv::Mat> decodeEncoded(const QByteArray& encoded, const QString& name,
                              const std::atomic_bool* cancel) {
    QBuffer buffer;
    buffer.setData(encoded);
    if (!buffer.open(QIODevice::ReadOnly))
        return makeError(ErrorKind::Io, QStringLiteral("%1: cannot read the encoded preview").arg(name));
    Result<ImageInfo> info = probeImage(buffer, name, 0);
    if (!info)
        return info.error();
    DecodeRequest request;
    request.region = QRect(0, 0, info->width, info->height);
    request.cancel = cancel;
    Result<DecodedRegion> decoded = decodeWithOpenCv(encoded, *info, request, name);
    if (!decoded)
        return decoded.error();
    return decoded->pixels;
}

// Encodes the cut window as the batch's writer does and decodes it again for display.
Result<WindowPreview> finishPreview(const QString& imagePath, Result<CroppedImage> cropped,
                                    const CropSettings& settings, const std::atomic_bool* cancel) {
    if (!cropped)
        return cropped.error();
    if (cropped->windows.empty())
        return makeError(ErrorKind::Invalid, QStringLiteral("%1: the window was not cut").arg(imagePath));
    const CroppedWindow& cut = cropped->windows.front();
    WindowPreview preview;
    preview.format = outputFormatFor(imagePath, settings);
    preview.lossless = !cut.losslessJpeg.isEmpty();
    preview.mcuAligned = cut.mcuAligned;
    preview.writtenRect = cut.writtenRect;
    preview.decodePlan = cropped->decodePlan;
    if (cut.error) {
        preview.error = cut.error;
        return preview;
    }
    if (cut.skipped) {
        preview.skipped = true;
        preview.skipReason = cut.skipReason;
        return preview;
    }
    Result<QByteArray> encoded = encodeWindow(cut, preview.format, settings, imagePath);
    if (!encoded) {
        preview.error = encoded.error();
        return preview;
    }
    preview.encoded = std::move(encoded.value());
    if (cancel && cancel->load())
        return cancelled(imagePath);
    Result<cv::Mat> decoded = decodeEncoded(preview.encoded, imagePath, cancel);
    if (!decoded)
        return decoded.error();
    preview.outputSize = QSize(decoded->cols, decoded->rows);
    preview.display = toDisplayPixels(*decoded);
    return preview;
}

Result<ImageInfo> probeForPreview(const QString& imagePath, const CropSettings& settings,
                                  const std::atomic_bool* cancel) {
    Result<ImageInfo> info = probeImage(imagePath, settings.maxPixels);
    if (info && cancel && cancel->load())
        return cancelled(imagePath);
    return info;
}

} // namespace

Result<WindowPreview> previewWindow(const QString& imagePath, const ImageInfo& info, const CropWindow& window,
                                    const CropSettings& settings, const std::atomic_bool* cancel) {
    return finishPreview(imagePath, cropImage(imagePath, info, {window}, settings, cancel), settings, cancel);
}

Result<WindowPreview> previewWindow(const QString& imagePath, const ImageInfo& info, const CropWindow& window,
                                    const CropSettings& settings, const PreviewSource& source,
                                    const std::atomic_bool* cancel) {
    return finishPreview(imagePath, cropImage(imagePath, info, {window}, settings, source.decodeFrom, cancel),
                         settings, cancel);
}

Result<WindowPreview> previewWindow(const QString& imagePath, const CropWindow& window,
                                    const CropSettings& settings, const std::atomic_bool* cancel) {
    Result<ImageInfo> info = probeForPreview(imagePath, settings, cancel);
    if (!info)
        return info.error();
    return previewWindow(imagePath, *info, window, settings, cancel);
}

Result<WindowPreview> previewWindow(const QString& imagePath, const CropWindow& window,
                                    const CropSettings& settings, PreviewSourceCache& sources,
                                    const std::atomic_bool* cancel) {
    Result<ImageInfo> info = probeForPreview(imagePath, settings, cancel);
    if (!info)
        return info.error();
    // Lossless output copies the file's own entropy data: a copy would be made for nothing.
    const std::shared_ptr<const PreviewSource> source =
        usesLosslessPath(*info, settings) ? nullptr : sources.acquire(imagePath, *info, cancel);
    if (cancel && cancel->load())
        return cancelled(imagePath);
    if (source)
        return previewWindow(imagePath, *info, window, settings, *source, cancel);
    return previewWindow(imagePath, *info, window, settings, cancel);
}

} // namespace cropdeck
