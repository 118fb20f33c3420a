// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared checks for the region decoder tests: decode many windows of a file and compare each with the
// reference decode (TestUtils' referenceDecode) cropped.

#include "Result.h"
#include "io/DecodeTypes.h"
#include "io/ImageInfo.h"

#include <QString>

#include <functional>

namespace cropdeck::test {

using RegionDecoder =
    std::function<Result<DecodedRegion>(const QString&, const ImageInfo&, const DecodeRequest&)>;

// Probes `path`, decodes the standard test windows (see testWindows) with `decode` and compares each with
// the reference decode. Returns an empty string on success, else what went wrong. `decoderName`, when
// set, must be the name every region reports (so a silent fallback is caught).
QString compareWindowsWithReference(const QString& path, const RegionDecoder& decode, int randomWindows,
                                    unsigned seed, const char* decoderName = nullptr,
                                    FailOn failOn = FailOn::Error);

} // namespace cropdeck::test
