// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The image with its crop windows (QGraphicsView), and where windows are edited. The scene is in the
// boxes' coordinates (see CanvasGeometry.h): the picture, perhaps a DCT-scaled decode, is stretched over
// the full-resolution rectangle, and each window of the shown image is a WindowItem at its box.
//
// The windows come from an AnnotationDocument, the one source of truth: every edit here is a document
// edit (an undo command), and the items follow the document's signals. Geometry is WindowHandles.h.
//
// Mouse (left button):  click a window to select it, Ctrl+click to add it to or take it from the
//   selection; drag a window's body to move the selection, a handle of a selected window to resize it
//   (Shift or the aspect lock keeps its width/height ratio); drag on the background for a rubber-band
//   selection, or, in add mode, to draw a new window. Pan: middle button drag, or Space + left drag;
//   scroll bars; wheel zooms around the cursor.
// Keys: arrows nudge the selection 1 px (Shift: 10 px; a run of nudges is one undo step), Delete or
//   Backspace deletes it, Ctrl+D duplicates it, Escape cancels a drag or leaves add mode.
// Centre/scale windows are read-only: they can be selected, never moved (message() says so).

#include "annotations/Annotation.h"
#include "ui/CutPreview.h"
#include "ui/WindowHandles.h"

#include <QGraphicsView>
#include <QImage>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <optional>

class QGraphicsPixmapItem;

namespace cropdeck::ui {

class AnnotationDocument;
class WindowItem;

class CropCanvas : public QGraphicsView {
    Q_OBJECT

public:
    explicit CropCanvas(QWidget* parent = nullptr);
    ~CropCanvas() override;

    // The windows' document (not owned; outlives the canvas or is cleared first).
    void setDocument(AnnotationDocument* document);
    AnnotationDocument* document() const;

    // Shows `picture` over a `sceneSize` image; clears the windows.
    void setPicture(const QImage& picture, QSize sceneSize);
    // Shows the document's windows of image `imageIndex` (Kind::Box boxes as they are; centre/scale
    // squares resolved with `maxFraction`) and follows its edits.
    void showWindows(int imageIndex, double maxFraction);
    void clear();

    int imageIndex() const { return m_image; }
    QList<WindowItem*> windowItems() const;
    WindowItem* windowItem(int windowIndex) const;
    QSize sceneSize() const { return m_sceneSize; }
    double zoom() const;
    bool fitsView() const { return m_fit; }

    // Selected windows, ascending.
    QList<int> selectedWindows() const;
    void setSelectedWindows(const QList<int>& windowIndices);

    bool addMode() const { return m_addMode; }
    bool aspectLocked() const { return m_aspectLocked; }

    // What the batch will cut of each window, drawn over it (CropCanvasCut.cpp): the Batch dock's
    // settings and the shown image's header (setPicture() forgets the header). The settings also set
    // the editing modes: with a fixed size a click in add mode adds a window of that size centred on
    // the click and handles do not resize; with lossless output of a JPEG, edits snap to the MCU grid.
    void setCutPreview(const CropSettings& settings);
    void setImageInfo(const ImageInfo& info);
    const CutPreview& cutPreview() const { return m_cutPreview; }

    // Device pixels the view needs of an image, for choosing the decode scale.
    QSize devicePixelsNeeded() const;

public slots:
    void zoomToFit();
    // The selected windows fill the view (with a margin); nothing happens without a selection.
    void zoomToSelection();
    // Windows with these labels are not drawn, picked or selected (the label list's show/hide).
    void setHiddenLabels(const QSet<QString>& labels);
    const QSet<QString>& hiddenLabels() const { return m_hiddenLabels; }
    void zoomOneToOne();
    void zoomIn() { zoomBy(1); }
    void zoomOut() { zoomBy(-1); }
    void setAddMode(bool on);
    void setAspectLocked(bool on) { m_aspectLocked = on; }
    void deleteSelected();
    void duplicateSelected();
    void nudgeSelected(int dx, int dy);

signals:
    void zoomChanged(double zoom);
    void windowSelected(int windowIndex); // the first selected window, -1 when none
    void selectionChanged(const QList<int>& windowIndices);
    void addModeChanged(bool on);
    void message(const QString& text); // why an edit did not happen

protected:
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    enum class Drag { None, Pan, Move, Resize, Add, Select };

    void zoomBy(int steps);
    void setZoom(double zoom);
    void rebuildWindows();
    void updateWindow(int imageIndex, int windowIndex);
    QRectF sceneBoxOf(const CropWindow& window) const;
    void selectionMaybeChanged();
    WindowItem* windowAt(QPointF scene, WindowPart* part) const;
    QList<int> editableSelection() const;
    bool refuseReadOnly(const QList<int>& windows);
    void startDrag(QMouseEvent* event);
    void continueDrag(QMouseEvent* event);
    void finishDrag(QMouseEvent* event);
    void cancelDrag();
    void updateCursor(QPointF scene);
    void showCut(WindowItem* item, const CropWindow& window) const;
    void refreshCuts();
    bool addFixedSizeWindow(QPointF scene);

    QPointer<AnnotationDocument> m_document;
    QGraphicsPixmapItem* m_picture = nullptr;
    QSize m_sceneSize;
    int m_image = -1;
    double m_maxFraction = 1;
    bool m_fit = true;
    bool m_addMode = false;
    bool m_aspectLocked = false;
    bool m_spaceHeld = false;
    bool m_rebuilding = false;
    QList<int> m_lastSelection;
    QStringList m_lastWindowIds; // of the items shown, by window index
    QSet<QString> m_hiddenLabels;
    std::optional<CropSettings> m_cutSettings;
    ImageInfo m_imageInfo;
    CutPreview m_cutPreview;
    int m_nudgeKey = 0;

    struct DragState {
        Drag kind = Drag::None;
        QPointF startScene;
        QPoint lastWidget;
        bool started = false; // past the drag threshold
        WindowPart handle = WindowPart::Outside;
        QList<int> windows;
        QList<QRectF> startBoxes;
        int mergeKey = 0;
        QList<int> selectionBefore; // Ctrl + rubber band adds to it
    };
    DragState m_drag;
    QGraphicsRectItem* m_band = nullptr; // the add or rubber-band rectangle while dragging
};

} // namespace cropdeck::ui
