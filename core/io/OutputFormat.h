// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The file formats CropDeck writes and the options of their encoders (Encoder.h). SameAsInput is resolved
// per image with formatForInput().

namespace cropdeck {

enum class OutputFormat { SameAsInput, Jpeg, Png, WebP, Tiff, Bmp };

enum class JpegSubsampling { Yuv420, Yuv422, Yuv444 };

struct EncodeOptions {
    int jpegQuality = 90; // 1..100
    JpegSubsampling jpegSubsampling = JpegSubsampling::Yuv420;
    bool jpegAccurateDct = false; // exact DCT: +0.1..0.2 dB PSNR at quality 90 (measured)
    int pngCompression = 1;       // 0..9
    int webpQuality = 90;         // 1..100, ignored when lossless
    bool webpLossless = false;
};

} // namespace cropdeck
