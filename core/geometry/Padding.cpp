// SPDX-License-Identifier: GPL-3.0-or-later
#include "geometry/Padding.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <exception>

namespace cropdeck {

namespace {

cv::Scalar padColour(const int (&bgr)[3], int channels) {
    const double b = std::clamp(bgr[0], 0, 255);
    const double g = std::clamp(bgr[1], 0, 255);
    const double r = std::clamp(bgr[2], 0, 255);
    if (channels == 1) {
        const int sum = int(b + g + r);
        const int mean = (sum + 1) / 3; // rounded to nearest (x.5 cannot happen with thirds)
        return cv::Scalar(mean);
    }
    return cv::Scalar(b, g, r, 255);
}

QString checkInputs(const cv::Mat& source, QSize canvas, QPoint offset) {
    if (source.empty() || source.depth() != CV_8U || source.channels() == 2 || source.channels() > 4)
        return QStringLiteral("padding needs an 8-bit gray, BGR or BGRA image");
    if (offset.x() < 0 || offset.y() < 0 || qint64(offset.x()) + source.cols > canvas.width() ||
        qint64(offset.y()) + source.rows > canvas.height())
        return QStringLiteral("a %1x%2 image at (%3, %4) does not fit a %5x%6 canvas")
            .arg(source.cols)
            .arg(source.rows)
            .arg(offset.x())
            .arg(offset.y())
            .arg(canvas.width())
            .arg(canvas.height());
    return {};
}

} // namespace

Result<cv::Mat> padToCanvas(const cv::Mat& source, QSize canvas, QPoint destOffset, PadMode mode,
                            const int (&padBgr)[3]) {
    if (const QString problem = checkInputs(source, canvas, destOffset); !problem.isEmpty())
        return makeError(ErrorKind::Invalid, problem);
    if (canvas == QSize(source.cols, source.rows))
        return source;

    const int top = destOffset.y();
    const int left = destOffset.x();
    const int bottom = canvas.height() - top - source.rows;
    const int right = canvas.width() - left - source.cols;
    cv::Mat padded;
    try {
        if (mode == PadMode::Edge)
            cv::copyMakeBorder(source, padded, top, bottom, left, right, cv::BORDER_REPLICATE);
        else
            cv::copyMakeBorder(source, padded, top, bottom, left, right, cv::BORDER_CONSTANT,
                               padColour(padBgr, source.channels()));
    } catch (const std::exception& e) {
        // Out of memory for a huge canvas is the realistic case.
        return makeError(ErrorKind::TooLarge, QStringLiteral("cannot make a %1x%2 padded canvas: %3")
                                                  .arg(canvas.width())
                                                  .arg(canvas.height())
                                                  .arg(QString::fromUtf8(e.what())));
    }
    return padded;
}

} // namespace cropdeck
