// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/WindowCommands.h"

#include "ui/AnnotationDocument.h"

#include <QCoreApplication>

namespace cropdeck::ui {
namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("cropdeck::ui::WindowCommands", text);
}
} // namespace

InsertWindowsCommand::InsertWindowsCommand(AnnotationDocument* document, int imageIndex, QList<int> indices,
                                           QList<CropWindow> windows, const QString& text)
    : QUndoCommand(text)
    , m_document(document)
    , m_image(imageIndex)
    , m_indices(std::move(indices))
    , m_windows(std::move(windows)) {}

void InsertWindowsCommand::redo() {
    m_document->insertWindows(m_image, m_indices, m_windows);
}

void InsertWindowsCommand::undo() {
    m_document->removeWindows(m_image, m_indices);
}

DeleteWindowsCommand::DeleteWindowsCommand(AnnotationDocument* document, int imageIndex, QList<int> indices)
    : QUndoCommand(indices.size() == 1 ? tr("Delete window") : tr("Delete %1 windows").arg(indices.size()))
    , m_document(document)
    , m_image(imageIndex)
    , m_indices(std::move(indices)) {
    for (int index : m_indices)
        m_windows.append(*m_document->window(m_image, index));
}

void DeleteWindowsCommand::redo() {
    m_document->removeWindows(m_image, m_indices);
}

void DeleteWindowsCommand::undo() {
    m_document->insertWindows(m_image, m_indices, m_windows);
}

SetBoxesCommand::SetBoxesCommand(AnnotationDocument* document, int imageIndex, QList<int> indices,
                                 QList<QRectF> before, QList<QRectF> after, int mergeKey)
    : QUndoCommand(indices.size() == 1 ? tr("Change window") : tr("Change %1 windows").arg(indices.size()))
    , m_document(document)
    , m_image(imageIndex)
    , m_indices(std::move(indices))
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_mergeKey(mergeKey) {}

void SetBoxesCommand::redo() {
    for (int i = 0; i < m_indices.size(); ++i)
        m_document->replaceBox(m_image, m_indices[i], m_after[i]);
}

void SetBoxesCommand::undo() {
    for (int i = 0; i < m_indices.size(); ++i)
        m_document->replaceBox(m_image, m_indices[i], m_before[i]);
}

bool SetBoxesCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = dynamic_cast<const SetBoxesCommand*>(other);
    if (!next || next->m_mergeKey != m_mergeKey || next->m_image != m_image || next->m_indices != m_indices)
        return false;
    m_after = next->m_after; // the first step's "before" and the last step's "after"
    setObsolete(m_after == m_before);
    return true;
}

SetLabelCommand::SetLabelCommand(AnnotationDocument* document, int imageIndex, int windowIndex,
                                 QString before, QString after)
    : QUndoCommand(tr("Change label"))
    , m_document(document)
    , m_image(imageIndex)
    , m_window(windowIndex)
    , m_before(std::move(before))
    , m_after(std::move(after)) {}

void SetLabelCommand::redo() {
    m_document->replaceLabel(m_image, m_window, m_after);
}

void SetLabelCommand::undo() {
    m_document->replaceLabel(m_image, m_window, m_before);
}

RenameClassCommand::RenameClassCommand(AnnotationDocument* document, int classIndex, QString before,
                                       QString after)
    : QUndoCommand(tr("Rename class"))
    , m_document(document)
    , m_class(classIndex)
    , m_before(std::move(before))
    , m_after(std::move(after)) {}

void RenameClassCommand::redo() {
    m_document->replaceClass(m_class, m_after);
}

void RenameClassCommand::undo() {
    m_document->replaceClass(m_class, m_before);
}

} // namespace cropdeck::ui
