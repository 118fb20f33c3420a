// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The entry code shared by the image fuzz targets (fuzz_image_*.cpp) and test_image_fuzz_regressions:
// the hand-written binary parsers (TIFF IFD, EXIF orientation, PNG chunk walk, BMP header, and the
// JPEG, WebP and PNM probes) and decode + crop through every decoder path, checked against their
// contracts: no crash, no sanitizer report, bounded results (orientation 1..8, entries inside the data,
// a probed size within the limits), errors that name the file, and decoded pixels of the asked size in
// CropDeck's pixel convention.
//
// decode_crop takes its window from the first 8 input bytes (x, y, width, height as little-endian 16-bit
// values, reduced into the image), like ImageMagick's OSS-Fuzz crop fuzzer; the rest is the image file.

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace cropdeck::fuzz {

enum class ImageFuzzTarget {
    TiffIfd,
    Exif,
    PngChunks,
    BmpHeader,
    JpegProbe,
    WebpProbe,
    PnmProbe,
    DecodeCrop
};

// "tiff_ifd", "exif", "png_chunks", "bmp_header", "jpeg_probe", "webp_probe", "pnm_probe", "decode_crop":
// the target suffix (fuzz_image_<name>) and the folder names under image/corpus and image/regressions.
QString imageFuzzTargetName(ImageFuzzTarget target);
std::optional<ImageFuzzTarget> imageFuzzTargetFromName(const QString& name);
const QList<ImageFuzzTarget>& allImageFuzzTargets();

// Runs one input; returns what broke the contract, or an empty string. Files go under workDir.
QString runImageFuzzInput(ImageFuzzTarget target, QByteArrayView input, const QString& workDir);

// For LLVMFuzzerTestOneInput: prints the problem and aborts, so that libFuzzer keeps the input.
void imageFuzzOneInput(ImageFuzzTarget target, const uint8_t* data, size_t size);

} // namespace cropdeck::fuzz
