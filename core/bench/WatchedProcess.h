// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/bench: waiting for a peer's process while watching the run's cancel flag, so that a
// cancelled benchmark does not wait for a long pass of another program to end (the harness discards a
// pass cut short).

#include <QProcess>

#include <atomic>

namespace cropdeck::bench {

// Waits until `process` (started) finishes; when `cancel` (may be null) becomes true first, kills it
// and returns false. Polls every 50 ms: a cancel is seen within that, and the wait costs nothing
// measurable beside a process.
bool waitUnlessCancelled(QProcess& process, const std::atomic_bool* cancel);

} // namespace cropdeck::bench
