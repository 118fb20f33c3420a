// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to engine/ImageCropper: how the windows of one image are read (one read each, one read of
// their union, or their row bands in one pass), chosen by a cost model of the decoders.

#include "engine/ForcedStrategy.h"
#include "engine/WindowFinish.h"
#include "io/DecodeTypes.h"

#include <QRect>

#include <vector>

namespace cropdeck {

class RegionReader;

enum class ReadPlan {
    EachWindow, // one read per window: random access (restart markers, BMP), one window, or the OpenCV
                // fallback (which decodes once and serves every window from memory)
    Union,      // PNG: one decode of the rectangle holding every window
    RowBands,   // JPEG without restart markers: the windows' rows in one pass
    WholeImage, // one read of the whole image: only when forced (a union is never larger)
};

// The cheapest plan by the cost model below, or the one `forced` names (ForcedStrategy.h). DCT-scaled
// windows are read one by one whatever is forced: the scale is per window. When the model worked out
// rowBandsOf(cuts), they are moved to *bands (if given), so that reading them does not sort the cuts again.
ReadPlan planReads(const std::vector<PendingCut>& cuts, const RegionReader& reader, const ImageInfo& info,
                   ForcedReads forced = ForcedReads::Auto, std::vector<QRect>* bands = nullptr);

QRect unionOf(const std::vector<PendingCut>& cuts);

// The windows' row ranges merged where they share or touch a row, each spanning the columns of every
// window, top to bottom.
std::vector<QRect> rowBandsOf(const std::vector<PendingCut>& cuts);

// A view of `storedRect` (inside decoded.region) in the decoded pixels.
cv::Mat cutFrom(const DecodedRegion& decoded, const QRect& storedRect);

} // namespace cropdeck
