// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/WindowItem.h"

#include "ui/WindowHandles.h"

#include <QCryptographicHash>
#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>
#include <QPixmapCache>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace cropdeck::ui {
namespace {

constexpr double kLabelPaddingPx = 8; // left + right of the text
constexpr double kLabelGapPx = 2;     // between the label and the box

// A rectangle's outline `width` pixels thick inside `rect`, as four filled strips.
void fillFrame(QPainter* painter, const QRectF& rect, double width, const QColor& colour) {
    const double w = std::min(width, rect.width() / 2), h = std::min(width, rect.height() / 2);
    painter->fillRect(QRectF(rect.left(), rect.top(), rect.width(), h), colour);
    painter->fillRect(QRectF(rect.left(), rect.bottom() - h, rect.width(), h), colour);
    painter->fillRect(QRectF(rect.left(), rect.top() + h, w, rect.height() - 2 * h), colour);
    painter->fillRect(QRectF(rect.right() - w, rect.top() + h, w, rect.height() - 2 * h), colour);
}

QSizeF labelBandSize(const QString& label, const QFont& font) {
    const QFontMetricsF metrics(font);
    return QSizeF(std::ceil(metrics.horizontalAdvance(label)) + kLabelPaddingPx,
                  std::ceil(metrics.height()) + kLabelGapPx);
}

// The label's band and text, drawn once: text shaping for 1,000 labels would take most of a frame.
QPixmap labelPixmap(const QString& label, const QColor& colour, const QFont& font, double pixelRatio) {
    const QString key =
        QStringLiteral("cropdeck-window-label/%1/%2/%3").arg(font.key()).arg(pixelRatio).arg(label);
    QPixmap pixmap;
    if (QPixmapCache::find(key, &pixmap))
        return pixmap;
    const QSizeF band = labelBandSize(label, font);
    pixmap = QPixmap((band * pixelRatio).toSize());
    pixmap.setDevicePixelRatio(pixelRatio);
    pixmap.fill(colour);
    QPainter painter(&pixmap);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(QRectF(QPointF(0, 0), band), Qt::AlignCenter, label);
    painter.end();
    QPixmapCache::insert(key, pixmap);
    return pixmap;
}

} // namespace

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
    prepareGeometryChange(); // the label's width is part of the bounding rectangle
    m_label = label;
    m_colour = labelColour(label);
    m_labelSize = label.isEmpty() ? QSizeF() : labelBandSize(label, QFont()); // the canvas's font
    updateToolTip();
    update();
}

void WindowItem::updateToolTip() {
    QString tip = m_label.isEmpty() ? QObject::tr("window %1").arg(m_windowIndex) : m_label;
    if (!m_editable)
        tip += QObject::tr(" (centre/scale window: read-only)");
    if (!m_cut.note.isEmpty())
        tip += QStringLiteral("\n") + m_cut.note;
    setToolTip(tip);
}

void WindowItem::setZoom(double zoom) {
    if (zoom <= 0 || zoom == m_zoom)
        return;
    prepareGeometryChange();
    m_zoom = zoom;
}

void WindowItem::setResizable(bool resizable) {
    if (resizable == m_resizable)
        return;
    m_resizable = resizable;
    update();
}

void WindowItem::setCut(const WindowCut& cut) {
    prepareGeometryChange();
    m_cut = cut;
    updateToolTip();
}

QRectF WindowItem::boundingRect() const {
    // The box, the batch's window and cut, and, a fixed number of screen pixels around them, the handles,
    // the outline and the label above.
    QRectF drawn = rect();
    if (m_cut.kind != WindowCut::Kind::None)
        drawn = drawn.united(m_cut.window).united(m_cut.cut);
    const double margin = (kHandleSizePx / 2 + 3) / m_zoom;
    const double above = std::max(margin, (m_labelSize.height() + 1) / m_zoom);
    const double labelRight = rect().left() + (m_labelSize.width() + 1) / m_zoom;
    return drawn.adjusted(-margin, -above, std::max(margin, labelRight - drawn.right()), margin);
}

void WindowItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    const bool selected = option->state & QStyle::State_Selected;
    const QTransform toView = painter->worldTransform();
    painter->setWorldMatrixEnabled(false);
    const QRectF box = toView.mapRect(rect());
    if (m_cut.kind != WindowCut::Kind::None)
        paintCut(painter, toView);
    if (selected)
        painter->fillRect(box, QColor(m_colour.red(), m_colour.green(), m_colour.blue(), 48));
    if (m_editable) {
        fillFrame(painter, box, selected ? 3 : 2, m_colour);
    } else {
        QPen dashed(m_colour, 0, Qt::DashLine); // one pixel: the raster engine's fast cosmetic path
        painter->setPen(dashed);
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(box);
        painter->drawRect(box.adjusted(1, 1, -1, -1));
    }
    if (selected && isResizable()) {
        painter->setPen(QPen(Qt::black, 0));
        for (WindowPart handle : allHandles()) {
            const QRectF square = toView.mapRect(handleRect(rect(), handle, m_zoom, kHandleSizePx));
            painter->fillRect(square, Qt::white);
            painter->drawRect(square);
        }
    }
    if (!m_label.isEmpty() && box.width() >= kLabelMinBoxPx && box.height() >= kLabelMinBoxPx)
        paintLabel(painter, box);
    painter->setWorldMatrixEnabled(true);
}

void WindowItem::paintLabel(QPainter* painter, const QRectF& viewBox) {
    // The label sits above the box in view pixels, whatever the zoom.
    const QPixmap pixmap =
        labelPixmap(m_label, m_colour, painter->font(), painter->device()->devicePixelRatioF());
    painter->drawPixmap(QPointF(viewBox.left(), viewBox.top() - pixmap.deviceIndependentSize().height()),
                        pixmap);
}

} // namespace cropdeck::ui
