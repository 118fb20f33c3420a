// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The worker threads of one batch: each takes the next source image (a job) until none is left, and
// an image with many windows spreads ranges of them over the workers that are idle (forRanges).
//
// Why not QThreadPool: when a thread cannot be created (a process limit, --threads 64), QThreadPool
// says "QThread::start: Thread creation error" and the task it meant for that thread never runs, so a
// QtConcurrent map over the pool never finishes: every crop is written, the process never exits.
// Here each thread is a std::thread, whose creation failure is an exception: start() reports how many
// threads really run, and the batch runs on those (or fails clearly when none started).
//
// Pause holds workers before their next image or range; cancel (the flag given) stops them there too.
// Threading: start(), setPaused(), wake() and join() are called from the owner's thread; forRanges()
// from a job running on a worker.

#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace cropdeck {

class BatchWorkers {
public:
    struct StartReport {
        int asked = 0;
        int started = 0;
        QString problem; // why a thread could not be created (the OS's reason); empty when all started
    };

    // `runJob(i)` is called once for each i in [0, jobCount) unless cancelled first.
    BatchWorkers(int jobCount, std::function<void(int)> runJob, const std::atomic_bool* cancel);
    ~BatchWorkers(); // wakes and joins the threads (set the cancel flag first to stop early)
    BatchWorkers(const BatchWorkers&) = delete;
    BatchWorkers& operator=(const BatchWorkers&) = delete;

    // Starts up to `threads` threads. `onAllDone` is called once, on the last worker to stop, after every
    // job is done or the batch is cancelled. With no thread started it is never called.
    StartReport start(int threads, std::function<void()> onAllDone);

    void setPaused(bool paused);
    // Call after setting the cancel flag, so that waiting workers see it.
    void wake();
    void join();

    // Runs body(begin, end) over ranges covering [0, count): on this thread and on idle workers; returns
    // when every range is done. Small counts run in one range here.
    void forRanges(int count, const std::function<void(int begin, int end)>& body);

private:
    struct RangeTask;

    void workerMain();
    void runRanges(RangeTask& task);
    bool cancelled() const { return m_cancel && m_cancel->load(); }
    std::shared_ptr<RangeTask> openRangeTaskLocked();

    const int m_jobCount;
    const std::function<void(int)> m_runJob;
    const std::atomic_bool* m_cancel;
    std::function<void()> m_onAllDone;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<std::thread> m_threads;
    std::deque<std::shared_ptr<RangeTask>> m_rangeTasks;
    int m_nextJob = 0;
    int m_jobsRunning = 0;
    int m_live = 0;
    bool m_paused = false;
};

} // namespace cropdeck
