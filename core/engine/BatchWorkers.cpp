// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/BatchWorkers.h"

#include <algorithm>
#include <system_error>

namespace cropdeck {

// Ranges of one image's windows, claimed one at a time by whoever runs them.
struct BatchWorkers::RangeTask {
    const std::function<void(int, int)>* body = nullptr;
    int count = 0;
    int rangeSize = 1;
    int ranges = 0;
    std::atomic_int next{0};
    int done = 0; // under m_mutex
};

namespace {

// A range small enough to share out, large enough that one sync of its files pays off.
constexpr int kMinRange = 32;

} // namespace

BatchWorkers::BatchWorkers(int jobCount, std::function<void(int)> runJob, const std::atomic_bool* cancel)
    : m_jobCount(jobCount)
    , m_runJob(std::move(runJob))
    , m_cancel(cancel) {}

BatchWorkers::~BatchWorkers() {
    wake();
    join();
}

BatchWorkers::StartReport BatchWorkers::start(int threads, std::function<void()> onAllDone) {
    StartReport report;
    report.asked = std::max(1, threads);
    m_onAllDone = std::move(onAllDone);
    std::lock_guard lock(m_mutex); // workers wait for the whole set before they count themselves out
    for (int i = 0; i < report.asked; ++i) {
        try {
            m_threads.emplace_back([this] { workerMain(); });
            ++m_live;
        } catch (const std::system_error& error) {
            report.problem = QString::fromLocal8Bit(error.code().message().c_str());
            break;
        }
    }
    report.started = m_live;
    return report;
}

void BatchWorkers::setPaused(bool paused) {
    {
        std::lock_guard lock(m_mutex);
        m_paused = paused;
    }
    m_changed.notify_all();
}

void BatchWorkers::wake() {
    { std::lock_guard lock(m_mutex); }
    m_changed.notify_all();
}

void BatchWorkers::join() {
    for (std::thread& thread : m_threads)
        if (thread.joinable())
            thread.join();
}

std::shared_ptr<BatchWorkers::RangeTask> BatchWorkers::openRangeTaskLocked() {
    while (!m_rangeTasks.empty()) {
        std::shared_ptr<RangeTask> task = m_rangeTasks.front();
        if (task->next.load() < task->ranges)
            return task;
        m_rangeTasks.pop_front(); // every range claimed: nothing left to help with
    }
    return nullptr;
}

void BatchWorkers::workerMain() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        std::shared_ptr<RangeTask> help;
        m_changed.wait(lock, [&] {
            if (cancelled())
                return true;
            if (m_paused)
                return false;
            help = openRangeTaskLocked();
            return help || m_nextJob < m_jobCount || m_jobsRunning == 0;
        });
        if (cancelled())
            break;
        if (help) {
            lock.unlock();
            runRanges(*help);
            lock.lock();
            continue;
        }
        if (m_nextJob >= m_jobCount)
            break; // and no job is running: nobody will ask for help again
        const int job = m_nextJob++;
        ++m_jobsRunning;
        lock.unlock();
        m_runJob(job);
        lock.lock();
        --m_jobsRunning;
        m_changed.notify_all(); // idle workers wait for the last jobs to end
    }
    const bool last = --m_live == 0;
    lock.unlock();
    m_changed.notify_all();
    if (last && m_onAllDone)
        m_onAllDone();
}

void BatchWorkers::runRanges(RangeTask& task) {
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return !m_paused || cancelled(); });
        }
        const int range = task.next.fetch_add(1);
        if (range >= task.ranges)
            return;
        const int begin = range * task.rangeSize;
        (*task.body)(begin, std::min(task.count, begin + task.rangeSize));
        std::lock_guard lock(m_mutex);
        if (++task.done == task.ranges)
            m_changed.notify_all();
    }
}

void BatchWorkers::forRanges(int count, const std::function<void(int, int)>& body) {
    const int threads = std::max(1, int(m_threads.size()));
    // A few ranges per thread, so that threads that join late still get a share.
    const int rangeSize = std::max(kMinRange, (count + threads * 4 - 1) / (threads * 4));
    if (threads == 1 || count <= rangeSize) {
        body(0, count);
        return;
    }
    auto task = std::make_shared<RangeTask>();
    task->body = &body;
    task->count = count;
    task->rangeSize = rangeSize;
    task->ranges = (count + rangeSize - 1) / rangeSize;
    {
        std::lock_guard lock(m_mutex);
        m_rangeTasks.push_back(task);
    }
    m_changed.notify_all();
    runRanges(*task);
    // Ranges claimed by others are running (claimed ranges are never abandoned): wait for them.
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return task->done == task->ranges; });
    m_rangeTasks.erase(std::remove(m_rangeTasks.begin(), m_rangeTasks.end(), task), m_rangeTasks.end());
}

} // namespace cropdeck
