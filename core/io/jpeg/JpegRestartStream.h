// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to io/jpeg: a smaller JPEG made from a baseline JPEG with restart markers, holding only the
// MCU rows (and, where the restart intervals split every row alike, the MCU columns) a region needs. Its
// MCU rows start at restart intervals that begin on an MCU row, and its columns are whole intervals, where
// the entropy decoder's state is reset exactly as in a fresh scan, so its pixels are those of the
// original; one MCU of context is kept on each side where chroma upsampling looks at neighbours.

#include "io/DecodeTypes.h"
#include "io/jpeg/JpegHeader.h"

#include <vector>

namespace cropdeck::jpeg {

struct RestartPlan {
    int firstInterval = 0; // restart interval the stream starts with (begins on MCU row firstRow)
    int lastInterval = 0;  // last interval whose data it needs
    int firstRow = 0;      // MCU rows [firstRow, lastRow] of the original
    int lastRow = 0;
    int rowOffset = 0; // firstRow in pixels: the stream's row 0 is this row of the original
    int height = 0;    // stream height in pixels
    // Columns: every row keeps its intervals [firstColumnInterval, endColumnInterval) counted from the
    // row's first interval; 0 and intervalsPerRow when whole rows are kept (then intervalsPerRow is 0
    // if intervals do not split every row alike, and the intervals are taken as one run).
    int intervalsPerRow = 0;
    int firstColumnInterval = 0;
    int endColumnInterval = 0;
    int columnOffset = 0; // in pixels: the stream's column 0 is this column of the original
    int width = 0;        // stream width in pixels
};

// How to reach `request` through restart markers, or nullopt when that gains nothing (no DRI, a
// progressive, arithmetic, multi-scan or non-8-bit file, a bad request, or no usable restart interval
// before the region). Needs only the header.
std::optional<RestartPlan> planRestartAccess(const JpegLayout& layout, const DecodeRequest& request);

// Writes the smaller JPEG into `out`: header segments (SOF size rewritten, metadata dropped), the
// entropy data of the planned intervals with RST markers between them numbered from RST0, and EOI.
// False when the restart markers are not where the header says (damaged data).
bool buildRestartStream(QByteArrayView data, const JpegLayout& layout, const RestartPlan& plan,
                        std::vector<unsigned char>& out);

} // namespace cropdeck::jpeg
