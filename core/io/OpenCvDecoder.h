// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The general decoder: a full cv::imdecode of the file's bytes (IMREAD_UNCHANGED, orientation ignored),
// normalised to CropDeck's pixel convention, then the region copied out so the full image is freed.
// Used for every format without a specialised region decoder (TIFF, WebP, PNM, ...) and as the fallback
// when a specialised decoder answers Unsupported.
//
// OpenCV's TIFF decoder applies the file's Orientation tag itself, whatever the flags say; the result is
// turned back into stored pixels (using info.orientation from the probe), so that every decoder in io/
// returns stored pixels.
//
// OpenCV exceptions become Errors (TooLarge for its own size limits, Corrupt otherwise); an empty decode
// is Corrupt ("<file>: the image data could not be decoded (OpenCV)"). failOn cannot be honoured (OpenCV
// decides what it tolerates); cancellation is checked before and after the decode. Reentrant.

#include "Result.h"
#include "io/DecodeTypes.h"
#include "io/ImageInfo.h"

#include <QByteArrayView>
#include <QString>

#include <opencv2/core/mat.hpp>

namespace cropdeck {

// OpenCV's decode → CropDeck's convention: 16-bit samples become 8-bit (v / 257, rounded), two channels
// (gray + alpha) keep the gray channel. Other depths are returned unchanged (the caller refuses them).
cv::Mat normalizeDecoded(cv::Mat decoded);

Result<DecodedRegion> decodeWithOpenCv(QByteArrayView data, const ImageInfo& info,
                                       const DecodeRequest& request, const QString& pathForMessages);

} // namespace cropdeck
