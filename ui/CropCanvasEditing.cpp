// SPDX-License-Identifier: GPL-3.0-or-later
// The canvas's editing side: mouse gestures (select, move, resize, add, rubber band, pan) and keys
// (nudge, delete, duplicate). Every change is an AnnotationDocument edit; the items follow its signals.
// The geometry is WindowHandles.h; the gestures are described in CropCanvas.h.
#include "ui/AnnotationDocument.h"
#include "ui/CropCanvas.h"
#include "ui/WindowItem.h"

#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>

#include <algorithm>
#include <limits>
#include <utility>

namespace cropdeck::ui {
namespace {
constexpr int kDragThresholdPx = 3;     // a press that moves less is a click
constexpr double kDuplicateOffset = 10; // image pixels right and down

Qt::CursorShape cursorFor(WindowPart part) {
    switch (part) {
    case WindowPart::TopLeft:
    case WindowPart::BottomRight:
        return Qt::SizeFDiagCursor;
    case WindowPart::TopRight:
    case WindowPart::BottomLeft:
        return Qt::SizeBDiagCursor;
    case WindowPart::Top:
    case WindowPart::Bottom:
        return Qt::SizeVerCursor;
    case WindowPart::Left:
    case WindowPart::Right:
        return Qt::SizeHorCursor;
    case WindowPart::Body:
        return Qt::SizeAllCursor;
    case WindowPart::Outside:
        break;
    }
    return Qt::ArrowCursor;
}
} // namespace

void CropCanvas::setAddMode(bool on) {
    if (on == m_addMode)
        return;
    m_addMode = on;
    viewport()->setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
    emit addModeChanged(on);
}

WindowItem* CropCanvas::windowAt(QPointF scene, WindowPart* part) const {
    const QList<WindowItem*> items = windowItems();
    // Handles of selected editable windows first (they may lie just outside the box)...
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
        WindowItem* item = *it;
        if (!item->isSelected() || !item->isResizable() || !item->isVisible())
            continue;
        const WindowPart hit = hitTest(item->rect(), scene, zoom(), WindowItem::kHandleSizePx, true);
        if (isHandle(hit)) {
            *part = hit;
            return item;
        }
    }
    // ...then the smallest box under the pointer, so a window nested in a larger one can be picked.
    WindowItem* best = nullptr;
    double bestArea = std::numeric_limits<double>::max();
    for (WindowItem* item : items) {
        if (!item->isVisible())
            continue; // its label is hidden
        const double area = item->rect().width() * item->rect().height();
        if (hitTest(item->rect(), scene, zoom(), 0, false) == WindowPart::Body && area < bestArea) {
            best = item;
            bestArea = area;
        }
    }
    *part = best ? WindowPart::Body : WindowPart::Outside;
    return best;
}

QList<int> CropCanvas::editableSelection() const {
    QList<int> editable;
    for (int index : selectedWindows())
        if (m_document && m_document->isEditable(m_image, index))
            editable.append(index);
    return editable;
}

bool CropCanvas::refuseReadOnly(const QList<int>& windows) {
    for (int index : windows)
        if (m_document && !m_document->isEditable(m_image, index)) {
            emit message(tr("Centre/scale windows are read-only: their box follows the image size"));
            return true;
        }
    return false;
}

void CropCanvas::mousePressEvent(QMouseEvent* event) {
    setFocus(Qt::MouseFocusReason);
    if (m_drag.kind != Drag::None) {
        event->accept();
        return;
    }
    const bool pan =
        event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld);
    if (!pan && (event->button() != Qt::LeftButton || !m_document || m_image < 0)) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    m_drag = {};
    m_drag.kind = pan ? Drag::Pan : Drag::None;
    m_drag.lastWidget = event->position().toPoint();
    m_drag.startScene = mapToScene(m_drag.lastWidget);
    if (!pan)
        startDrag(event);
    if (m_drag.kind == Drag::Pan)
        viewport()->setCursor(Qt::ClosedHandCursor);
    event->accept();
}

void CropCanvas::startDrag(QMouseEvent* event) {
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    m_nudgeKey = 0;
    if (m_addMode) {
        m_drag.kind = Drag::Add;
        return;
    }
    WindowPart part = WindowPart::Outside;
    WindowItem* item = windowAt(m_drag.startScene, &part);
    if (!item) {
        if (!ctrl)
            setSelectedWindows({});
        m_drag.kind = Drag::Select;
        m_drag.selectionBefore = selectedWindows();
        return;
    }
    if (ctrl && part == WindowPart::Body) { // toggles, never drags
        QList<int> selection = selectedWindows();
        if (!selection.removeOne(item->windowIndex()))
            selection.append(item->windowIndex());
        std::sort(selection.begin(), selection.end());
        setSelectedWindows(selection);
        return;
    }
    if (!item->isSelected())
        setSelectedWindows({item->windowIndex()});
    m_drag.kind = isHandle(part) ? Drag::Resize : Drag::Move;
    m_drag.handle = part;
    m_drag.windows = isHandle(part) ? QList<int>{item->windowIndex()} : selectedWindows();
    for (int index : m_drag.windows)
        m_drag.startBoxes.append(m_document->window(m_image, index)->box);
    m_drag.mergeKey = m_document->newMergeKey();
}

void CropCanvas::mouseMoveEvent(QMouseEvent* event) {
    if (m_drag.kind == Drag::None) {
        const QPointF scene = mapToScene(event->position().toPoint());
        updateCursor(scene);
        QGraphicsView::mouseMoveEvent(event);
        return;
    }
    continueDrag(event);
    event->accept();
}

void CropCanvas::updateCursor(QPointF scene) {
    if (m_addMode || m_spaceHeld) {
        viewport()->setCursor(m_addMode ? Qt::CrossCursor : Qt::OpenHandCursor);
        return;
    }
    WindowPart part = WindowPart::Outside;
    WindowItem* item = windowAt(scene, &part);
    viewport()->setCursor(item && item->isEditable() ? cursorFor(part) : Qt::ArrowCursor);
}

void CropCanvas::continueDrag(QMouseEvent* event) {
    const QPoint widget = event->position().toPoint();
    if (m_drag.kind == Drag::Pan) {
        const QPoint delta = widget - m_drag.lastWidget;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        m_drag.lastWidget = widget;
        return;
    }
    const QPointF pointer = mapToScene(widget);
    if (!m_drag.started) {
        if ((widget - mapFromScene(m_drag.startScene)).manhattanLength() < kDragThresholdPx)
            return;
        m_drag.started = true;
        if ((m_drag.kind == Drag::Move || m_drag.kind == Drag::Resize) && refuseReadOnly(m_drag.windows)) {
            m_drag.kind = Drag::Select; // a read-only window: the drag selects instead
            m_drag.selectionBefore = selectedWindows();
        }
    }
    switch (m_drag.kind) {
    case Drag::Move: {
        QList<QRectF> boxes;
        for (const QRectF& start : m_drag.startBoxes)
            boxes.append(m_cutPreview.snapped(movedBox(start, pointer - m_drag.startScene)));
        m_document->setBoxes(m_image, m_drag.windows, boxes, m_drag.mergeKey);
        break;
    }
    case Drag::Resize: {
        const bool keepAspect = m_aspectLocked || (event->modifiers() & Qt::ShiftModifier);
        const QRectF resized = resizedBox(m_drag.startBoxes.first(), m_drag.handle, pointer, keepAspect);
        m_document->setBox(m_image, m_drag.windows.first(), m_cutPreview.snapped(resized), m_drag.mergeKey);
        break;
    }
    case Drag::Add:
    case Drag::Select: {
        if (!m_band) {
            QPen pen(palette().highlight().color(), 1, Qt::DashLine);
            pen.setCosmetic(true);
            m_band = scene()->addRect({}, pen);
            m_band->setZValue(1);
        }
        const QRectF added = draggedBox(m_drag.startScene, pointer);
        m_band->setRect(m_drag.kind != Drag::Add ? QRectF(m_drag.startScene, pointer).normalized()
                        : added.isEmpty()        ? added
                                                 : m_cutPreview.snapped(added));
        break;
    }
    case Drag::None:
    case Drag::Pan:
        break;
    }
}

void CropCanvas::mouseReleaseEvent(QMouseEvent* event) {
    if (m_drag.kind == Drag::None) {
        QGraphicsView::mouseReleaseEvent(event);
        return;
    }
    if (event->button() == Qt::LeftButton || event->button() == Qt::MiddleButton) {
        if (m_drag.started || m_drag.kind == Drag::Pan)
            continueDrag(event); // the release point counts
        finishDrag(event);
    }
    event->accept();
}

void CropCanvas::finishDrag(QMouseEvent* event) {
    const DragState drag = std::exchange(m_drag, {});
    const QRectF band = m_band ? m_band->rect() : QRectF();
    delete std::exchange(m_band, nullptr);
    if (drag.kind == Drag::Add && !drag.started && m_cutPreview.fixedSize().isValid()) {
        addFixedSizeWindow(drag.startScene); // a click: the batch's fixed size, centred there
    } else if (drag.kind == Drag::Add && drag.started && !band.isEmpty()) {
        const int added = m_document->addWindow(m_image, band, m_document->defaultLabel());
        if (added >= 0)
            setSelectedWindows({added});
    } else if (drag.kind == Drag::Select && drag.started) {
        QList<int> selection = drag.selectionBefore;
        for (WindowItem* item : windowItems())
            if (item->isVisible() && band.intersects(item->rect()) &&
                !selection.contains(item->windowIndex()))
                selection.append(item->windowIndex());
        std::sort(selection.begin(), selection.end());
        setSelectedWindows(selection);
    }
    updateCursor(mapToScene(event->position().toPoint()));
}

void CropCanvas::cancelDrag() {
    const DragState drag = std::exchange(m_drag, {});
    delete std::exchange(m_band, nullptr);
    // Back to the start boxes with the same key: the gesture's merged command becomes a no-op and goes.
    if ((drag.kind == Drag::Move || drag.kind == Drag::Resize) && drag.started && m_document && !m_rebuilding)
        m_document->setBoxes(m_image, drag.windows, drag.startBoxes, drag.mergeKey);
}

void CropCanvas::deleteSelected() {
    const QList<int> selected = selectedWindows();
    if (selected.isEmpty() || !m_document || refuseReadOnly(selected))
        return;
    m_document->deleteWindows(m_image, selected);
}

void CropCanvas::duplicateSelected() {
    const QList<int> selected = selectedWindows();
    if (selected.isEmpty() || !m_document || refuseReadOnly(selected))
        return;
    const QSizeF image(m_sceneSize);
    const CutPreview& preview = m_cutPreview;
    const QList<int> copies =
        m_document->duplicateWindows(m_image, selected, [image, &preview](const QRectF& box) {
            return preview.snapped(duplicatedBox(box, QPointF(kDuplicateOffset, kDuplicateOffset), image));
        });
    if (!copies.isEmpty())
        setSelectedWindows(copies);
}

void CropCanvas::nudgeSelected(int dx, int dy) {
    const QList<int> selected = selectedWindows();
    if (selected.isEmpty() || !m_document || refuseReadOnly(selected))
        return;
    // On the MCU grid a nudge is one grid step: a pixel would snap back where it was.
    const QSize step = m_cutPreview.grid() ? mcuStep(*m_cutPreview.grid()) : QSize(1, 1);
    QList<QRectF> boxes;
    for (int index : selected) {
        const QRectF box = m_document->window(m_image, index)->box;
        boxes.append(m_cutPreview.snapped(movedBox(box, QPointF(dx * step.width(), dy * step.height()))));
    }
    if (m_nudgeKey == 0)
        m_nudgeKey = m_document->newMergeKey();
    m_document->setBoxes(m_image, selected, boxes, m_nudgeKey);
}

void CropCanvas::keyPressEvent(QKeyEvent* event) {
    const int step = (event->modifiers() & Qt::ShiftModifier) ? 10 : 1;
    const bool selection = !selectedWindows().isEmpty();
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down:
        if (!selection)
            break; // scrolls
        nudgeSelected(event->key() == Qt::Key_Left    ? -step
                      : event->key() == Qt::Key_Right ? step
                                                      : 0,
                      event->key() == Qt::Key_Up     ? -step
                      : event->key() == Qt::Key_Down ? step
                                                     : 0);
        event->accept();
        return;
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        deleteSelected();
        event->accept();
        return;
    case Qt::Key_D:
        if (event->modifiers() & Qt::ControlModifier) {
            duplicateSelected();
            event->accept();
            return;
        }
        break;
    case Qt::Key_Escape:
        if (m_drag.kind != Drag::None)
            cancelDrag();
        else
            setAddMode(false);
        event->accept();
        return;
    case Qt::Key_Space:
        if (!event->isAutoRepeat()) {
            m_spaceHeld = true;
            viewport()->setCursor(Qt::OpenHandCursor);
        }
        event->accept();
        return;
    default:
        break;
    }
    QGraphicsView::keyPressEvent(event);
}

void CropCanvas::keyReleaseEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->setCursor(m_addMode ? Qt::CrossCursor : Qt::ArrowCursor);
    }
    QGraphicsView::keyReleaseEvent(event);
}

void CropCanvas::focusOutEvent(QFocusEvent* event) {
    m_spaceHeld = false; // its release went elsewhere
    QGraphicsView::focusOutEvent(event);
}

} // namespace cropdeck::ui
