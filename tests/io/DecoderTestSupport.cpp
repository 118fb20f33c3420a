// SPDX-License-Identifier: GPL-3.0-or-later
#include "DecoderTestSupport.h"

#include "IoTestFiles.h"
#include "TestUtils.h"
#include "io/ImageProbe.h"

#include <cstring>

namespace cropdeck::test {

QString compareWindowsWithReference(const QString& path, const RegionDecoder& decode, int randomWindows,
                                    unsigned seed, const char* decoderName, FailOn failOn) {
    const Result<ImageInfo> info = probeImage(path, 0);
    if (!info)
        return QStringLiteral("probe failed: ") + info.error().message;
    const cv::Mat reference = referenceDecode(path);
    if (reference.empty())
        return QStringLiteral("the reference decode failed");
    for (const QRect& r : testWindows(info->width, info->height, randomWindows, seed)) {
        const QString where =
            QStringLiteral("window %1,%2 %3×%4: ").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
        const Result<DecodedRegion> decoded = decode(path, *info, DecodeRequest{r, 1, failOn, nullptr});
        if (!decoded)
            return where + decoded.error().message;
        if (decoderName && std::strcmp(decoded->decoder, decoderName) != 0)
            return where + QStringLiteral("decoded by %1, expected %2").arg(decoded->decoder, decoderName);
        if (decoded->region != r || decoded->scaledRegion != r)
            return where + QStringLiteral("reported region differs");
        const cv::Mat expected = reference(cv::Rect(r.x(), r.y(), r.width(), r.height()));
        if (differingPixels(decoded->pixels, expected) != 0)
            return where + describeDifference(decoded->pixels, expected);
    }
    return {};
}

} // namespace cropdeck::test
