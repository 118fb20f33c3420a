// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/bench: a peer program that times itself (PeerEngines.h). It reads a jobs file (one
// `path<TAB>x<TAB>y<TAB>w<TAB>h` line per window), warms up, runs its timed passes and prints one JSON
// object: warmup_s, trials_s, checksum, failures, version, and the crops it dumped as raw pixels
// (dumps: index = jobs line, file, width, height, channels, order "rgb"|"bgr").

#include "bench/BenchEngine.h"

#include <QStringList>

#include <functional>
#include <memory>

namespace cropdeck::bench {

struct SelfTimedPeerSpec {
    QString name;
    QString program;
    QString unavailable; // non-empty: the reason it cannot run here
    QString detail;
    // The arguments for a run: jobs file, workers, timed trials, dump folder (empty: no dumps), and the
    // number of jobs lines (for programs that want the indices to dump).
    std::function<QStringList(const QString& jobs, int threads, int trials, const QString& dumpDir,
                              int lines)>
        arguments;
};

std::unique_ptr<BenchEngine> makeSelfTimedPeer(SelfTimedPeerSpec spec);

} // namespace cropdeck::bench
