// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: bmp_header (see ImageFuzzEntry.h). Build with the fuzz preset; run as
// tests/fuzz/README.md says.

#include "ImageFuzzEntry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    cropdeck::fuzz::imageFuzzOneInput(cropdeck::fuzz::ImageFuzzTarget::BmpHeader, data, size);
    return 0;
}
