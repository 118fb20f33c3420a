// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/WatchedProcess.h"

namespace cropdeck::bench {

bool waitUnlessCancelled(QProcess& process, const std::atomic_bool* cancel) {
    if (!cancel)
        return process.waitForFinished(-1);
    while (!process.waitForFinished(50)) {
        if (process.state() == QProcess::NotRunning)
            return true;
        if (cancel->load(std::memory_order_relaxed)) {
            process.kill();
            process.waitForFinished(-1);
            return false;
        }
    }
    return true;
}

} // namespace cropdeck::bench
