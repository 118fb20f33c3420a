// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to io: JPEG encoding with one libjpeg compressor per thread, reused for every image it encodes.
//
// TurboJPEG's tjCompress2 sets every parameter afresh on each call (defaults, quality tables, three
// environment look-ups) and sizes its buffer for the worst case: for the thousands of small crops of a
// dense batch that was about a tenth of each crop's encoding. Here the parameters are set only when they
// change and the output buffer is kept by the thread. The bytes are tjCompress2's, byte for byte: the
// same defaults, the same DCT (the fast integer one unless an accurate one is asked for or the quality
// is 96 or more) and the same sampling factors (test_encoder compares them).

#include "Result.h"
#include "io/OutputFormat.h"

#include <QByteArray>
#include <QString>

#include <opencv2/core/mat.hpp>

namespace cropdeck::jpeg {

// Encodes 8-bit gray, BGR or BGRA pixels (alpha is dropped; gray stays gray) with the JPEG fields of
// `options` (checked by the caller). The pixels may be a view (any row step). Errors name
// `pathForMessages`.
[[nodiscard]] Result<QByteArray> compressJpeg(const cv::Mat& pixels, const EncodeOptions& options,
                                              const QString& pathForMessages);

} // namespace cropdeck::jpeg
