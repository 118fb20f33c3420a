// SPDX-License-Identifier: GPL-3.0-or-later
#include "geometry/ResizePlan.h"

#include <algorithm>

namespace cropdeck {

namespace {

// round(value × numerator / denominator) for positive operands, in integers so no float noise decides.
int scaleRounded(qint64 value, qint64 numerator, qint64 denominator) {
    return int(std::max<qint64>(1, (2 * value * numerator + denominator) / (2 * denominator)));
}

QSize fitSize(QSize region, QSize target) {
    const qint64 w = region.width();
    const qint64 h = region.height();
    // Width-limited when target.w / w <= target.h / h.
    if (qint64(target.width()) * h <= qint64(target.height()) * w)
        return QSize(target.width(), std::min(target.height(), scaleRounded(h, target.width(), w)));
    return QSize(std::min(target.width(), scaleRounded(w, target.height(), h)), target.height());
}

QSize coverSize(QSize region, QSize target) {
    const qint64 w = region.width();
    const qint64 h = region.height();
    if (qint64(target.width()) * h >= qint64(target.height()) * w)
        return QSize(target.width(), std::max(target.height(), scaleRounded(h, target.width(), w)));
    return QSize(std::max(target.width(), scaleRounded(w, target.height(), h)), target.height());
}

int ceilDiv(int value, int divisor) {
    return (value + divisor - 1) / divisor;
}

} // namespace

Result<ResizePlan> planResize(QSize region, ResizeMode mode, QSize target) {
    if (region.isEmpty())
        return makeError(
            ErrorKind::Invalid,
            QStringLiteral("cannot resize an empty %1x%2 region").arg(region.width()).arg(region.height()));
    if (mode != ResizeMode::None && target.isEmpty())
        return makeError(ErrorKind::Invalid, QStringLiteral("the resize target %1x%2 must be at least 1x1")
                                                 .arg(target.width())
                                                 .arg(target.height()));
    ResizePlan plan;
    switch (mode) {
    case ResizeMode::None:
        plan.scaledSize = region;
        break;
    case ResizeMode::Exact:
        plan.scaledSize = target;
        break;
    case ResizeMode::Fit:
        plan.scaledSize = fitSize(region, target);
        break;
    case ResizeMode::Fill: {
        plan.scaledSize = coverSize(region, target);
        const int x = (plan.scaledSize.width() - target.width()) / 2;
        const int y = (plan.scaledSize.height() - target.height()) / 2;
        plan.keep = QRect(QPoint(x, y), target);
        return plan;
    }
    }
    plan.keep = QRect(QPoint(0, 0), plan.scaledSize);
    return plan;
}

int chooseDctScale(QSize region, QSize output) {
    if (region.isEmpty() || output.isEmpty())
        return 1;
    for (int scale : {8, 4, 2}) {
        if (ceilDiv(region.width(), scale) >= output.width() &&
            ceilDiv(region.height(), scale) >= output.height())
            return scale;
    }
    return 1;
}

} // namespace cropdeck
