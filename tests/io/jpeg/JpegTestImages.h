// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Test JPEGs made on the fly with libjpeg's compressor, so each test controls sampling, progression,
// restart markers and odd sizes; plus reference decodes through OpenCV, as the engine's users see them.

#include "Result.h"

#include <QByteArray>
#include <QRect>
#include <QString>

#include <opencv2/core/mat.hpp>

#include <random>
#include <vector>

namespace cropdeck::test {

enum class Sampling { S444, S422, S420, S440, S411 };

const char* samplingName(Sampling sampling);

struct JpegOptions {
    bool color = true;
    Sampling sampling = Sampling::S420;
    bool progressive = false;
    bool arithmetic = false;
    int restartInterval = 0; // in MCUs
    int restartRows = 0;     // in MCU rows (used when restartInterval is 0)
    int quality = 90;
};

// Smooth gradients, blurred shapes and mild noise: compresses like a photograph, not like white noise.
cv::Mat naturalImage(int width, int height, bool color, unsigned seed);

// Encodes 8-bit gray or BGR pixels; empty on failure.
QByteArray encodeJpeg(const cv::Mat& pixels, const JpegOptions& options);

// cv::imdecode with the given flags (orientation always ignored); empty on failure.
cv::Mat opencvDecode(const QByteArray& jpeg, int flags);

// referenceDecode() of the bytes, through a temporary file.
cv::Mat referenceDecodeBytes(const QByteArray& jpeg);

// Windows inside a width x height image: the full image, 1x1 corners, edge strips and seeded random ones.
std::vector<QRect> testWindows(int width, int height, int randomCount, unsigned seed);

// The error message of a failed result, empty for success (QVERIFY2 evaluates its message eagerly).
template <typename T> QByteArray errorText(const Result<T>& result) {
    return result.ok() ? QByteArray() : result.error().message.toUtf8();
}

// The bytes of a file, empty when it cannot be read.
QByteArray readFileBytes(const QString& path);

} // namespace cropdeck::test
