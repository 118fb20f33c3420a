// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One crop window on the canvas: its rectangle in scene coordinates (the boxes' own), outlined in its
// label's colour (the same width at every zoom), and its label above it. A selected, editable window
// shows its eight resize handles at a fixed screen size (WindowHandles.h); read-only windows
// (centre/scale squares) show none. Over that, what the batch will cut of it (WindowItemCut.cpp): the
// final cut as a thin secondary outline, the part outside the image as the bounds policy treats it.
// The item only draws: the canvas handles the mouse.
//
// Drawing is in device-independent pixels of the view (the world transform is switched off): outlines
// are filled strips and cosmetic one-pixel lines, the raster engine's fast paths, and a label is a
// pixmap drawn once per label, font and pixel ratio (QPixmapCache), so 1,000 windows repaint in a few
// milliseconds.

#include "ui/CutPreview.h"

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
    // Labels are drawn only over windows at least this many logical pixels wide and high on screen:
    // smaller ones would be hidden under a crowd of labels anyway (the tooltip still names them).
    static constexpr double kLabelMinBoxPx = 12;

    WindowItem(int windowIndex, const QRectF& sceneRect, const QString& label, bool editable = true);

    int windowIndex() const { return m_windowIndex; }
    const QString& label() const { return m_label; }
    bool isEditable() const { return m_editable; }
    void setLabel(const QString& label);
    // The view's zoom, for the handles' size in scene units.
    void setZoom(double zoom);
    // Whether the handles show when selected (not for fixed-size windows, whose size is the batch's).
    void setResizable(bool resizable);
    bool isResizable() const { return m_editable && m_resizable; }
    // What the batch will cut of this window (Kind::None: nothing more is drawn).
    void setCut(const WindowCut& cut);
    const WindowCut& cut() const { return m_cut; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void updateToolTip();
    void paintCut(QPainter* painter, const QTransform& toView) const; // WindowItemCut.cpp
    void paintLabel(QPainter* painter, const QRectF& viewBox);

    int m_windowIndex;
    QString m_label;
    QColor m_colour;
    QSizeF m_labelSize; // in view pixels, the band behind the text included
    bool m_editable;
    bool m_resizable = true;
    double m_zoom = 1;
    WindowCut m_cut;
};

} // namespace cropdeck::ui
