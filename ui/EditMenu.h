// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Edit menu of the main window: undo/redo of the document's stack, and the canvas's window edits
// (delete, duplicate, add mode, aspect lock). Built here so MainWindow stays small; the actions are
// children of the menu and act on the canvas, which turns them into document edits.

#include <QString>
#include <QStringList>

class QAction;
class QMenuBar;

namespace cropdeck::ui {

class AnnotationDocument;
class CropCanvas;

struct EditActions {
    QAction* undo = nullptr;
    QAction* redo = nullptr;
    QAction* deleteWindows = nullptr;
    QAction* duplicate = nullptr;
    QAction* addMode = nullptr;
    QAction* aspectLock = nullptr;
};

EditActions addEditMenu(QMenuBar* menuBar, AnnotationDocument* document, CropCanvas* canvas);

// Canvas keys and mouse gestures that are not menu actions, as "keys\twhat" lines for the shortcuts
// dialog.
QStringList canvasGestureHelp();

} // namespace cropdeck::ui
