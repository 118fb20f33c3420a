// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One crop window on the canvas: its rectangle in scene coordinates (the boxes' own), outlined in its
// label's colour with a cosmetic pen (the same width at every zoom), and its label above it.

#include <QColor>
#include <QGraphicsRectItem>
#include <QString>

namespace cropdeck::ui {

// A stable, distinct colour per label (the same label has the same colour in every image and run).
[[nodiscard]] QColor labelColour(const QString& label);

class WindowItem : public QGraphicsRectItem {
public:
    WindowItem(int windowIndex, const QRectF& sceneRect, const QString& label);

    int windowIndex() const { return m_windowIndex; }
    const QString& label() const { return m_label; }

    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    int m_windowIndex;
    QString m_label;
    QColor m_colour;
};

} // namespace cropdeck::ui
