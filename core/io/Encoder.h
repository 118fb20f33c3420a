// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Output encoding: cv::Mat pixels (8-bit gray, BGR or BGRA) to the bytes of a file.
//
// JPEG goes through TurboJPEG with one compressor per thread (created on first use, freed when the
// thread ends); the other formats through cv::imencode. What each format keeps:
//   JPEG  gray stays gray; BGRA loses its alpha (JPEG has none).
//   PNG, TIFF  exact, alpha included.
//   BMP   exact for gray and BGR; BGRA is written as BGR (readers ignore 32-bit BMP alpha).
//   WebP  gray is written as colour (WebP has no gray); lossless keeps every visible pixel, but the
//         colour under fully transparent pixels may change.
// Reentrant; errors name `pathForMessages` (the output the bytes are for).

#include "Result.h"
#include "engine/CropSettings.h"
#include "io/ImageInfo.h"

#include <QByteArray>
#include <QString>

#include <opencv2/core/mat.hpp>

namespace cropdeck {

enum class JpegSubsampling { Yuv420, Yuv422, Yuv444 };

struct EncodeOptions {
    int jpegQuality = 90; // 1..100
    JpegSubsampling jpegSubsampling = JpegSubsampling::Yuv420;
    bool jpegAccurateDct = false; // exact DCT: +0.1..0.2 dB PSNR at quality 90 (measured)
    int pngCompression = 1;       // 0..9
    int webpQuality = 90;         // 1..100, ignored when lossless
    bool webpLossless = false;
};

// The encoding options a batch's settings ask for.
[[nodiscard]] EncodeOptions encodeOptionsFor(const CropSettings& settings);

// ErrorKind::Invalid for empty pixels, OutputFormat::SameAsInput (resolve it with formatForInput
// first) or options out of range; ErrorKind::Unsupported for pixels that are not 8-bit 1/3/4 channels.
[[nodiscard]] Result<QByteArray> encodeImage(const cv::Mat& pixels, OutputFormat format,
                                             const EncodeOptions& options, const QString& pathForMessages);

// From an extension ("jpg", ".JPEG", "tif") or a file name ("crops/a.png"), case-insensitive.
// OutputFormat::SameAsInput when no output format has that extension.
[[nodiscard]] OutputFormat formatFromExtension(const QString& extensionOrFileName);

// The usual extension, without the dot: "jpg", "png", "webp", "tif", "bmp"; empty for SameAsInput.
[[nodiscard]] QString extensionFor(OutputFormat format);

// The output format for SameAsInput: the input's own format where CropDeck can write it, else PNG
// (lossless, and it keeps alpha).
[[nodiscard]] OutputFormat formatForInput(ImageFormat input);

} // namespace cropdeck
