// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/MinBoxSize.h"

#include <cmath>

namespace cropdeck {

bool isBelowMinBoxSize(const CropWindow& window, int minSide) {
    if (minSide <= 0 || window.kind != CropWindow::Kind::Box)
        return false;
    const QRectF& box = window.box;
    if (!std::isfinite(box.x()) || !std::isfinite(box.y()) || !std::isfinite(box.width()) ||
        !std::isfinite(box.height()))
        return false; // reported as "not a number", not as small
    return box.width() < minSide || box.height() < minSide;
}

} // namespace cropdeck
