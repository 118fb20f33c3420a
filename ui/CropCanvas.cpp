// SPDX-License-Identifier: GPL-3.0-or-later
// The canvas's view side: picture, window items from the document, selection, zoom. The editing
// gestures are in CropCanvasEditing.cpp.
#include "ui/CropCanvas.h"

#include "annotations/BoxConventions.h"
#include "ui/AnnotationDocument.h"
#include "ui/CanvasGeometry.h"
#include "ui/WindowItem.h"

#include <QGraphicsPixmapItem>
#include <QGraphicsScene>
#include <QPixmap>
#include <QSet>
#include <QWheelEvent>

#include <algorithm>

namespace cropdeck::ui {
namespace {
constexpr double kFitMargin = 8;
// Zoomed to a selection, the windows keep some of the picture around them in view.
constexpr double kSelectionMargin = 48;
} // namespace

CropCanvas::CropCanvas(QWidget* parent)
    : QGraphicsView(parent) {
    setScene(new QGraphicsScene(this));
    setDragMode(QGraphicsView::NoDrag); // the canvas handles the mouse itself (CropCanvasEditing.cpp)
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setRenderHint(QPainter::SmoothPixmapTransform);
    setBackgroundRole(QPalette::Dark);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true); // the cursor shows what a press would grab
    setAccessibleName(tr("Image and crop windows"));
    connect(scene(), &QGraphicsScene::selectionChanged, this, &CropCanvas::selectionMaybeChanged);
}

void CropCanvas::setDocument(AnnotationDocument* document) {
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (!document)
        return;
    connect(document, &AnnotationDocument::windowsChanged, this, [this](int image) {
        if (image == m_image)
            rebuildWindows();
    });
    connect(document, &AnnotationDocument::windowChanged, this, &CropCanvas::updateWindow);
    connect(document, &AnnotationDocument::reset, this, [this] {
        m_image = -1;
        m_lastWindowIds.clear();
        rebuildWindows();
    });
}

CropCanvas::~CropCanvas() {
    // The scene is a child: QWidget deletes it after this body, and its items' selection signals must
    // not reach a canvas whose members are gone.
    disconnect(scene(), nullptr, this, nullptr);
}

AnnotationDocument* CropCanvas::document() const {
    return m_document;
}

void CropCanvas::clear() {
    cancelDrag();
    m_rebuilding = true;
    scene()->clear();
    m_rebuilding = false;
    m_picture = nullptr;
    m_band = nullptr;
    m_sceneSize = {};
    m_image = -1;
    setImageInfo({}); // the next picture may be another image
    selectionMaybeChanged();
}

void CropCanvas::setPicture(const QImage& picture, QSize sceneSize) {
    clear();
    m_sceneSize = sceneSize;
    m_picture = scene()->addPixmap(QPixmap::fromImage(picture));
    m_picture->setTransformationMode(Qt::SmoothTransformation);
    m_picture->setTransform(displayedToScene(picture.size(), sceneSize));
    m_picture->setZValue(-1);
    scene()->setSceneRect(QRectF(QPointF(0, 0), QSizeF(sceneSize)));
    if (m_fit)
        zoomToFit();
}

void CropCanvas::showWindows(int imageIndex, double maxFraction) {
    if (imageIndex != m_image)
        m_lastWindowIds.clear(); // another image: nothing of it was selected
    m_image = imageIndex;
    m_maxFraction = maxFraction;
    rebuildWindows();
}

QRectF CropCanvas::sceneBoxOf(const CropWindow& window) const {
    return AnnotationDocument::isEditable(window)
               ? window.box
               : QRectF(resolveNormalizedSquare(window.square, m_sceneSize, m_maxFraction));
}

void CropCanvas::rebuildWindows() {
    // Selection is kept by window id, which survives the index shifts of adds and deletes.
    QSet<QString> selectedIds;
    const QList<CropWindow> none;
    const QList<CropWindow>& windows = m_document ? m_document->windows(m_image) : none;
    for (WindowItem* item : windowItems())
        if (item->isSelected() && item->windowIndex() < m_lastWindowIds.size())
            selectedIds.insert(m_lastWindowIds[item->windowIndex()]);
    m_rebuilding = true;
    cancelDrag();
    for (WindowItem* item : windowItems())
        delete item;
    m_lastWindowIds.clear();
    for (int i = 0; i < windows.size(); ++i) {
        const CropWindow& window = windows[i];
        auto* item =
            new WindowItem(i, sceneBoxOf(window), window.label, AnnotationDocument::isEditable(window));
        item->setZoom(zoom());
        showCut(item, window);
        scene()->addItem(item);
        item->setVisible(!m_hiddenLabels.contains(window.label));
        item->setSelected(item->isVisible() && selectedIds.contains(window.id));
        m_lastWindowIds.append(window.id);
    }
    m_rebuilding = false;
    selectionMaybeChanged();
}

void CropCanvas::updateWindow(int imageIndex, int windowIndex) {
    WindowItem* item = imageIndex == m_image ? windowItem(windowIndex) : nullptr;
    const CropWindow* window = m_document ? m_document->window(imageIndex, windowIndex) : nullptr;
    if (!item || !window)
        return;
    item->setRect(sceneBoxOf(*window));
    showCut(item, *window);
    if (item->label() != window->label) {
        item->setLabel(window->label);
        if (m_hiddenLabels.contains(window->label))
            rebuildWindows(); // relabelled into a hidden label: it goes, and leaves the selection
    }
}

void CropCanvas::setHiddenLabels(const QSet<QString>& labels) {
    if (labels == m_hiddenLabels)
        return;
    m_hiddenLabels = labels;
    rebuildWindows();
}

QList<WindowItem*> CropCanvas::windowItems() const {
    QList<WindowItem*> items;
    for (QGraphicsItem* item : scene()->items(Qt::AscendingOrder))
        if (auto* window = dynamic_cast<WindowItem*>(item))
            items.append(window);
    std::sort(items.begin(), items.end(),
              [](WindowItem* a, WindowItem* b) { return a->windowIndex() < b->windowIndex(); });
    return items;
}

WindowItem* CropCanvas::windowItem(int windowIndex) const {
    for (WindowItem* item : windowItems())
        if (item->windowIndex() == windowIndex)
            return item;
    return nullptr;
}

QList<int> CropCanvas::selectedWindows() const {
    QList<int> selected;
    for (WindowItem* item : windowItems())
        if (item->isSelected())
            selected.append(item->windowIndex());
    return selected;
}

void CropCanvas::setSelectedWindows(const QList<int>& windowIndices) {
    if (windowIndices == selectedWindows())
        return;
    m_rebuilding = true; // one selectionChanged for the whole change
    for (WindowItem* item : windowItems())
        item->setSelected(windowIndices.contains(item->windowIndex()));
    m_rebuilding = false;
    selectionMaybeChanged();
    if (!windowIndices.isEmpty())
        if (WindowItem* item = windowItem(windowIndices.first()))
            ensureVisible(item, 16, 16);
}

void CropCanvas::selectionMaybeChanged() {
    if (m_rebuilding)
        return;
    const QList<int> selected = selectedWindows();
    if (selected == m_lastSelection)
        return;
    m_lastSelection = selected;
    m_nudgeKey = 0; // nudges of another selection are another undo step
    emit selectionChanged(selected);
    emit windowSelected(selected.isEmpty() ? -1 : selected.first());
}

double CropCanvas::zoom() const {
    return transform().m11();
}

QSize CropCanvas::devicePixelsNeeded() const {
    const double dpr = devicePixelRatioF();
    return (viewport()->size() * dpr).expandedTo(QSize(1, 1));
}

void CropCanvas::setZoom(double zoom) {
    setTransform(QTransform::fromScale(zoom, zoom));
    for (WindowItem* item : windowItems())
        item->setZoom(zoom);
    emit zoomChanged(zoom);
}

void CropCanvas::zoomToFit() {
    m_fit = true;
    setZoom(fitZoom(QSizeF(m_sceneSize), QSizeF(viewport()->size()), kFitMargin, devicePixelRatioF()));
    centerOn(QRectF(QPointF(0, 0), QSizeF(m_sceneSize)).center());
}

void CropCanvas::zoomToSelection() {
    QRectF united;
    for (WindowItem* item : windowItems())
        if (item->isSelected())
            united = united.united(item->rect());
    if (united.isEmpty())
        return;
    m_fit = false;
    setZoom(zoomToShow(united.size(), QSizeF(viewport()->size()), kSelectionMargin));
    centerOn(united.center());
}

void CropCanvas::zoomOneToOne() {
    m_fit = false;
    setZoom(oneToOneZoom(devicePixelRatioF()));
}

void CropCanvas::zoomBy(int steps) {
    m_fit = false;
    setZoom(steppedZoom(zoom(), steps));
}

void CropCanvas::wheelEvent(QWheelEvent* event) {
    const int steps = event->angleDelta().y() / 120;
    if (steps == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomBy(steps); // AnchorUnderMouse keeps the point under the cursor in place
    event->accept();
}

void CropCanvas::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (m_fit)
        zoomToFit();
}

} // namespace cropdeck::ui
