// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

namespace cropdeck {

enum class ImageFormat { Unknown, Jpeg, Png, Bmp, Tiff, WebP, Pnm, Other };

const char* imageFormatName(ImageFormat format);

enum class JpegColorSpace { Unknown, Gray, YCbCr, Rgb, Cmyk, Ycck };

// What a header-only probe learns about a file, without decoding pixels. Width and height are the
// *stored* dimensions; `orientation` (EXIF 1..8, 1 when absent or invalid) says how a viewer shows them.
struct ImageInfo {
    ImageFormat format = ImageFormat::Unknown;
    int width = 0;
    int height = 0;
    int channels = 0; // samples per pixel in the file: 1 gray, 2 gray+alpha, 3 colour, 4 colour+alpha/CMYK
    int bitDepth = 8; // bits per sample
    int orientation = 1;
    qint64 fileSize = 0;

    // JPEG
    bool progressive = false;
    bool arithmetic = false;
    bool lossless = false;   // SOF3: lossless JPEG, not decodable by the 8-bit DCT path
    int restartInterval = 0; // in MCUs (DRI); 0 = no restart markers
    JpegColorSpace jpegColorSpace = JpegColorSpace::Unknown;
    int mcuWidth = 8; // MCU size in pixels (8 or 16) for lossless-crop alignment
    int mcuHeight = 8;
    int blocksPerMcu = 1; // 8×8 blocks in one MCU, all components (sampling factors summed)

    // PNG
    bool interlaced = false;
    int pngColorType = -1; // as in IHDR
    bool hasAlpha = false;

    // BMP
    bool bottomUp = true;
    int bmpCompression = 0;     // BI_RGB = 0, BI_RLE8 = 1, ...
    qint64 pixelDataOffset = 0; // BMP: offset of the pixel array

    // TIFF (first IFD): how the pixels are stored, which decides what a decode allocates
    int tiffCompression = 1; // Compression tag: 1 none, 5 LZW, 8 / 32946 deflate, 32773 PackBits...
    bool tiffPlanar = false; // PlanarConfiguration 2: one plane per sample
    int tiffChunkWidth = 0;  // a strip (image width × RowsPerStrip) or a tile, in pixels
    int tiffChunkHeight = 0;

    qint64 pixelCount() const { return qint64(width) * qint64(height); }
    // Dimensions as a viewer shows them (orientations 5..8 swap width and height).
    int uprightWidth() const { return orientation >= 5 ? height : width; }
    int uprightHeight() const { return orientation >= 5 ? width : height; }
};

} // namespace cropdeck
