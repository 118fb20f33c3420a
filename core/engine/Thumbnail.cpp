// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Thumbnail.h"

#include "geometry/OrientPixels.h"
#include "geometry/Orientation.h"
#include "io/ExifThumbnail.h"
#include "io/ImageProbe.h"
#include "io/OpenCvCodecs.h"

#include <opencv2/imgcodecs.hpp>

#include <cmath>

namespace cropdeck {

bool exifThumbnailFits(QSize thumbnailSize, QSize storedSize, int orientation, QSize box) {
    if (thumbnailSize.isEmpty() || storedSize.isEmpty() || box.isEmpty())
        return false;
    const double shape = double(thumbnailSize.width()) / thumbnailSize.height();
    const double photo = double(storedSize.width()) / storedSize.height();
    if (std::abs(shape / photo - 1.0) > 0.015)
        return false;
    // The box holds the photo as shown (upright); the thumbnail is stored like the photo.
    const QSize upright = uprightSize(storedSize, orientation);
    const QSize fitted = upright.scaled(box, Qt::KeepAspectRatio).boundedTo(upright);
    const QSize needed = upright == storedSize ? fitted : fitted.transposed();
    return thumbnailSize.width() >= needed.width() && thumbnailSize.height() >= needed.height();
}

Result<Thumbnail> makeThumbnail(const QString& path, QSize box, qint64 maxPixels,
                                const std::atomic_bool* cancel, DisplayOrientation orientation) {
    Result<ImageInfo> info = probeImage(path, maxPixels);
    if (!info)
        return info.error();
    const QSize stored(info->width, info->height);
    const int applied = orientation == DisplayOrientation::Upright ? info->orientation : 1;
    if (info->format == ImageFormat::Jpeg) {
        const QByteArray embedded = readJpegExifThumbnail(path);
        if (!embedded.isEmpty()) {
            // The embedded JPEG carries no orientation of its own that counts: the photo's is applied.
            const cv::Mat bytes(1, int(embedded.size()), CV_8U, const_cast<char*>(embedded.constData()));
            const cv::Mat small = codecs::imdecode(bytes, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
            if (!small.empty() && exifThumbnailFits(QSize(small.cols, small.rows), stored, applied, box)) {
                Thumbnail thumbnail;
                thumbnail.pixels = toDisplayPixels(applyOrientation(small, applied));
                thumbnail.fullSize = uprightSize(stored, applied);
                thumbnail.fromExif = true;
                thumbnail.source = QStringLiteral("exif thumbnail");
                return thumbnail;
            }
        }
    }
    Result<DisplayImage> decoded = decodeForDisplay(path, box, maxPixels, cancel, orientation);
    if (!decoded)
        return decoded.error();
    Thumbnail thumbnail;
    thumbnail.pixels = std::move(decoded->pixels);
    thumbnail.fullSize = decoded->fullSize;
    thumbnail.source = decoded->decoder;
    return thumbnail;
}

} // namespace cropdeck
