// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/DatasetFiles.h"

#include "io/OpenCvCodecs.h"

#include <opencv2/imgcodecs.hpp>

#include <exception>
#include <vector>

namespace cropdeck::bench {

namespace {

Result<QByteArray> encodeWithOpenCv(const char* extension, const cv::Mat& pixels,
                                    const std::vector<int>& params) {
    std::vector<uchar> buffer;
    try {
        if (!codecs::imencode(extension, pixels, buffer, params))
            return makeError(ErrorKind::Io, QStringLiteral("could not encode a %1 picture").arg(extension));
    } catch (const std::exception& e) {
        return makeError(ErrorKind::Io,
                         QStringLiteral("could not encode a %1 picture: %2").arg(extension, e.what()));
    }
    return QByteArray(reinterpret_cast<const char*>(buffer.data()), qsizetype(buffer.size()));
}

} // namespace

Result<QByteArray> encodeDefaultPng(const cv::Mat& pixels) {
    // Naming a level makes OpenCV keep libpng's default filter choice and zlib strategy; without it
    // OpenCV writes level 1 with the Sub filter, which decodes differently from typical files.
    return encodeWithOpenCv(".png", pixels, {cv::IMWRITE_PNG_COMPRESSION, 6});
}

Result<QByteArray> encodeBmp(const cv::Mat& pixels) {
    return encodeWithOpenCv(".bmp", pixels, {});
}

} // namespace cropdeck::bench
