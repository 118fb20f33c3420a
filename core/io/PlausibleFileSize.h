// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Files too small to hold the image their header declares: probeImage() refuses them before any decoder
// allocates for the declared size (a 62-byte PNG declaring 170,000,000×1 RGBA16 pixels cost 2 GB and
// 12-16 s before "PNG data ends early").

#include "Result.h"
#include "io/ImageInfo.h"

#include <QString>

namespace cropdeck {

// Corrupt when the file is smaller than the least its format could store the declared pixels in:
// deflate's best ratio (1032:1) for PNG and deflate TIFF, LZW's and PackBits' for those TIFFs, one bit
// per 8×8 block for Huffman-coded JPEG (one per pixel for lossless JPEG). Uncompressed TIFF, BMP and PNM
// are decoded in part when cut short (the rows they hold), so they are refused only below a thousandth of
// their exact size. Formats whose coding has no such bound (arithmetic JPEG, RLE BMP, WebP, other TIFF
// compressions) always pass. The message names the file, the declared size and the file size.
Status checkFileCanHoldImage(const ImageInfo& info, const QString& path);

} // namespace cropdeck
