// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/bench: the peak resident memory of CropDeck's process and every process it started
// (peers, --engine-cmd tools, their own children such as Python process pools) while one timed pass runs.
//
// What the figure is: the largest resident set the whole process tree was seen to hold at one moment,
// never a sum of peaks reached at different moments, so it is a lower bound of the true peak. Three
// sources, each something the tree really held:
//  - a background thread sums the RSS (/proc/<pid>/statm) of this process and its descendants every
//    5 ms. Why 5 ms: a decoded 4000×4000 image or a tool started per window lives tens of milliseconds,
//    so a slower period misses them; a faster one costs the engines more CPU (below) for little gain;
//  - this process's own high-water mark, reset before the pass (/proc/self/clear_refs, "5") and read
//    after it (VmHWM): exact for in-process engines, however short their peak;
//  - getrusage(RUSAGE_CHILDREN).ru_maxrss, when it grew during the pass: a descendant waited for during
//    the pass reached that much, while this process held at least the least it was seen to hold. It is a
//    lifetime maximum over waited-for children only, so it says nothing when it does not grow; and it
//    includes the copy of this process a child was between fork and exec, so it is used only when it
//    exceeds this process's own high-water mark (then it cannot be that copy).
// A child of this process still between fork and exec (PF_FORKNOEXEC in its stat flags) is left out of
// the sum for the same reason: until exec it counts this process's pages a second time.
// RSS counts shared pages in every process that maps them (forked pool workers sharing the interpreter's
// pages are counted once each), and this process's figure includes what its allocator kept from earlier
// passes: the baseline (the tree's RSS just before the pass) shows that part.
//
// Cost: each sample reads /proc/<pid>/task/<tid>/children for every thread of every process in the tree
// (or, on kernels without those files, every /proc/*/stat) and one statm or stat per process, with plain
// system calls and reused buffers. Measured on a loaded 2-core VM over 3 s (the sampler's CPU time less
// the same process without it): 0.7-1.2% of one core for a process of one thread, about 2% for one of
// 21 threads (CropDeck's pools make most of the files read); each child adds its own threads. On 2
// cores that is about 1% of the machine, taken from the engines being timed.
//
// Platforms without /proc (Windows, macOS) report 0 = unknown: the own-process figure they could give
// cheaply would leave out the peers' processes and make every peer look free.
//
// Threading: one sampler per pass, started and stopped on the same thread; the sampling thread only reads.

#include <QtGlobal>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace cropdeck::bench {

struct MemoryPeak {
    qint64 peakBytes = 0;     // 0: unknown
    qint64 baselineBytes = 0; // the tree's RSS just before the pass; 0: unknown
};

// The resident bytes of this process and all its descendants now; 0 where /proc is missing.
qint64 processTreeResidentBytes();

class MemorySampler {
public:
    MemorySampler(); // takes the baseline and starts sampling
    ~MemorySampler();
    MemorySampler(const MemorySampler&) = delete;
    MemorySampler& operator=(const MemorySampler&) = delete;

    MemoryPeak stop(); // stops sampling (once; later calls give the same figure)

private:
    void sampleUntilStopped(); // the sampling thread
    void record(qint64 self, qint64 total);

    MemoryPeak m_result;
    // Written by the constructor, then by the sampling thread only, read by stop() after the join.
    qint64 m_sampledPeak = 0;
    qint64 m_leastSelf = 0; // the least this process alone was seen to hold
    long m_childrenMaxRssKiB = 0;
    bool m_highWaterMarkReset = false;
    bool m_stopped = false;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopRequested = false;
    std::thread m_thread;
};

} // namespace cropdeck::bench
