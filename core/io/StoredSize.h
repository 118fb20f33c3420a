// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to io/: sizes of an image's stored samples as its header describes them, shared by the decode
// cost estimate and the plausible-file-size check.

#include "io/ImageInfo.h"
#include "io/PngChunkWalk.h"

namespace cropdeck::stored {

inline qint64 bytesForBits(qint64 bits) {
    return (bits + 7) / 8;
}

// PNG samples per pixel as stored (a palette index is one sample).
inline int pngSamples(const ImageInfo& info) {
    return pngSamplesPerPixel(info.pngColorType);
}

inline qint64 pngRowBytes(const ImageInfo& info) {
    return bytesForBits(qint64(info.width) * pngSamples(info) * info.bitDepth);
}

// The inflated image: one filter byte per row (the non-interlaced layout).
inline qint64 pngRawBytes(const ImageInfo& info) {
    return qint64(info.height) * (pngRowBytes(info) + 1);
}

} // namespace cropdeck::stored
