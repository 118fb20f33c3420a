// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/RegionRequestCheck.h"

namespace cropdeck {

Status checkRegionRequest(const DecodeRequest& request, const ImageInfo& info, const QString& path,
                          bool allowScaling) {
    const QRect& r = request.region;
    const QRect image(0, 0, info.width, info.height);
    if (r.isEmpty() || !image.contains(r))
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("%1: region %2,%3 %4×%5 is not inside the %6×%7 image")
                             .arg(path)
                             .arg(r.x())
                             .arg(r.y())
                             .arg(r.width())
                             .arg(r.height())
                             .arg(info.width)
                             .arg(info.height));
    const int s = request.scaleDenom;
    if (s != 1 && !(allowScaling && (s == 2 || s == 4 || s == 8)))
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("%1: decode scale 1/%2 is not supported here").arg(path).arg(s));
    return Status::success();
}

} // namespace cropdeck
