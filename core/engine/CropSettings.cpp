// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/CropSettings.h"

namespace cropdeck {

EncodeOptions encodeOptionsFor(const CropSettings& settings) {
    EncodeOptions options;
    options.jpegQuality = settings.jpegQuality;
    options.pngCompression = settings.pngCompression;
    options.webpQuality = settings.webpQuality;
    return options;
}

} // namespace cropdeck
