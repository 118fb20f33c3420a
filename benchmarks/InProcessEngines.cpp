// SPDX-License-Identifier: GPL-3.0-or-later
#include "InProcessEngines.h"

#include "engine/ImageCropper.h"

#include <QImage>
#include <QImageReader>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace cropdeck::benchmark {

namespace {

constexpr int kReferenceFlags = cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION;

cv::Mat openCvCrop(const CropItem& item) {
    const cv::Mat full = cv::imread(item.path.toStdString(), kReferenceFlags);
    if (full.empty() || (cv::Rect(0, 0, full.cols, full.rows) & item.rect) != item.rect)
        return {};
    return full(item.rect).clone();
}

quint64 foldMat(const cv::Mat& pixels) {
    return foldPixels(pixels.data, pixels.cols, pixels.rows, qsizetype(pixels.step), int(pixels.elemSize()));
}

// ---- CropDeck --------------------------------------------------------------------------------------

Result<CroppedImage> cropDeckRun(const CropItem& item) {
    CropWindow window;
    window.box = QRectF(item.rect.x, item.rect.y, item.rect.width, item.rect.height);
    window.id = QStringLiteral("0");
    CropSettings settings; // clip, no resize, no colour change: the crop exactly as stored
    return cropImage(item.path, {window}, settings);
}

Result<cv::Mat> cropDeckCrop(const CropItem& item) {
    Result<CroppedImage> cropped = cropDeckRun(item);
    if (!cropped)
        return cropped.error();
    const CroppedWindow& out = cropped->windows.front();
    if (out.error)
        return *out.error;
    return out.pixels;
}

InProcessEngine cropDeckEngine() {
    InProcessEngine engine{QStringLiteral("cropdeck"), true, {}, {}, {}, {}};
    engine.timed = [](const CropItem& item) -> std::optional<quint64> {
        const Result<cv::Mat> pixels = cropDeckCrop(item);
        return pixels ? std::optional(foldMat(pixels.value())) : std::nullopt;
    };
    engine.checked = cropDeckCrop;
    engine.describe = [](const CropItem& item) {
        const Result<CroppedImage> cropped = cropDeckRun(item);
        return cropped ? cropped->decodePlan : cropped.error().message;
    };
    return engine;
}

// ---- Qt ----------------------------------------------------------------------------------------------

QImage qtCrop(const CropItem& item) {
    QImageReader reader(item.path);
    reader.setClipRect(QRect(item.rect.x, item.rect.y, item.rect.width, item.rect.height));
    return reader.read();
}

Result<cv::Mat> qtToMat(const QImage& image) {
    if (image.isNull())
        return makeError(ErrorKind::Io, QStringLiteral("QImageReader returned no image"));
    if (image.format() == QImage::Format_Grayscale8 ||
        (image.format() == QImage::Format_Indexed8 && image.isGrayscale())) {
        const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
        return cv::Mat(gray.height(), gray.width(), CV_8UC1, const_cast<uchar*>(gray.constBits()),
                       size_t(gray.bytesPerLine()))
            .clone();
    }
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    cv::Mat bgr;
    cv::cvtColor(cv::Mat(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar*>(rgb.constBits()),
                         size_t(rgb.bytesPerLine())),
                 bgr, cv::COLOR_RGB2BGR);
    return bgr;
}

} // namespace

quint64 foldPixels(const uchar* data, int width, int height, qsizetype bytesPerLine, int bytesPerPixel) {
    quint64 sum = quint64(width) * 31 + quint64(height);
    const qsizetype lastByte = qsizetype(width) * bytesPerPixel - 1;
    for (int y = 0; y < height; ++y)
        sum = sum * 1099511628211ull + data[y * bytesPerLine] + data[y * bytesPerLine + lastByte];
    return sum;
}

Result<cv::Mat> referenceCrop(const CropItem& item) {
    cv::Mat crop = openCvCrop(item);
    if (crop.empty())
        return makeError(
            ErrorKind::Io,
            QStringLiteral("%1: OpenCV could not decode it or the window lies outside").arg(item.path));
    return crop;
}

std::vector<InProcessEngine> inProcessEngines() {
    const auto openCvTimed = [](const CropItem& item) -> std::optional<quint64> {
        const cv::Mat crop = openCvCrop(item);
        return crop.empty() ? std::nullopt : std::optional(foldMat(crop));
    };
    const auto qtTimed = [](const CropItem& item) -> std::optional<quint64> {
        const QImage image = qtCrop(item);
        if (image.isNull())
            return std::nullopt;
        return foldPixels(image.constBits(), image.width(), image.height(), image.bytesPerLine(),
                          image.depth() / 8);
    };
    return {
        {QStringLiteral("opencv-serial"), false, openCvTimed, referenceCrop, {}, {}},
        {QStringLiteral("opencv-pool"), true, openCvTimed, referenceCrop, {}, {}},
        cropDeckEngine(),
        {QStringLiteral("qt-cliprect"),
         true,
         qtTimed,
         [](const CropItem& item) { return qtToMat(qtCrop(item)); },
         {},
         {}},
    };
}

} // namespace cropdeck::benchmark
