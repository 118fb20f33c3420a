// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// JPEG writer for generated datasets, on libjpeg's compressor directly because the benchmark workloads
// need what the general encoders do not expose: restart markers every MCU row (the random-access
// workload), progressive scans (which no decoder can cut short by rows) and an EXIF APP1 segment with an
// orientation (the demo set's rotated picture).

#include "Result.h"

#include <QByteArray>

#include <opencv2/core/mat.hpp>

namespace cropdeck::bench {

enum class ChromaSubsampling { S444, S422, S420 };

struct JpegWriteOptions {
    int quality = 90;
    ChromaSubsampling subsampling = ChromaSubsampling::S420; // ignored for gray
    int restartRows = 0;      // > 0: a restart marker every this many MCU rows (libjpeg restart_in_rows)
    bool progressive = false; // libjpeg's default progressive scan script (jpeg_simple_progression)
    int exifOrientation = 0;  // 1..8: write an EXIF APP1 with this orientation tag (no JFIF APP0 then)
    QByteArray exifThumbnail; // with exifOrientation: a JPEG embedded in IFD1, as cameras do
};

// pixels: CV_8UC1 (gray) or CV_8UC3 (BGR). Deterministic: the same input gives the same bytes.
Result<QByteArray> encodeBenchJpeg(const cv::Mat& pixels, const JpegWriteOptions& options);

// The APP1 payload ("Exif\0\0" + a big-endian TIFF block with one IFD0 entry: Orientation), and when
// `thumbnail` is given an IFD1 whose JPEGInterchangeFormat(Length) tags point at it, stored after IFD1.
QByteArray exifOrientationPayload(int orientation, const QByteArray& thumbnail = {});

} // namespace cropdeck::bench
