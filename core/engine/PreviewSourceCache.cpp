// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/PreviewSourceCache.h"

#include <algorithm>

namespace cropdeck {

struct PreviewSourceCache::Entry {
    FileStamp file;
    bool building = true;
    bool abandoned = false; // the build stopped, every request waiting for it being cancelled
    std::shared_ptr<const PreviewSource> source;  // when built; null: cut this image from the file
    std::vector<const std::atomic_bool*> waiting; // the requests that want the build, its builder included
    quint64 lastUse = 0;
};

namespace {

void forget(std::vector<const std::atomic_bool*>& waiting, const std::atomic_bool* cancel) {
    const auto at = std::find(waiting.begin(), waiting.end(), cancel);
    if (at != waiting.end())
        waiting.erase(at);
}

} // namespace

PreviewSourceCache::PreviewSourceCache(PreviewSourceLimits limits)
    : m_limits(limits) {}

std::shared_ptr<PreviewSourceCache::Entry> PreviewSourceCache::find(const FileStamp& file) const {
    const auto at = std::find_if(m_entries.begin(), m_entries.end(),
                                 [&](const std::shared_ptr<Entry>& entry) { return entry->file == file; });
    return at == m_entries.end() ? nullptr : *at;
}

std::shared_ptr<const PreviewSource> PreviewSourceCache::acquire(const QString& path, const ImageInfo& info,
                                                                 const std::atomic_bool* cancel) {
    const qint64 coefficientBytes = info.pixelCount() * info.channels * 2;
    if (!previewSourcePays(info, m_limits.minPixels) || info.fileSize > m_limits.maxBytes ||
        coefficientBytes > m_limits.maxTranscodeBytes)
        return nullptr;
    const FileStamp file = fileStampOf(path);
    if (file.size < 0)
        return nullptr; // cutting from the file reports why it cannot be read
    std::unique_lock lock(m_mutex);
    for (;;) {
        const std::shared_ptr<Entry> entry = find(file);
        if (!entry) {
            std::erase_if(m_entries, [&](const std::shared_ptr<Entry>& old) {
                return !old->building && old->file.path == path; // the file was rewritten
            });
            auto fresh = std::make_shared<Entry>();
            fresh->file = file;
            m_entries.push_back(fresh);
            return build(fresh, path, info, cancel, lock);
        }
        entry->lastUse = ++m_clock;
        if (!entry->building)
            return entry->source;
        entry->waiting.push_back(cancel);
        m_built.wait(lock, [&] { return !entry->building; });
        forget(entry->waiting, cancel);
        if (!entry->abandoned)
            return entry->source;
        // Abandoned, every request then waiting being cancelled: this one too, or it came just after.
        if (cancel != nullptr && cancel->load())
            return nullptr;
    }
}

std::shared_ptr<const PreviewSource> PreviewSourceCache::build(const std::shared_ptr<Entry>& entry,
                                                               const QString& path, const ImageInfo& info,
                                                               const std::atomic_bool* cancel,
                                                               std::unique_lock<std::mutex>& lock) {
    entry->waiting.push_back(cancel);
    entry->lastUse = ++m_clock;
    lock.unlock();
    Result<PreviewSource> built = buildPreviewSource(path, info, [this, entry] {
        const std::lock_guard guard(m_mutex);
        return everyoneCancelled(*entry);
    });
    lock.lock();
    forget(entry->waiting, cancel);
    entry->building = false;
    if (!built && built.error().kind == ErrorKind::Cancelled) {
        entry->abandoned = true;
        m_entries.erase(std::find(m_entries.begin(), m_entries.end(), entry));
    } else {
        ++m_builds;
        if (built && built->memoryBytes() <= m_limits.maxBytes) // else: cut from the file
            entry->source = std::make_shared<const PreviewSource>(std::move(built.value()));
    }
    evict();
    m_built.notify_all();
    return entry->source;
}

bool PreviewSourceCache::everyoneCancelled(const Entry& entry) const {
    return std::all_of(entry.waiting.begin(), entry.waiting.end(),
                       [](const std::atomic_bool* cancel) { return cancel != nullptr && cancel->load(); });
}

void PreviewSourceCache::evict() {
    // Only finished entries count and go; a build in flight belongs to the requests waiting for it.
    const auto finishedBytes = [this](int& count) {
        qint64 bytes = 0;
        count = 0;
        for (const std::shared_ptr<Entry>& entry : m_entries)
            if (!entry->building) {
                ++count;
                bytes += entry->source ? entry->source->memoryBytes() : 0;
            }
        return bytes;
    };
    int count = 0;
    while (finishedBytes(count) > m_limits.maxBytes || count > m_limits.maxImages) {
        auto oldest = m_entries.end();
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
            if (!(*it)->building && (oldest == m_entries.end() || (*it)->lastUse < (*oldest)->lastUse))
                oldest = it;
        m_entries.erase(oldest);
    }
}

void PreviewSourceCache::keepOnly(const QString& path) {
    const std::lock_guard guard(m_mutex);
    std::erase_if(m_entries, [&](const std::shared_ptr<Entry>& entry) {
        return !entry->building && entry->file.path != path;
    });
}

int PreviewSourceCache::images() const {
    const std::lock_guard guard(m_mutex);
    return int(std::count_if(m_entries.begin(), m_entries.end(),
                             [](const std::shared_ptr<Entry>& entry) { return entry->source != nullptr; }));
}

qint64 PreviewSourceCache::memoryBytes() const {
    const std::lock_guard guard(m_mutex);
    qint64 bytes = 0;
    for (const std::shared_ptr<Entry>& entry : m_entries)
        bytes += entry->source ? entry->source->memoryBytes() : 0;
    return bytes;
}

int PreviewSourceCache::builds() const {
    const std::lock_guard guard(m_mutex);
    return m_builds;
}

} // namespace cropdeck
