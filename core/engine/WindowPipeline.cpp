// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/WindowPipeline.h"

#include "geometry/Orientation.h"
#include "geometry/PixelRect.h"
#include "geometry/WindowShaping.h"

#include <cmath>

namespace cropdeck {

namespace {

Error windowError(const CropWindow& window, ErrorKind kind, const QString& problem) {
    const QString name =
        window.id.isEmpty() ? QStringLiteral("window") : QStringLiteral("window %1").arg(window.id);
    return makeError(kind, QStringLiteral("%1: %2").arg(name, problem));
}

QString describeBox(const QRectF& box) {
    return QStringLiteral("box (x=%1, y=%2, w=%3, h=%4)")
        .arg(box.x())
        .arg(box.y())
        .arg(box.width())
        .arg(box.height());
}

Result<QRect> baseRect(const CropWindow& window, QSize imageSize, const CropSettings& settings) {
    if (window.kind == CropWindow::Kind::Box) {
        if (const auto rect = pixelRectFromBox(window.box))
            return *rect;
        return windowError(
            window, ErrorKind::Invalid,
            QStringLiteral("%1 is empty, not a number or too large").arg(describeBox(window.box)));
    }
    const NormalizedSquare& square = window.square;
    if (const auto rect = normalizedSquareWindow(square, imageSize, settings.normalizedMaxFraction))
        return *rect;
    return windowError(
        window, ErrorKind::Invalid,
        QStringLiteral("cannot place the square (x=%1, y=%2, scale=%3, max fraction %4) on a %5x%6 image")
            .arg(square.x)
            .arg(square.y)
            .arg(square.scale)
            .arg(settings.normalizedMaxFraction)
            .arg(imageSize.width())
            .arg(imageSize.height()));
}

} // namespace

Result<QRect> resolveWindowRect(const CropWindow& window, QSize imageSize, const CropSettings& settings) {
    Result<QRect> base = baseRect(window, imageSize, settings);
    if (!base)
        return base;
    const std::optional<QRect> margined = applyMargin(*base, settings.margin);
    if (!margined)
        return windowError(window, ErrorKind::Invalid,
                           QStringLiteral("the margin %1%2 leaves nothing of it")
                               .arg(settings.margin.value)
                               .arg(settings.margin.percent ? QStringLiteral("%") : QStringLiteral(" px")));
    const std::optional<QRect> locked = lockAspect(*margined, settings.aspect);
    if (!locked)
        return windowError(window, ErrorKind::Invalid,
                           QStringLiteral("cannot lock it to the aspect ratio %1").arg(settings.aspect));
    if (!settings.fixedSize.isValid())
        return *locked;
    const std::optional<QRect> fixed = fixedSizeAround(*locked, settings.fixedSize);
    if (!fixed)
        return windowError(window, ErrorKind::Invalid,
                           QStringLiteral("the fixed window size %1x%2 must be at least 1x1")
                               .arg(settings.fixedSize.width())
                               .arg(settings.fixedSize.height()));
    return *fixed;
}

Result<WindowPlan> planWindow(const CropWindow& window, QSize storedSize, int orientation,
                              bool coordinatesOnStoredPixels, const CropSettings& settings) {
    WindowPlan plan;
    const bool upright = settings.orientationFromExif && !coordinatesOnStoredPixels;
    plan.orientation = upright ? normalizedOrientation(orientation) : 1;
    const QSize imageSize = uprightSize(storedSize, plan.orientation);

    Result<QRect> rect = resolveWindowRect(window, imageSize, settings);
    if (!rect)
        return rect.error();
    plan.window = *rect;
    plan.bounds = planBounds(plan.window, imageSize, settings.bounds);
    if (plan.bounds.error)
        return windowError(window, plan.bounds.error->kind, plan.bounds.error->message);
    if (plan.bounds.cuts())
        plan.storedSource = uprightToStored(plan.bounds.sourceRect, storedSize, plan.orientation);
    return plan;
}

} // namespace cropdeck
