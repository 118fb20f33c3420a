// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/CropSettingsCheck.h"

namespace cropdeck {

Status checkCropSettings(const CropSettings& s) {
    if (s.resize != ResizeMode::None && (s.resizeTo.width() < 1 || s.resizeTo.height() < 1))
        return makeSettingError("crop.resize", QStringLiteral("the resize size must be positive"));
    if (!s.lossless)
        return {};
    if (s.resize != ResizeMode::None)
        return makeSettingError("crop.lossless",
                                QStringLiteral("lossless crops cannot resize: drop the resize or lossless"));
    if (s.grayscale)
        return makeSettingError("crop.lossless", QStringLiteral("lossless crops cannot convert to gray: drop "
                                                                "gray or lossless"));
    if (s.bounds == BoundsPolicy::Pad)
        return makeSettingError("crop.lossless", QStringLiteral("lossless crops cannot pad: choose another "
                                                                "bounds policy or drop lossless"));
    if (s.format != OutputFormat::SameAsInput && s.format != OutputFormat::Jpeg)
        return makeSettingError("crop.lossless", QStringLiteral("lossless crops are written as JPEG: use the "
                                                                "output format same or jpeg"));
    return {};
}

} // namespace cropdeck
