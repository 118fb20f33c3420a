// SPDX-License-Identifier: GPL-3.0-or-later
#include "InterruptHandler.h"

#include <atomic>
#include <csignal>
#include <cstdlib>

#if defined(_WIN32)
#include <windows.h>
#endif

namespace cropdeck::app {
namespace {

// Process-wide by nature: a signal handler can reach nothing else.
std::atomic_int g_interrupts{0};

void recordInterrupt() {
    if (g_interrupts.fetch_add(1) >= 1)
        std::_Exit(130); // second Ctrl-C: the user wants out now
}

#if defined(_WIN32)
BOOL WINAPI consoleHandler(DWORD event) {
    if (event == CTRL_C_EVENT || event == CTRL_BREAK_EVENT || event == CTRL_CLOSE_EVENT) {
        recordInterrupt();
        return TRUE;
    }
    return FALSE;
}
#else
extern "C" void signalHandler(int) {
    recordInterrupt();
}
#endif

} // namespace

InterruptHandler::InterruptHandler(std::function<void()> onInterrupt)
    : m_onInterrupt(std::move(onInterrupt)) {
    g_interrupts = 0;
#if defined(_WIN32)
    SetConsoleCtrlHandler(consoleHandler, TRUE);
#else
    struct sigaction action {};
    action.sa_handler = signalHandler;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
#endif
    m_poll.setInterval(100);
    QObject::connect(&m_poll, &QTimer::timeout, [this] {
        if (!m_delivered && g_interrupts.load() > 0) {
            m_delivered = true;
            m_onInterrupt();
        }
    });
    m_poll.start();
}

InterruptHandler::~InterruptHandler() {
#if defined(_WIN32)
    SetConsoleCtrlHandler(consoleHandler, FALSE);
#else
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
#endif
}

} // namespace cropdeck::app
