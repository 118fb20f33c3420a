// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The grid a lossless JPEG crop is aligned to, in the coordinates the boxes use. The crop starts on
// multiples of the MCU size in *stored* pixels (the lossless path moves a left or top edge down to
// them), so in an EXIF-rotated image the grid lines are the stored ones mapped upright: a mirrored
// axis has its lines at L - k·m, and a rotation swaps the MCU's width and height. The image's own
// edges (0 and L) are lines too: a crop may always end there.
//
// The GUI snaps edited boxes to these lines, so that what the user draws is what the lossless path
// writes, with no realignment. Boxes may lie outside the image; the grid extends beyond it.

#include <QRectF>
#include <QSize>

namespace cropdeck {

struct McuGrid {
    QSize storedSize;     // the image as stored
    QSize mcu{8, 8};      // MCU size in stored pixels (8 or 16 each way)
    int orientation = 1;  // EXIF 1..8 as applied to the boxes; 1 when the boxes refer to stored pixels
    bool isValid() const; // a non-empty image and MCU
};

// Distance between grid lines along the boxes' x and y (the MCU, transposed for orientations 5..8).
[[nodiscard]] QSize mcuStep(const McuGrid& grid);

// Every edge of `box` moved to its nearest grid line (ties: the smaller coordinate). An edge that would
// meet the opposite one moves a step further out, so the result is never empty. Invalid grid: `box`.
[[nodiscard]] QRectF snapBoxToMcuGrid(const QRectF& box, const McuGrid& grid);

// `box` moved, its size kept, so that the edges where the stored crop starts (stored left and top: the
// upright right or bottom edge on a mirrored axis) lie on their nearest grid lines. For fixed-size
// windows, whose size is not the user's to round. Invalid grid: `box`.
[[nodiscard]] QRectF snapPositionToMcuGrid(const QRectF& box, const McuGrid& grid);

} // namespace cropdeck
