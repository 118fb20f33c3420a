// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/GuiMain.h"

#include "ui/MainWindow.h"

#include <QApplication>
#include <QMessageBox>

namespace cropdeck::ui {

std::optional<QString> displayProblem() {
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (!platform.isEmpty() && !platform.startsWith("xcb") && !platform.startsWith("wayland"))
        return std::nullopt; // offscreen, vnc, eglfs...: the plugin needs no display server
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return QStringLiteral("no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set). "
                              "For work without a display use cropdeck --batch, --validate or --convert "
                              "(see cropdeck --help)");
#endif
    return std::nullopt;
}

int runGui(const QStringList& paths, const BatchRequest& request) {
    MainWindow window;
    window.show();
    if (!paths.isEmpty() || !request.images.isEmpty() || !request.annotations.isEmpty()) {
        Result<OpenRequest> open = openRequestFor(paths, request);
        if (!open) {
            QMessageBox::warning(&window, QObject::tr("Cannot open"), open.error().message);
        } else {
            window.open(*open);
        }
    }
    return QApplication::exec();
}

} // namespace cropdeck::ui
