// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to engine/BatchJobContext: runs the commits of output groups (one sync for the group, a name
// for each file, the manifest lines) on threads of its own, while the workers go on cutting and encoding
// the next windows. A commit first waits on the disk (the sync), then names its files one by one, and the
// kernel serialises names made in one folder: with the commits beside the workers, one group's sync
// overlaps another's names and the workers' encoding, instead of each worker stopping for its own.
// Measured on 10,000 windows of one image, 2 cores: the cutting phase went from about 0.33 s to 0.29 s
// (several threads and groups of 256 files did best; one thread made every sync and name wait in line).
//
// Bounded: at most `maxWaiting` commits wait in the queue; submit() blocks past that, so the files held
// open for the waiting groups stay within the unnamed-file budget (io/AtomicFileWriter). When no thread
// can be started (a process limit), submit() runs the commit on the caller's thread, as before.
//
// Threading: submit() and CommitCount are thread-safe. The destructor runs what is queued, then joins.

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace cropdeck {

class GroupCommitter {
public:
    GroupCommitter(int threads, int maxWaiting);
    // The committer a batch with `workers` worker threads gets: as many threads (at least 4), twice as
    // many waiting commits. A commit mostly waits for the disk, and one sync per file system runs at a
    // time (io/AtomicFileParts.h: SyncLedger): the more commits wait for the next sync, the more groups
    // each covers. Measured on 10,000 windows of one image, 2 cores: 198 -> 185 ms with 4 threads
    // instead of 2, and 353 -> 300 ms when file creation was slow (many files deleted just before).
    static int threadsFor(int workers) { return std::max(4, workers); }
    static int waitingFor(int workers) { return 2 * threadsFor(workers); }
    ~GroupCommitter();
    GroupCommitter(const GroupCommitter&) = delete;
    GroupCommitter& operator=(const GroupCommitter&) = delete;

    void submit(std::function<void()> commit);

private:
    bool startLocked();
    void run();

    const int m_threadCount;
    const int m_maxWaiting;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::function<void()>> m_queue;
    std::vector<std::thread> m_threads;
    bool m_started = false;
    bool m_unavailable = false; // no thread could be started: commits run inline
    bool m_ending = false;
};

// The commits one image has in flight: its writers count them in, the committer counts them out, and the
// image waits for all of them before it counts as done (its windows are all recorded by then).
class CommitCount {
public:
    void add();
    void done();
    void waitForAll();

private:
    std::mutex m_mutex;
    std::condition_variable m_zero;
    int m_inFlight = 0;
};

} // namespace cropdeck
