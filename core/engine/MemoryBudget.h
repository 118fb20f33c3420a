// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A counting budget of bytes shared by the workers of one batch, so that peak memory stays flat
// whatever the batch size: a worker reserves what its decode will allocate before decoding and gives it
// back when its outputs are written. A reservation larger than the whole budget is capped to the budget
// (it then runs alone), so no job can wait forever. Outside it: the decode scratch a worker thread keeps
// between images, at most 16 MiB per thread (io/ScratchRetention.h).
//
// Threading: all members are safe to call from any thread.

#include <QtGlobal>

#include <condition_variable>
#include <mutex>

namespace cropdeck {

class MemoryBudget {
public:
    explicit MemoryBudget(qint64 totalBytes);

    // Blocks until `bytes` (capped to the total) are free, then takes them; returns what was taken.
    qint64 acquire(qint64 bytes);
    void release(qint64 bytes);

    qint64 total() const { return m_total; }
    qint64 inUse() const;
    qint64 peakInUse() const;

private:
    const qint64 m_total;
    qint64 m_inUse = 0;
    qint64 m_peak = 0;
    mutable std::mutex m_mutex;
    std::condition_variable m_freed;
};

// RAII reservation.
class MemoryReservation {
public:
    MemoryReservation(MemoryBudget& budget, qint64 bytes)
        : m_budget(budget)
        , m_bytes(budget.acquire(bytes)) {}
    ~MemoryReservation() { m_budget.release(m_bytes); }
    MemoryReservation(const MemoryReservation&) = delete;
    MemoryReservation& operator=(const MemoryReservation&) = delete;

private:
    MemoryBudget& m_budget;
    qint64 m_bytes;
};

} // namespace cropdeck
