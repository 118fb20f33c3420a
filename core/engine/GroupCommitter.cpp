// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/GroupCommitter.h"

#include <algorithm>
#include <system_error>
#include <utility>

namespace cropdeck {

GroupCommitter::GroupCommitter(int threads, int maxWaiting)
    : m_threadCount(std::max(1, threads))
    , m_maxWaiting(std::max(1, maxWaiting)) {}

GroupCommitter::~GroupCommitter() {
    {
        std::lock_guard lock(m_mutex);
        m_ending = true;
    }
    m_changed.notify_all();
    for (std::thread& thread : m_threads)
        thread.join();
}

bool GroupCommitter::startLocked() {
    if (m_started)
        return true;
    if (m_unavailable)
        return false;
    try {
        for (int i = 0; i < m_threadCount; ++i)
            m_threads.emplace_back([this] { run(); });
    } catch (const std::system_error&) {
        // Fewer threads than asked (a process limit): those that started do the work; none, the callers.
    }
    m_started = !m_threads.empty();
    m_unavailable = !m_started;
    return m_started;
}

void GroupCommitter::submit(std::function<void()> commit) {
    {
        std::unique_lock lock(m_mutex);
        if (startLocked()) {
            m_changed.wait(lock, [&] { return int(m_queue.size()) < m_maxWaiting; });
            m_queue.push_back(std::move(commit));
            lock.unlock();
            m_changed.notify_all();
            return;
        }
    }
    commit();
}

void GroupCommitter::run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [&] { return !m_queue.empty() || m_ending; });
        if (m_queue.empty())
            return; // ending, and nothing left to commit
        std::function<void()> commit = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();
        m_changed.notify_all(); // room in the queue
        commit();
        lock.lock();
    }
}

void CommitCount::add() {
    std::lock_guard lock(m_mutex);
    ++m_inFlight;
}

void CommitCount::done() {
    std::lock_guard lock(m_mutex);
    if (--m_inFlight == 0)
        m_zero.notify_all();
}

void CommitCount::waitForAll() {
    std::unique_lock lock(m_mutex);
    m_zero.wait(lock, [&] { return m_inFlight == 0; });
}

} // namespace cropdeck
