// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/MemoryBudget.h"

#include <algorithm>

namespace cropdeck {

MemoryBudget::MemoryBudget(qint64 totalBytes)
    : m_total(std::max<qint64>(totalBytes, 1)) {}

qint64 MemoryBudget::acquire(qint64 bytes) {
    const qint64 wanted = std::clamp<qint64>(bytes, 0, m_total);
    std::unique_lock lock(m_mutex);
    m_freed.wait(lock, [&] { return m_inUse + wanted <= m_total; });
    m_inUse += wanted;
    m_peak = std::max(m_peak, m_inUse);
    return wanted;
}

void MemoryBudget::release(qint64 bytes) {
    {
        std::lock_guard lock(m_mutex);
        m_inUse -= bytes;
    }
    m_freed.notify_all();
}

qint64 MemoryBudget::inUse() const {
    std::lock_guard lock(m_mutex);
    return m_inUse;
}

qint64 MemoryBudget::peakInUse() const {
    std::lock_guard lock(m_mutex);
    return m_peak;
}

} // namespace cropdeck
