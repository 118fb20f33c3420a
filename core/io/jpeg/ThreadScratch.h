// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to io/jpeg: a byte buffer kept per thread between decodes, so that large scratch buffers are
// not freshly mapped (and page-faulted) on every call. The buffer is moved out of the thread's slot while
// in use, so a nested user on the same thread gets its own and every call stays reentrant. Each Tag type
// has its own slot; buffers over kRetainedScratchBytes (io/ScratchRetention.h) are released rather than
// kept.

#include "io/ScratchRetention.h"

#include <cstddef>
#include <utility>
#include <vector>

namespace cropdeck::jpeg {

template <typename Tag> class ThreadScratch {
public:
    ThreadScratch()
        : m_buffer(std::move(slot())) {
        slot().clear();
    }
    ~ThreadScratch() {
        if (m_buffer.capacity() <= kRetainedScratchBytes)
            slot() = std::move(m_buffer);
    }
    ThreadScratch(const ThreadScratch&) = delete;
    ThreadScratch& operator=(const ThreadScratch&) = delete;

    std::vector<unsigned char>& buffer() { return m_buffer; }

    // At least `bytes` bytes; contents unspecified.
    unsigned char* reserve(std::size_t bytes) {
        if (m_buffer.size() < bytes)
            m_buffer.resize(bytes);
        return m_buffer.data();
    }

private:
    static std::vector<unsigned char>& slot() {
        thread_local std::vector<unsigned char> buffer;
        return buffer;
    }
    std::vector<unsigned char> m_buffer;
};

} // namespace cropdeck::jpeg
