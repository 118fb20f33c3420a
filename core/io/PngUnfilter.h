// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Undoes PNG's per-row filters (None, Sub, Up, Average, Paeth; PNG spec section 9) in place. Up, Average
// and Paeth read the row above, so rows must be unfiltered from the top of the image down.

#include <QtGlobal>

#include <cstddef>

namespace cropdeck {

// `row` points at a row's filter-type byte, followed by its `rowBytes` filtered bytes, which become the
// unfiltered bytes. `above` holds the unfiltered bytes of the row above (zeros for the first row).
// `stride` is the bytes of one whole pixel (at least 1). False for an unknown filter type.
bool unfilterPngRow(uchar* row, const uchar* above, size_t rowBytes, int stride);

} // namespace cropdeck
