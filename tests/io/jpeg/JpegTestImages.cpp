// SPDX-License-Identifier: GPL-3.0-or-later
#include "JpegTestImages.h"

#include "TestUtils.h"

#include <QFile>
#include <QTemporaryDir>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <jpeglib.h>

namespace cropdeck::test {

const char* samplingName(Sampling sampling) {
    switch (sampling) {
    case Sampling::S444:
        return "444";
    case Sampling::S422:
        return "422";
    case Sampling::S420:
        return "420";
    case Sampling::S440:
        return "440";
    case Sampling::S411:
        return "411";
    }
    return "?";
}

cv::Mat naturalImage(int width, int height, bool color, unsigned seed) {
    cv::RNG rng(seed);
    cv::Mat image(height, width, CV_32FC3);
    const float fx = rng.uniform(0.2f, 1.0f), fy = rng.uniform(0.2f, 1.0f);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const float u = float(x) / float(std::max(1, width - 1)),
                        v = float(y) / float(std::max(1, height - 1));
            image.at<cv::Vec3f>(y, x) =
                cv::Vec3f(40 + 150 * u * fx, 60 + 120 * v * fy, 128 + 60 * std::sin(6.0f * u + 4.0f * v));
        }
    cv::Mat shapes(height, width, CV_32FC3, cv::Scalar::all(0));
    const int shapeCount = 6 + (width * height) / 20000;
    for (int i = 0; i < std::min(shapeCount, 300); ++i) {
        const cv::Point centre(rng.uniform(0, width), rng.uniform(0, height));
        const cv::Scalar colour(rng.uniform(-90, 90), rng.uniform(-90, 90), rng.uniform(-90, 90));
        const int radius = 1 + rng.uniform(0, std::max(2, std::min(width, height) / 4));
        if (i % 3 == 0)
            cv::circle(shapes, centre, radius, colour, cv::FILLED, cv::LINE_AA);
        else if (i % 3 == 1)
            cv::rectangle(shapes, centre, centre + cv::Point(radius, radius / 2 + 1), colour, cv::FILLED);
        else
            cv::line(shapes, centre, cv::Point(rng.uniform(0, width), rng.uniform(0, height)), colour,
                     1 + radius / 20, cv::LINE_AA);
    }
    cv::GaussianBlur(shapes, shapes, cv::Size(0, 0), 1.2);
    cv::Mat noise(height, width, CV_32FC3);
    rng.fill(noise, cv::RNG::NORMAL, 0, 5);
    cv::Mat result8;
    cv::Mat(image + shapes + noise).convertTo(result8, CV_8UC3);
    if (!color)
        cv::cvtColor(result8, result8, cv::COLOR_BGR2GRAY);
    return result8;
}

namespace {

struct EncoderErrors {
    jpeg_error_mgr pub;
    std::jmp_buf jump;
};

void encoderErrorExit(j_common_ptr info) {
    std::longjmp(reinterpret_cast<EncoderErrors*>(info->err)->jump, 1);
}

void setSampling(jpeg_compress_struct& info, Sampling sampling) {
    static const int factors[][2] = {{1, 1}, {2, 1}, {2, 2}, {1, 2}, {4, 1}};
    const int index = static_cast<int>(sampling);
    info.comp_info[0].h_samp_factor = factors[index][0];
    info.comp_info[0].v_samp_factor = factors[index][1];
    for (int c = 1; c < info.num_components; ++c)
        info.comp_info[c].h_samp_factor = info.comp_info[c].v_samp_factor = 1;
}

} // namespace

QByteArray encodeJpeg(const cv::Mat& pixels, const JpegOptions& options) {
    jpeg_compress_struct info{};
    EncoderErrors errors;
    info.err = jpeg_std_error(&errors.pub);
    errors.pub.error_exit = encoderErrorExit;
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    if (setjmp(errors.jump) != 0) {
        jpeg_destroy_compress(&info);
        std::free(buffer);
        return {};
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, &buffer, &size);
    info.image_width = static_cast<JDIMENSION>(pixels.cols);
    info.image_height = static_cast<JDIMENSION>(pixels.rows);
    info.input_components = pixels.channels();
    info.in_color_space = pixels.channels() == 1 ? JCS_GRAYSCALE : JCS_EXT_BGR;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, options.quality, TRUE);
    if (pixels.channels() == 3)
        setSampling(info, options.sampling);
    info.arith_code = options.arithmetic ? TRUE : FALSE;
    info.restart_interval = static_cast<unsigned int>(options.restartInterval);
    info.restart_in_rows = options.restartInterval == 0 ? options.restartRows : 0;
    if (options.progressive)
        jpeg_simple_progression(&info);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = const_cast<JSAMPROW>(pixels.ptr(static_cast<int>(info.next_scanline)));
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    QByteArray result(reinterpret_cast<const char*>(buffer), static_cast<qsizetype>(size));
    jpeg_destroy_compress(&info);
    std::free(buffer);
    return result;
}

cv::Mat opencvDecode(const QByteArray& jpeg, int flags) {
    const std::vector<uchar> buffer(jpeg.begin(), jpeg.end());
    return cv::imdecode(buffer, flags | cv::IMREAD_IGNORE_ORIENTATION);
}

cv::Mat referenceDecodeBytes(const QByteArray& jpeg) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("image.jpg"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(jpeg) != jpeg.size())
        return {};
    file.close();
    return referenceDecode(path);
}

std::vector<QRect> testWindows(int width, int height, int randomCount, unsigned seed) {
    std::vector<QRect> windows = {QRect(0, 0, width, height),
                                  QRect(0, 0, 1, 1),
                                  QRect(width - 1, height - 1, 1, 1),
                                  QRect(width - 1, 0, 1, height),
                                  QRect(0, height - 1, width, 1),
                                  QRect(width / 2, height / 2, width - width / 2, height - height / 2)};
    // Windows starting and ending on either side of iMCU boundaries (8, 16 and 32 pixels), where
    // upsampling context and iMCU alignment go wrong first.
    for (int edge : {8, 16, 32, 48}) {
        for (int delta : {-1, 0, 1}) {
            const int x = edge + delta, y = edge + 2 * delta;
            if (x >= 0 && y >= 0 && x + 3 <= width && y + 17 <= height)
                windows.emplace_back(x, y, 3, 17);
            if (edge + delta > 0 && edge + delta <= std::min(width, height))
                windows.emplace_back(0, 0, edge + delta, edge + delta);
        }
    }
    std::mt19937 rng(seed);
    for (int i = 0; i < randomCount; ++i) {
        // Mix small and large windows; small ones exercise MCU-boundary cases most.
        const int maxW = (i % 2 == 0) ? std::min(width, 40) : width;
        const int maxH = (i % 2 == 0) ? std::min(height, 40) : height;
        const int w = std::uniform_int_distribution<int>(1, maxW)(rng);
        const int h = std::uniform_int_distribution<int>(1, maxH)(rng);
        const int x = std::uniform_int_distribution<int>(0, width - w)(rng);
        const int y = std::uniform_int_distribution<int>(0, height - h)(rng);
        windows.emplace_back(x, y, w, h);
    }
    return windows;
}

QByteArray readFileBytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace cropdeck::test
