// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the CSV box list reader (CsvTable, CsvLayout, CsvColumns).
// Build with the fuzz preset; run as described in tests/fuzz/README.md.

#include "FuzzEntry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    cropdeck::fuzz::fuzzOneInput(cropdeck::fuzz::FuzzReader::Csv, data, size);
    return 0;
}
