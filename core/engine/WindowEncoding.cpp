// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/WindowEncoding.h"

#include "engine/BatchPlan.h"
#include "io/Encoder.h"

namespace cropdeck {

Result<QByteArray> encodeWindow(const CroppedWindow& window, OutputFormat format,
                                const CropSettings& settings, const QString& pathForMessages) {
    if (!window.losslessJpeg.isEmpty())
        return window.losslessJpeg;
    return encodeImage(window.pixels, format, encodeOptionsFor(settings), pathForMessages);
}

OutputFormat outputFormatFor(const QString& sourcePath, const CropSettings& settings) {
    return formatFromExtension(outputExtensionFor(sourcePath, settings));
}

} // namespace cropdeck
