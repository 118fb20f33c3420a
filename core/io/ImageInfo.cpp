// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/ImageInfo.h"

namespace cropdeck {

const char* imageFormatName(ImageFormat format) {
    switch (format) {
    case ImageFormat::Unknown:
        return "unknown";
    case ImageFormat::Jpeg:
        return "jpeg";
    case ImageFormat::Png:
        return "png";
    case ImageFormat::Bmp:
        return "bmp";
    case ImageFormat::Tiff:
        return "tiff";
    case ImageFormat::WebP:
        return "webp";
    case ImageFormat::Pnm:
        return "pnm";
    case ImageFormat::Other:
        return "other";
    }
    return "unknown";
}

} // namespace cropdeck
