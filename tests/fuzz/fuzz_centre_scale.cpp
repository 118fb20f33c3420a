// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the centre/scale list reader.
// Build with the fuzz preset; run as described in tests/fuzz/README.md.

#include "FuzzEntry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    cropdeck::fuzz::fuzzOneInput(cropdeck::fuzz::FuzzReader::CentreScale, data, size);
    return 0;
}
