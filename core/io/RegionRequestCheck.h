// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The checks every region decoder in io/ makes before it reads a byte: the region is non-empty and
// lies inside the stored image, and the scale is one the decoder supports.

#include "Result.h"
#include "io/DecodeTypes.h"
#include "io/ImageInfo.h"

#include <QString>

namespace cropdeck {

// Invalid (naming the file and the region) unless request.region lies inside info's stored size and
// request.scaleDenom is 1 (or, with allowScaling, 1, 2, 4 or 8).
Status checkRegionRequest(const DecodeRequest& request, const ImageInfo& info, const QString& path,
                          bool allowScaling = false);

// True when the caller asked to stop.
inline bool cancelled(const DecodeRequest& request) {
    return request.cancel && request.cancel->load();
}

inline Error cancelledError(const QString& path) {
    return makeError(ErrorKind::Cancelled, QStringLiteral("%1: cancelled").arg(path));
}

} // namespace cropdeck
