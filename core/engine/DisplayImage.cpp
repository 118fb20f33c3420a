// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/DisplayImage.h"

#include "engine/RegionReader.h"
#include "geometry/OrientPixels.h"
#include "geometry/Orientation.h"
#include "io/ImageProbe.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstring>

namespace cropdeck {

DisplayPixels toDisplayPixels(const cv::Mat& upright) {
    cv::Mat rgb;
    switch (upright.channels()) {
    case 3:
        cv::cvtColor(upright, rgb, cv::COLOR_BGR2RGB);
        break;
    case 4:
        cv::cvtColor(upright, rgb, cv::COLOR_BGRA2RGBA);
        break;
    default:
        rgb = upright;
        break;
    }
    DisplayPixels out;
    out.size = QSize(rgb.cols, rgb.rows);
    out.channels = rgb.channels();
    const qsizetype rowBytes = qsizetype(rgb.cols) * rgb.channels();
    out.bytesPerLine = (rowBytes + 3) & ~qsizetype(3);
    out.data = QByteArray(out.bytesPerLine * rgb.rows, '\0');
    for (int y = 0; y < rgb.rows; ++y)
        std::memcpy(out.data.data() + y * out.bytesPerLine, rgb.ptr(y), size_t(rowBytes));
    return out;
}

int displayScaleDenom(QSize imageSize, QSize target) {
    if (target.isEmpty() || imageSize.isEmpty())
        return 1;
    const double fit =
        std::min(double(target.width()) / imageSize.width(), double(target.height()) / imageSize.height());
    int denom = 1;
    for (int candidate : {2, 4, 8})
        if (fit * candidate <= 1.0)
            denom = candidate;
    return denom;
}

Result<DisplayImage> decodeForDisplay(const QString& path, QSize target, qint64 maxPixels,
                                      const std::atomic_bool* cancel, DisplayOrientation orientation) {
    Result<ImageInfo> info = probeImage(path, maxPixels);
    if (!info)
        return info.error();
    DisplayImage image;
    image.info = *info;
    const QSize stored(info->width, info->height);
    const int applied = orientation == DisplayOrientation::Upright ? info->orientation : 1;
    image.fullSize = uprightSize(stored, applied);

    RegionReader reader(path, *info, FailOn::None, cancel);
    const int denom = reader.supportsScaledDecode() ? displayScaleDenom(image.fullSize, target) : 1;
    Result<DecodedRegion> region = reader.read(QRect(QPoint(0, 0), stored), denom);
    if (!region)
        return region.error();
    image.scaleDenom = region->scaleDenom;
    image.decoder = reader.plan();
    image.pixels = toDisplayPixels(applyOrientation(region->pixels, applied));
    return image;
}

} // namespace cropdeck
