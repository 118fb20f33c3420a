// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/CutPreview.h"

#include "engine/ImageCropper.h"
#include "geometry/BoundsPolicy.h"
#include "geometry/Orientation.h"

#include <QObject>

namespace cropdeck::ui {
namespace {

QString rectText(const QRect& rect) {
    return QStringLiteral("%1,%2 %3×%4").arg(rect.x()).arg(rect.y()).arg(rect.width()).arg(rect.height());
}

} // namespace

QList<OutsidePart> partsOutside(const QRectF& window, const QRectF& image) {
    const QRectF inside = window.intersected(image);
    if (inside.isEmpty())
        return {{window, true}};
    QList<OutsidePart> parts;
    if (window.top() < inside.top())
        parts.append(
            {QRectF(QPointF(window.left(), window.top()), QPointF(window.right(), inside.top())), true});
    if (inside.bottom() < window.bottom())
        parts.append(
            {QRectF(QPointF(window.left(), inside.bottom()), QPointF(window.right(), window.bottom())),
             true});
    if (window.left() < inside.left())
        parts.append(
            {QRectF(QPointF(window.left(), inside.top()), QPointF(inside.left(), inside.bottom())), false});
    if (inside.right() < window.right())
        parts.append(
            {QRectF(QPointF(inside.right(), inside.top()), QPointF(window.right(), inside.bottom())), false});
    return parts;
}

CutPreview::CutPreview(const CropSettings& settings, const ImageInfo& info)
    : m_active(info.width > 0 && info.height > 0)
    , m_settings(settings)
    , m_info(info) {
    const QSize stored(info.width, info.height);
    m_imageSize = settings.orientationFromExif ? uprightSize(stored, info.orientation) : stored;
    m_grid = losslessGrid(info, settings);
}

InspectedWindow CutPreview::inspect(const CropWindow& window) const {
    return inspectWindow(window, m_info, m_settings);
}

WindowCut CutPreview::cutOf(const CropWindow& window) const {
    WindowCut cut;
    if (!m_active)
        return cut;
    const InspectedWindow inspected = inspect(window);
    cut.policy = m_settings.bounds;
    cut.window = QRectF(inspected.window);
    cut.outside = partsOutside(cut.window, QRectF(QPointF(0, 0), QSizeF(m_imageSize)));
    switch (inspected.action) {
    case InspectedWindow::Action::Fail:
        cut.kind = WindowCut::Kind::Error;
        cut.note = inspected.error ? inspected.error->message : QString();
        return cut;
    case InspectedWindow::Action::Skip:
        cut.kind = WindowCut::Kind::Skip;
        cut.note = inspected.skipReason;
        return cut;
    case InspectedWindow::Action::Crop:
    case InspectedWindow::Action::AlreadyDone:
        break;
    }
    cut.kind = WindowCut::Kind::Crop;
    cut.cut = QRectF(inspected.cut.value_or(inspected.window));
    cut.edgePad = m_settings.padMode == PadMode::Edge;
    cut.padColour = QColor(m_settings.padBgr[2], m_settings.padBgr[1], m_settings.padBgr[0]);
    return cut;
}

QString CutPreview::boundsText(const CropWindow& window) const {
    if (!m_active)
        return {};
    const InspectedWindow inspected = inspect(window);
    if (inspected.action == InspectedWindow::Action::Fail)
        return QObject::tr("error: %1").arg(inspected.error ? inspected.error->message : QString());
    if (inspected.action == InspectedWindow::Action::Skip)
        return QObject::tr("skipped: %1").arg(inspected.skipReason);
    if (!inspected.cut)
        return QObject::tr("inside");
    switch (m_settings.bounds) {
    case BoundsPolicy::Shift:
        return QObject::tr("shifted to %1").arg(rectText(*inspected.cut));
    case BoundsPolicy::Pad:
        return QObject::tr("padded: %1").arg(describeOverhang(inspected.window, m_imageSize));
    case BoundsPolicy::Clip:
    case BoundsPolicy::Skip:
    case BoundsPolicy::Error:
        break;
    }
    return QObject::tr("clipped to %1").arg(rectText(*inspected.cut));
}

QRectF CutPreview::snapped(const QRectF& box) const {
    if (!m_active || !m_grid)
        return box;
    return m_settings.fixedSize.isValid() ? snapPositionToMcuGrid(box, *m_grid)
                                          : snapBoxToMcuGrid(box, *m_grid);
}

} // namespace cropdeck::ui
