// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/bench: a peer program that times itself (PeerEngines.h). It reads a jobs file (one
// `path<TAB>x<TAB>y<TAB>w<TAB>h` line per window), warms up, runs its timed passes and prints one JSON
// object: warmup_s, trials_s, checksum, failures, version, and the crops it dumped as raw pixels
// (dumps: index = jobs line, file, width, height, channels, order "rgb"|"bgr"; or, for encoded outputs
// (BenchOutput.h), index, file and "encoded": true, the file being an encoded image).

#include "bench/BenchEngine.h"

#include <QStringList>

#include <functional>
#include <memory>

namespace cropdeck::bench {

// One run of a self-timed peer.
struct PeerRun {
    QString jobs;    // the jobs file
    int threads = 1; // workers
    int trials = 0;  // timed trials after the warm-up
    QString dumpDir; // empty: no dumps
    int lines = 0;   // jobs lines (for programs that want the indices to dump)
    OutputSpec output;
    QString outDir; // disk and tmpfs outputs: where every pass saves its crops
};

struct SelfTimedPeerSpec {
    QString name;
    QString program;
    QString unavailable; // non-empty: the reason it cannot run here
    QString detail;
    std::function<QStringList(const PeerRun& run)> arguments; // the program's arguments for a run
};

std::unique_ptr<BenchEngine> makeSelfTimedPeer(SelfTimedPeerSpec spec);

} // namespace cropdeck::bench
