// SPDX-License-Identifier: GPL-3.0-or-later
// WindowItem's drawing of what the batch will cut (CutPreview.h), in view pixels:
//
//   clip    the part outside the image hatched (cut off); the kept rectangle as a thin dashed outline
//   shift   the part outside hatched (not there to read); the rectangle cut, moved inside, dashed
//   pad     the part outside filled with the pad colour, or for `edge` with lines across the image's
//           edge (its pixels repeated outwards); the whole output, padding included, dashed
//   skip    the window dashed and struck through
//   error   the window in red, crossed out
//
// Margins, aspect and fixed size change the window: the thin outline is always the final cut.
#include "ui/WindowItem.h"

#include <QPainter>

namespace cropdeck::ui {
namespace {

const QColor kErrorColour(220, 30, 30);

QBrush outsideBrush(const WindowCut& cut, const OutsidePart& part, const QColor& colour) {
    if (cut.policy != BoundsPolicy::Pad)
        return QBrush(colour, Qt::BDiagPattern);
    if (cut.edgePad) // lines at right angles to the edge the pixels repeat from
        return QBrush(colour, part.across ? Qt::VerPattern : Qt::HorPattern);
    return QBrush(cut.padColour);
}

} // namespace

void WindowItem::paintCut(QPainter* painter, const QTransform& toView) const {
    const QRectF window = toView.mapRect(m_cut.window);
    painter->setBrush(Qt::NoBrush);
    switch (m_cut.kind) {
    case WindowCut::Kind::None:
        return;
    case WindowCut::Kind::Skip:
        painter->setPen(QPen(m_colour, 0, Qt::DashLine));
        painter->drawRect(window);
        painter->drawLine(window.bottomLeft(), window.topRight());
        return;
    case WindowCut::Kind::Error:
        painter->setPen(QPen(kErrorColour, 0));
        painter->drawRect(window);
        painter->drawRect(window.adjusted(1, 1, -1, -1)); // two pixels: an error must be seen
        painter->drawLine(window.topLeft(), window.bottomRight());
        painter->drawLine(window.bottomLeft(), window.topRight());
        return;
    case WindowCut::Kind::Crop:
        break;
    }
    for (const OutsidePart& part : m_cut.outside)
        painter->fillRect(toView.mapRect(part.rect), outsideBrush(m_cut, part, m_colour));
    if (m_cut.output() == rect())
        return; // the box is what is cut: its own outline says it
    painter->setPen(QPen(m_colour, 0, Qt::DashLine));
    painter->drawRect(toView.mapRect(m_cut.output()));
}

} // namespace cropdeck::ui
