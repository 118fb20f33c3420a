// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The canvas of the Pad bounds policy: the pixels read from inside the image, placed at `destOffset` on
// a `canvas`-sized image, the rest filled with
//   Constant  the pad colour (B, G, R); gray images use the rounded mean of the three; BGRA is opaque.
//   Edge      the nearest source pixel (cv::BORDER_REPLICATE). Because the source is the part of the
//             window inside the image, this equals replicating the image's own border.

#include "Result.h"
#include "geometry/GeometryOptions.h"

#include <QPoint>
#include <QSize>

#include <opencv2/core/mat.hpp>

namespace cropdeck {

// `source` must be 8-bit with 1, 3 or 4 channels and fit inside the canvas at destOffset (as
// BoundsPlan guarantees); otherwise an ErrorKind::Invalid error. When the canvas is the source's size,
// `source` itself is returned, sharing its pixels.
[[nodiscard]] Result<cv::Mat> padToCanvas(const cv::Mat& source, QSize canvas, QPoint destOffset,
                                          PadMode mode, const int (&padBgr)[3]);

} // namespace cropdeck
