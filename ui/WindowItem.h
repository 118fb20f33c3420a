// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One crop window on the canvas: its rectangle in scene coordinates (the boxes' own), outlined in its
// label's colour with a cosmetic pen (the same width at every zoom), and its label above it. A selected,
// editable window shows its eight resize handles at a fixed screen size (WindowHandles.h); read-only
// windows (centre/scale squares) show none. The item only draws: the canvas handles the mouse.

#include <QColor>
#include <QGraphicsRectItem>
#include <QString>

namespace cropdeck::ui {

// A stable, distinct colour per label (the same label has the same colour in every image and run).
[[nodiscard]] QColor labelColour(const QString& label);

class WindowItem : public QGraphicsRectItem {
public:
    // Handles are this many logical pixels wide at every zoom.
    static constexpr double kHandleSizePx = 8;

    WindowItem(int windowIndex, const QRectF& sceneRect, const QString& label, bool editable = true);

    int windowIndex() const { return m_windowIndex; }
    const QString& label() const { return m_label; }
    bool isEditable() const { return m_editable; }
    void setLabel(const QString& label);
    // The view's zoom, for the handles' size in scene units.
    void setZoom(double zoom);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void updateToolTip();

    int m_windowIndex;
    QString m_label;
    QColor m_colour;
    bool m_editable;
    double m_zoom = 1;
};

} // namespace cropdeck::ui
