// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Drag and drop of files and folders onto a widget (the main window): accepts a drag that carries local
// paths, and says which were dropped. What they open is openRequestFor()'s business (OpenRequest.h), so
// a drop opens exactly what the same paths on the command line open.

#include <QObject>
#include <QStringList>

class QMimeData;
class QWidget;

namespace cropdeck::ui {

// The local files and folders a drag carries, in order; empty when it carries none (text, remote URLs).
[[nodiscard]] QStringList localPathsIn(const QMimeData* mime);

class DropOpener : public QObject {
    Q_OBJECT

public:
    // Watches `target` (sets it to accept drops); the opener is a child of it.
    explicit DropOpener(QWidget* target);

signals:
    void dropped(const QStringList& paths);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace cropdeck::ui
