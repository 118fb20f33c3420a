// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/EditMenu.h"

#include "ui/AnnotationDocument.h"
#include "ui/CropCanvas.h"

#include <QAction>
#include <QCoreApplication>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>

namespace cropdeck::ui {
namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("cropdeck::ui::EditMenu", text);
}
} // namespace

EditActions addEditMenu(QMenuBar* menuBar, AnnotationDocument* document, CropCanvas* canvas) {
    QMenu* edit = menuBar->addMenu(tr("&Edit"));
    EditActions actions;
    actions.undo = document->undoStack()->createUndoAction(edit, tr("&Undo"));
    actions.undo->setShortcut(QKeySequence::Undo);
    actions.redo = document->undoStack()->createRedoAction(edit, tr("&Redo"));
    actions.redo->setShortcut(QKeySequence::Redo);
    edit->addAction(actions.undo);
    edit->addAction(actions.redo);
    edit->addSeparator();

    actions.addMode = edit->addAction(tr("&Add Windows"));
    actions.addMode->setCheckable(true);
    actions.addMode->setShortcut(QKeySequence(Qt::Key_W));
    actions.addMode->setToolTip(tr("Drag on the image to draw a new window (Escape leaves this mode)"));
    QObject::connect(actions.addMode, &QAction::toggled, canvas, &CropCanvas::setAddMode);
    QObject::connect(canvas, &CropCanvas::addModeChanged, actions.addMode, &QAction::setChecked);

    actions.duplicate = edit->addAction(tr("D&uplicate Windows"), QKeySequence(Qt::CTRL | Qt::Key_D), canvas,
                                        &CropCanvas::duplicateSelected);
    actions.deleteWindows =
        edit->addAction(tr("&Delete Windows"), QKeySequence::Delete, canvas, &CropCanvas::deleteSelected);
    edit->addSeparator();
    actions.aspectLock = edit->addAction(tr("&Keep Aspect Ratio When Resizing"));
    actions.aspectLock->setCheckable(true);
    actions.aspectLock->setToolTip(tr("Resizing keeps the window's width/height ratio (or hold Shift)"));
    QObject::connect(actions.aspectLock, &QAction::toggled, canvas, &CropCanvas::setAspectLocked);

    const auto updateEnabled = [actions, canvas] {
        const bool any = !canvas->selectedWindows().isEmpty();
        actions.deleteWindows->setEnabled(any);
        actions.duplicate->setEnabled(any);
    };
    QObject::connect(canvas, &CropCanvas::selectionChanged, edit, updateEnabled);
    updateEnabled();
    return actions;
}

QStringList canvasGestureHelp() {
    return {
        tr("Click\tSelect a window (Ctrl+click: add to the selection)"),
        tr("Drag a window\tMove the selected windows"),
        tr("Drag a handle\tResize (Shift: keep the aspect ratio)"),
        tr("Drag the background\tSelect windows in a rectangle (in Add mode: draw a window)"),
        tr("Middle drag, Space+drag\tPan"),
        tr("Click in Add mode\tWith a fixed window size (Batch dock): add a window of that size there"),
        tr("Arrow keys\tNudge the selected windows 1 px (Shift: 10 px; one MCU with lossless JPEG output)"),
        tr("Lossless JPEG output\tMoves, resizes and new windows snap to the image's MCU grid"),
        tr("Escape\tCancel a drag, leave Add mode"),
    };
}

} // namespace cropdeck::ui
