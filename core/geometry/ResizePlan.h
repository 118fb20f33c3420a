// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Output sizes for each ResizeMode, and the JPEG DCT-domain scale that a resize allows.
//
//   None   the region as it is.
//   Exact  target W×H, aspect not kept.
//   Fit    the largest size inside W×H with the region's aspect (one side equals the target's; the other
//          is rounded to nearest, at least 1). Small regions are enlarged.
//   Fill   the smallest size covering W×H with the region's aspect, then the centre W×H of it
//          (start = floor((scaled - target) / 2), as centreCrop).

#include "Result.h"
#include "geometry/GeometryOptions.h"

#include <QRect>
#include <QSize>

namespace cropdeck {

struct ResizePlan {
    QSize scaledSize; // resize the region to this size...
    QRect keep;       // ...then keep this part of it: the whole of it except for Fill
    QSize outputSize() const { return keep.size(); }
    bool resizes(QSize region) const { return scaledSize != region; }
};

// An ErrorKind::Invalid error for an empty region, or an empty target with Exact, Fit or Fill.
[[nodiscard]] Result<ResizePlan> planResize(QSize region, ResizeMode mode, QSize target);

// The largest s in {1, 2, 4, 8} with ceil(region / s) >= output on both axes: decoding at 1/s then
// still never enlarges. Pass ResizePlan::scaledSize as `output`. 1 for empty sizes.
[[nodiscard]] int chooseDctScale(QSize region, QSize output);

} // namespace cropdeck
