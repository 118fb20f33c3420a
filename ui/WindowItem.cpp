// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/WindowItem.h"

#include "ui/WindowHandles.h"

#include <QCryptographicHash>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace cropdeck::ui {

QColor labelColour(const QString& label) {
    // A hash, not qHash: qHash is seeded per process, and colours must not change between runs.
    const QByteArray digest = QCryptographicHash::hash(label.toUtf8(), QCryptographicHash::Md5);
    const int hue = (uchar(digest[0]) << 8 | uchar(digest[1])) % 360;
    return QColor::fromHsv(hue, 220, 255);
}

WindowItem::WindowItem(int windowIndex, const QRectF& sceneRect, const QString& label, bool editable)
    : QGraphicsRectItem(sceneRect)
    , m_windowIndex(windowIndex)
    , m_editable(editable) {
    setFlag(QGraphicsItem::ItemIsSelectable);
    setLabel(label);
}

void WindowItem::setLabel(const QString& label) {
    m_label = label;
    m_colour = labelColour(label);
    QPen pen(m_colour, 2);
    pen.setCosmetic(true);
    setPen(pen);
    updateToolTip();
    update();
}

void WindowItem::updateToolTip() {
    QString tip = m_label.isEmpty() ? QObject::tr("window %1").arg(m_windowIndex) : m_label;
    if (!m_editable)
        tip += QObject::tr(" (centre/scale window: read-only)");
    setToolTip(tip);
}

void WindowItem::setZoom(double zoom) {
    if (zoom <= 0 || zoom == m_zoom)
        return;
    prepareGeometryChange();
    m_zoom = zoom;
}

QRectF WindowItem::boundingRect() const {
    // Room for the handles and the outline, both a fixed number of screen pixels.
    const double margin = (kHandleSizePx / 2 + 3) / m_zoom;
    return rect().adjusted(-margin, -margin, margin, margin);
}

void WindowItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    const bool selected = option->state & QStyle::State_Selected;
    QPen outline = pen();
    if (selected) {
        outline.setWidth(3);
        painter->fillRect(rect(), QColor(m_colour.red(), m_colour.green(), m_colour.blue(), 48));
    }
    if (!m_editable)
        outline.setStyle(Qt::DashLine);
    painter->setPen(outline);
    painter->drawRect(rect());
    if (selected && m_editable) {
        QPen handlePen(Qt::black, 1);
        handlePen.setCosmetic(true);
        painter->setPen(handlePen);
        for (WindowPart handle : allHandles())
            painter->fillRect(handleRect(rect(), handle, m_zoom, kHandleSizePx), Qt::white);
        for (WindowPart handle : allHandles())
            painter->drawRect(handleRect(rect(), handle, m_zoom, kHandleSizePx));
    }
    if (m_label.isEmpty())
        return;
    // The label is drawn in device-independent pixels above the box, whatever the zoom.
    const QTransform toDevice = painter->worldTransform();
    const QPointF corner = toDevice.map(rect().topLeft());
    painter->save();
    painter->resetTransform();
    const QFontMetrics metrics(painter->font());
    const QRectF text(corner.x(), corner.y() - metrics.height() - 2, metrics.horizontalAdvance(m_label) + 8,
                      metrics.height() + 2);
    painter->fillRect(text, m_colour);
    painter->setPen(Qt::black);
    painter->drawText(text, Qt::AlignCenter, m_label);
    painter->restore();
}

} // namespace cropdeck::ui
