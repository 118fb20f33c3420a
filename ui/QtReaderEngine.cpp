// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/QtReaderEngine.h"

#include "bench/InProcessEngines.h"

#include <QImage>
#include <QImageReader>

#include <opencv2/imgproc.hpp>

namespace cropdeck::ui {

namespace {

// 8-bit gray stays one channel; everything else becomes BGR (BGRA when the image has alpha).
Result<cv::Mat> toMat(const QImage& image, const QString& path) {
    if (image.isNull())
        return makeError(ErrorKind::Io, QStringLiteral("%1: QImageReader returned no image").arg(path));
    if (image.format() == QImage::Format_Grayscale8 ||
        (image.format() == QImage::Format_Indexed8 && image.isGrayscale())) {
        const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
        return cv::Mat(gray.height(), gray.width(), CV_8UC1, const_cast<uchar*>(gray.constBits()),
                       size_t(gray.bytesPerLine()))
            .clone();
    }
    const bool alpha = image.hasAlphaChannel();
    const QImage rgb = image.convertToFormat(alpha ? QImage::Format_RGBA8888 : QImage::Format_RGB888);
    cv::Mat bgr;
    cv::cvtColor(cv::Mat(rgb.height(), rgb.width(), alpha ? CV_8UC4 : CV_8UC3,
                         const_cast<uchar*>(rgb.constBits()), size_t(rgb.bytesPerLine())),
                 bgr, alpha ? cv::COLOR_RGBA2BGRA : cv::COLOR_RGB2BGR);
    return bgr;
}

Result<std::vector<cv::Mat>> qtCrops(const bench::BenchImage& image) {
    std::vector<cv::Mat> crops;
    for (const QRect& rect : image.windows) {
        QImageReader reader(image.path);
        reader.setAutoTransform(false); // stored pixels, as every engine and the reference
        reader.setClipRect(rect);
        Result<cv::Mat> pixels = toMat(reader.read(), image.path);
        if (!pixels)
            return pixels.error();
        crops.push_back(std::move(*pixels));
    }
    return crops;
}

} // namespace

std::unique_ptr<bench::BenchEngine> makeQtReaderEngine() {
    return bench::makeInProcessEngine(
        {QStringLiteral("qt-cliprect"), bench::EngineKind::InProcess, true,
         QStringLiteral("Qt %1 QImageReader::setClipRect").arg(QLatin1String(qVersion())), qtCrops});
}

} // namespace cropdeck::ui
