// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/ReadPlanning.h"

#include "engine/RegionReader.h"

#include <algorithm>

namespace cropdeck {

QRect unionOf(const std::vector<PendingCut>& cuts) {
    QRect united;
    for (const PendingCut& cut : cuts)
        united = united.united(cut.plan.storedSource);
    return united;
}

std::vector<QRect> rowBandsOf(const std::vector<PendingCut>& cuts) {
    const QRect columns = unionOf(cuts);
    std::vector<std::pair<int, int>> rows; // [top, bottom]
    rows.reserve(cuts.size());
    for (const PendingCut& cut : cuts)
        rows.emplace_back(cut.plan.storedSource.top(), cut.plan.storedSource.bottom());
    std::sort(rows.begin(), rows.end());
    std::vector<QRect> bands;
    for (const auto& [top, bottom] : rows) {
        if (!bands.empty() && top <= bands.back().bottom() + 1)
            bands.back().setBottom(std::max(bands.back().bottom(), bottom));
        else
            bands.push_back(QRect(columns.x(), top, columns.width(), bottom - top + 1));
    }
    return bands;
}

// Every read of a file without random access decodes from the top again: a JPEG's entropy data (full
// rows, whatever the columns) down to the window, a PNG's zlib stream. Reading the windows together
// pays that once. For PNG the union rectangle costs little beyond the inflate (its memory is at most
// the image, which the batch's memory budget already reserves). For JPEG the row bands decode the
// windows' rows only, but across all their columns: they win unless the windows are few, near the
// top, and far apart sideways. Cost per pixel: 1 for entropy decoding a row, 1.5 for the IDCT,
// upsampling and colour conversion of a decoded pixel (measured: a full gray decode is 1.6 times its
// entropy decode, colour more).
ReadPlan planReads(const std::vector<PendingCut>& cuts, const RegionReader& reader, const ImageInfo& info,
                   ForcedReads forced, std::vector<QRect>* bands) {
    for (const PendingCut& cut : cuts)
        if (cut.scaleDenom != 1)
            return ReadPlan::EachWindow; // DCT scaling is per window
    switch (forced) {
    case ForcedReads::Auto:
        break;
    case ForcedReads::EachWindow:
        return ReadPlan::EachWindow;
    case ForcedReads::Union:
        return ReadPlan::Union;
    case ForcedReads::RowBands:
        return ReadPlan::RowBands;
    case ForcedReads::WholeImage:
        return ReadPlan::WholeImage;
    }
    if (cuts.size() < 2 || !reader.readsFromTheTop())
        return ReadPlan::EachWindow;
    if (info.format != ImageFormat::Jpeg)
        return ReadPlan::Union;
    const double width = info.width;
    double eachWindow = 0;
    int lowest = 0;
    for (const PendingCut& cut : cuts) {
        const QRect& r = cut.plan.storedSource;
        eachWindow += width * (r.bottom() + 1) + 1.5 * double(r.width()) * r.height();
        lowest = std::max(lowest, r.bottom() + 1);
    }
    std::vector<QRect> rowBands = rowBandsOf(cuts);
    double bandRows = 0;
    for (const QRect& band : rowBands)
        bandRows += band.height();
    if (bands)
        *bands = std::move(rowBands); // the caller reads them, if it does, without sorting the cuts again
    const double together = width * lowest + 1.5 * double(unionOf(cuts).width()) * bandRows;
    return together <= eachWindow ? ReadPlan::RowBands : ReadPlan::EachWindow;
}

cv::Mat cutFrom(const DecodedRegion& decoded, const QRect& storedRect) {
    const QRect local = storedRect.translated(-decoded.region.topLeft());
    return decoded.pixels(cv::Rect(local.x(), local.y(), local.width(), local.height()));
}

} // namespace cropdeck
