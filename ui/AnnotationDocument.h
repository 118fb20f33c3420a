// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The editable annotations of the open set: a copy of PreparedBatch::annotations that the GUI edits, and
// the undo stack of those edits. The one source of truth for windows while the set is open: the canvas
// and the window table show what this holds and change it only through the edit functions below, each
// of which pushes an undoable command (ui/WindowCommands.h).
//
// Images are addressed by their index in annotations().images (PlannedImage::imageIndex), windows by
// their index in that image's list. Only Kind::Box windows are editable; centre/scale windows are shown
// read-only (their box depends on the image size and the set's max fraction). Boxes stay half-open
// float rectangles in the set's coordinates (Annotation.h); the canvas keeps the ones it edits on whole
// pixels. Modified = the undo stack is not at its clean index (setClean() after a save).
//
// GUI thread only. Owned by its parent; owns its QUndoStack.

#include "annotations/Annotation.h"

#include <QMap>
#include <QObject>
#include <QSet>
#include <QUndoStack>

#include <functional>

namespace cropdeck::ui {

class AnnotationDocument : public QObject {
    Q_OBJECT

public:
    explicit AnnotationDocument(QObject* parent = nullptr);
    ~AnnotationDocument() override;

    // Replaces the whole set and clears the undo history (the document is clean); emits reset().
    // `listedOnly`: images shown for the user to annotate that the annotation source does not name
    // (PreparedBatch::unannotatedImages); they stay out of what is saved or run until they get windows.
    void setAnnotations(AnnotationSet annotations, const QList<int>& listedOnly = {});
    // Every image shown, listed-only ones included: indices are the list's and the canvas's.
    const AnnotationSet& annotations() const { return m_set; }
    // What a save, an export, a project or a batch takes: the set without the listed-only images that
    // still have no windows.
    AnnotationSet annotationsToSave() const { return withoutEmptyListed(m_set, m_listedOnly); }
    static AnnotationSet withoutEmptyListed(const AnnotationSet& set, const QSet<int>& listedOnly);
    const QSet<int>& listedOnly() const { return m_listedOnly; }
    bool isListedOnly(int imageIndex) const { return m_listedOnly.contains(imageIndex); }
    int imageCount() const { return int(m_set.images.size()); }
    // The windows of image `imageIndex` (an empty list for an index out of range).
    const QList<CropWindow>& windows(int imageIndex) const;
    const CropWindow* window(int imageIndex, int windowIndex) const;
    static bool isEditable(const CropWindow& window) { return window.kind == CropWindow::Kind::Box; }
    bool isEditable(int imageIndex, int windowIndex) const;

    QUndoStack* undoStack() { return &m_undo; }
    bool isModified() const { return !m_undo.isClean(); }
    void setClean() { m_undo.setClean(); }

    // The label a new window gets: the last one given or added in this session, else the set's first
    // class, else the first label of the set.
    QString defaultLabel() const;
    // The next unused integer id in the image ("0", "1", ... as readers assign them).
    QString nextWindowId(int imageIndex) const;

    // Edits. Each pushes one undo command and returns false (pushing nothing) when it would change
    // nothing or names a window that does not exist or is not editable.
    // Appends a Kind::Box window; returns its index, or -1.
    int addWindow(int imageIndex, const QRectF& box, const QString& label);
    bool deleteWindows(int imageIndex, QList<int> windowIndices);
    // New boxes for some windows of one image. Consecutive calls with the same nonzero `mergeKey` and
    // the same windows merge into one undo step (one drag, a run of nudges).
    bool setBoxes(int imageIndex, const QList<int>& windowIndices, const QList<QRectF>& boxes,
                  int mergeKey = 0);
    bool setBox(int imageIndex, int windowIndex, const QRectF& box, int mergeKey = 0) {
        return setBoxes(imageIndex, {windowIndex}, {box}, mergeKey);
    }
    bool setLabel(int imageIndex, int windowIndex, const QString& label);
    // Every window labelled `from`, in every image, labelled `to`: one undo step. False when no window
    // has `from` or the names are the same (or `to` is empty).
    bool renameLabel(const QString& from, const QString& to);
    // Windows per label over the whole set, by name.
    QMap<QString, int> labelCounts() const;
    // Copies of the windows, each with the box `boxFor` gives it, appended in order; returns their
    // indices (empty when nothing was duplicated).
    QList<int> duplicateWindows(int imageIndex, const QList<int>& windowIndices,
                                const std::function<QRectF(const QRectF&)>& boxFor);

    // A fresh merge key for a new gesture (a drag); never 0.
    int newMergeKey() { return ++m_lastMergeKey; }

    // For the commands only: the raw changes, which emit the signals below.
    void insertWindows(int imageIndex, const QList<int>& indices, const QList<CropWindow>& windows);
    void removeWindows(int imageIndex, const QList<int>& indices);
    void replaceBox(int imageIndex, int windowIndex, const QRectF& box);
    void replaceLabel(int imageIndex, int windowIndex, const QString& label);
    void replaceClass(int classIndex, const QString& name);

signals:
    void reset();
    // Windows of the image were added or removed (indices shifted).
    void windowsChanged(int imageIndex);
    // One window's box or label changed in place.
    void windowChanged(int imageIndex, int windowIndex);
    void modifiedChanged(bool modified);

private:
    bool validWindow(int imageIndex, int windowIndex) const;

    AnnotationSet m_set;
    QSet<int> m_listedOnly;
    QUndoStack m_undo;
    QString m_lastLabel;
    int m_lastMergeKey = 0;
};

} // namespace cropdeck::ui
