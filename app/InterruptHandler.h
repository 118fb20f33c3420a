// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Ctrl-C (SIGINT/SIGTERM, or the Windows console equivalents) during a batch: the first one asks the
// batch to stop cleanly (finished outputs and the manifest are kept, so --resume continues); a second
// one ends the process at once. The signal handler only sets a flag; a timer on the owner's thread
// polls it, so the callback runs in normal code, never inside the handler.

#include <QTimer>

#include <functional>

namespace cropdeck::app {

class InterruptHandler {
public:
    explicit InterruptHandler(std::function<void()> onInterrupt);
    ~InterruptHandler();
    InterruptHandler(const InterruptHandler&) = delete;
    InterruptHandler& operator=(const InterruptHandler&) = delete;

private:
    std::function<void()> m_onInterrupt;
    QTimer m_poll;
    bool m_delivered = false;
};

} // namespace cropdeck::app
