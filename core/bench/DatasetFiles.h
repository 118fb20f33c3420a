// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Small file helpers shared by the dataset generators (internal to core/bench).

#include "Result.h"
#include "io/AtomicFileWriter.h" // generators write through writeFileAtomically

#include <QByteArray>
#include <QString>

#include <opencv2/core/mat.hpp>

namespace cropdeck::bench {

// PNG with zlib level 6 and libpng's adaptive filters, i.e. what libpng and most tools write by default.
Result<QByteArray> encodeDefaultPng(const cv::Mat& pixels);

// Uncompressed BMP as OpenCV writes it (8-bit with a gray palette for gray, 24-bit for BGR).
Result<QByteArray> encodeBmp(const cv::Mat& pixels);

} // namespace cropdeck::bench
