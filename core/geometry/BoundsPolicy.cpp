// SPDX-License-Identifier: GPL-3.0-or-later
#include "geometry/BoundsPolicy.h"

#include <QStringList>

#include <algorithm>

namespace cropdeck {

namespace {

QString describeWindow(const QRect& window) {
    return QStringLiteral("window (x=%1, y=%2, %3x%4)")
        .arg(window.x())
        .arg(window.y())
        .arg(window.width())
        .arg(window.height());
}

QString describeImage(QSize image) {
    return QStringLiteral("%1x%2 image").arg(image.width()).arg(image.height());
}

BoundsPlan cutPlan(const QRect& source, QSize canvas, QPoint offset) {
    BoundsPlan plan;
    plan.sourceRect = source;
    plan.canvasSize = canvas;
    plan.destOffset = offset;
    plan.needsPadding = canvas != source.size();
    return plan;
}

BoundsPlan skipPlan(QString reason) {
    BoundsPlan plan;
    plan.skip = true;
    plan.skipReason = std::move(reason);
    return plan;
}

BoundsPlan errorPlan(ErrorKind kind, QString message) {
    BoundsPlan plan;
    plan.error = makeError(kind, std::move(message));
    return plan;
}

// One axis of the Shift policy: [start, start + length) moved inside [0, extent), or clipped to it
// when it does not fit.
std::pair<int, int> shiftAxis(int start, int length, int extent) {
    if (length >= extent)
        return {0, extent};
    return {std::clamp(start, 0, extent - length), length};
}

} // namespace

QString describeOverhang(const QRect& window, QSize image) {
    const qint64 left = -qint64(window.x());
    const qint64 top = -qint64(window.y());
    const qint64 right = qint64(window.x()) + window.width() - image.width();
    const qint64 bottom = qint64(window.y()) + window.height() - image.height();
    QStringList parts;
    const auto add = [&parts](qint64 amount, const char* side) {
        if (amount > 0)
            parts << QStringLiteral("%1 px past the %2 edge").arg(amount).arg(QLatin1String(side));
    };
    add(left, "left");
    add(top, "top");
    add(right, "right");
    add(bottom, "bottom");
    return parts.join(QStringLiteral(" and "));
}

BoundsPlan planBounds(const QRect& window, QSize image, BoundsPolicy policy) {
    if (window.isEmpty())
        return errorPlan(ErrorKind::Invalid, QStringLiteral("%1 is empty").arg(describeWindow(window)));
    if (image.isEmpty())
        return errorPlan(ErrorKind::Invalid,
                         QStringLiteral("the image is empty (%1x%2)").arg(image.width()).arg(image.height()));

    const QRect imageRect(QPoint(0, 0), image);
    const QRect inside = window.intersected(imageRect);
    if (inside == window)
        return cutPlan(window, window.size(), QPoint(0, 0));

    const QString where =
        QStringLiteral("%1 sticks out of the %2: %3")
            .arg(describeWindow(window), describeImage(image), describeOverhang(window, image));
    if (policy == BoundsPolicy::Error)
        return errorPlan(ErrorKind::OutOfBounds, where);
    if (policy == BoundsPolicy::Skip)
        return skipPlan(where);
    if (policy == BoundsPolicy::Shift) {
        const auto [x, width] = shiftAxis(window.x(), window.width(), image.width());
        const auto [y, height] = shiftAxis(window.y(), window.height(), image.height());
        return cutPlan(QRect(x, y, width, height), QSize(width, height), QPoint(0, 0));
    }
    if (inside.isEmpty())
        return skipPlan(QStringLiteral("%1 lies wholly outside the %2")
                            .arg(describeWindow(window), describeImage(image)));
    if (policy == BoundsPolicy::Pad)
        return cutPlan(inside, window.size(), inside.topLeft() - window.topLeft());
    return cutPlan(inside, inside.size(), QPoint(0, 0));
}

} // namespace cropdeck
