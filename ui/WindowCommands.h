// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The undoable edits of an AnnotationDocument, one QUndoCommand each. They hold values (image index,
// window indices, the windows or boxes before and after), never pointers into the set, and change it
// only through the document's raw functions, so every change emits the document's signals. Created by
// AnnotationDocument's edit functions; owned by its QUndoStack.

#include "annotations/Annotation.h"

#include <QUndoCommand>

namespace cropdeck::ui {

class AnnotationDocument;

// Inserts windows at ascending indices (add, duplicate, and the undo of delete).
class InsertWindowsCommand : public QUndoCommand {
public:
    InsertWindowsCommand(AnnotationDocument* document, int imageIndex, QList<int> indices,
                         QList<CropWindow> windows, const QString& text);
    void redo() override;
    void undo() override;

private:
    AnnotationDocument* m_document;
    int m_image;
    QList<int> m_indices;
    QList<CropWindow> m_windows;
};

class DeleteWindowsCommand : public QUndoCommand {
public:
    // `indices` ascending, each a window of the image.
    DeleteWindowsCommand(AnnotationDocument* document, int imageIndex, QList<int> indices);
    void redo() override;
    void undo() override;

private:
    AnnotationDocument* m_document;
    int m_image;
    QList<int> m_indices;
    QList<CropWindow> m_windows; // as they were, for undo
};

// Move or resize: new boxes for some windows of one image. Merges with the next one of the same
// nonzero merge key and windows (one drag or a run of nudges is one undo step).
class SetBoxesCommand : public QUndoCommand {
public:
    static constexpr int kId = 0x43440001;
    SetBoxesCommand(AnnotationDocument* document, int imageIndex, QList<int> indices, QList<QRectF> before,
                    QList<QRectF> after, int mergeKey);
    void redo() override;
    void undo() override;
    int id() const override { return m_mergeKey != 0 ? kId : -1; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    AnnotationDocument* m_document;
    int m_image;
    QList<int> m_indices;
    QList<QRectF> m_before;
    QList<QRectF> m_after;
    int m_mergeKey;
};

class SetLabelCommand : public QUndoCommand {
public:
    SetLabelCommand(AnnotationDocument* document, int imageIndex, int windowIndex, QString before,
                    QString after);
    void redo() override;
    void undo() override;

private:
    AnnotationDocument* m_document;
    int m_image;
    int m_window;
    QString m_before;
    QString m_after;
};

// A class-list entry renamed (with the windows' labels, in one macro: AnnotationDocument::renameLabel).
class RenameClassCommand : public QUndoCommand {
public:
    RenameClassCommand(AnnotationDocument* document, int classIndex, QString before, QString after);
    void redo() override;
    void undo() override;

private:
    AnnotationDocument* m_document;
    int m_class;
    QString m_before;
    QString m_after;
};

} // namespace cropdeck::ui
