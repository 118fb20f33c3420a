// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Region decode of a JPEG with libjpeg-turbo: only the rows and iMCU columns that the region needs go
// through the IDCT (jpeg_crop_scanline + jpeg_skip_scanlines), optionally downscaled in the DCT domain.
//
// The pixels are identical to OpenCV's decode of the whole image (cv::imdecode, or cv::IMREAD_REDUCED_*
// for request.scaleDenom > 1) cut to the region, because the same library runs with the same settings
// (JDCT_ISLOW, fancy upsampling) and the crop window is widened where chroma upsampling looks at
// neighbouring samples. Gray files give 1 channel, colour files BGR.
//
// Errors: ErrorKind::Invalid for a region outside the image or a scale not in {1, 2, 4, 8};
// Unsupported for CMYK/YCCK, 12-bit and lossless (SOF3) files, which the engine decodes another way;
// Corrupt/Truncated for damaged data, as request.failOn decides; Cancelled when request.cancel is set
// (checked every 16 rows). Reentrant; uses a per-thread scratch band.

#include "Result.h"
#include "io/DecodeTypes.h"

#include <QByteArrayView>
#include <QString>

#include <vector>

namespace cropdeck {

Result<DecodedRegion> decodeJpegRegion(QByteArrayView data, const DecodeRequest& request,
                                       const QString& pathForMessages);

// Several row bands of one image in a single pass, at full resolution: for the windows of a JPEG without
// restart markers, which would each decode the entropy data from the top again if read one by one. The
// entropy data is decoded once, down to the last band; only the bands' rows go through the IDCT. Every
// band spans the same columns (x and width), bands are sorted by y and share no row. Pixels and errors
// as decodeJpegRegion; decoder name "jpeg-bands".
Result<std::vector<DecodedRegion>> decodeJpegRowBands(QByteArrayView data, const std::vector<QRect>& bands,
                                                      FailOn failOn, const std::atomic_bool* cancel,
                                                      const QString& pathForMessages);

} // namespace cropdeck
