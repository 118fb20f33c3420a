// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/WindowItem.h"

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

WindowItem::WindowItem(int windowIndex, const QRectF& sceneRect, const QString& label)
    : QGraphicsRectItem(sceneRect)
    , m_windowIndex(windowIndex)
    , m_label(label)
    , m_colour(labelColour(label)) {
    setFlag(QGraphicsItem::ItemIsSelectable);
    QPen pen(m_colour, 2);
    pen.setCosmetic(true);
    setPen(pen);
    setToolTip(label.isEmpty() ? QObject::tr("window %1").arg(windowIndex) : label);
}

void WindowItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    QPen outline = pen();
    if (option->state & QStyle::State_Selected) {
        outline.setWidth(3);
        painter->fillRect(rect(), QColor(m_colour.red(), m_colour.green(), m_colour.blue(), 48));
    }
    painter->setPen(outline);
    painter->drawRect(rect());
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
