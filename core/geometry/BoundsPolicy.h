// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What to cut for a window that may stick out of the image, under each BoundsPolicy:
//
//   Clip   the part inside the image; a window wholly outside is skipped.
//   Shift  the window moved inside the image (keeping its size); on an axis where it is larger than the
//          image it is clipped to the image instead. A window wholly outside is shifted in too.
//   Pad    the part inside the image, placed on a canvas of the window's size; the rest is padding
//          (see Padding.h). A window wholly outside is skipped: there is nothing to pad from.
//   Skip   windows not wholly inside are skipped.
//   Error  windows not wholly inside are an ErrorKind::OutOfBounds error saying by how much they stick
//          out on which side.
//
// Skip reasons and error messages describe the window, not the file: the caller adds the file name.

#include "Result.h"
#include "geometry/GeometryOptions.h"

#include <QPoint>
#include <QRect>
#include <QSize>
#include <QString>

#include <optional>

namespace cropdeck {

struct BoundsPlan {
    bool skip = false; // nothing to cut; not an error. skipReason says why
    QString skipReason;
    std::optional<Error> error; // the Error policy rejected the window, or the input was invalid

    QRect sourceRect;          // pixels to read, inside the image; valid only when cuts()
    QSize canvasSize;          // size of the result before any resize
    QPoint destOffset;         // where sourceRect's top-left lands on the canvas
    bool needsPadding = false; // canvasSize is larger than sourceRect (Pad policy only)

    bool cuts() const { return !skip && !error; }
};

// `window` is in the same coordinates as `image` (upright or stored, as long as both agree).
// An empty window or an empty image gives an ErrorKind::Invalid error.
[[nodiscard]] BoundsPlan planBounds(const QRect& window, QSize image, BoundsPolicy policy);

// "12 px past the left edge and 3 px past the bottom edge" (empty when the window is inside).
[[nodiscard]] QString describeOverhang(const QRect& window, QSize image);

} // namespace cropdeck
