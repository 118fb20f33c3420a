// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Output encoding: cv::Mat pixels (8-bit gray, BGR or BGRA) to the bytes of a file.
//
// JPEG goes through libjpeg(-turbo) with one compressor per thread (created on first use, freed when the
// thread ends; io/jpeg/JpegCompressor.h), the bytes TurboJPEG's tjCompress2 would give; the other
// formats through cv::imencode. What each format keeps:
//   JPEG  gray stays gray; BGRA loses its alpha (JPEG has none).
//   PNG, TIFF  exact, alpha included.
//   BMP   exact for gray and BGR; BGRA is written as BGR (readers ignore 32-bit BMP alpha).
//   WebP  gray is written as colour (WebP has no gray); lossless keeps every visible pixel, but the
//         colour under fully transparent pixels may change.
// Reentrant; errors name `pathForMessages` (the output the bytes are for).

#include "Result.h"
#include "io/ImageInfo.h"
#include "io/OutputFormat.h"

#include <QByteArray>
#include <QString>

#include <opencv2/core/mat.hpp>

namespace cropdeck {

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
