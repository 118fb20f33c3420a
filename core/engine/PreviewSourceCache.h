// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The PreviewSources of the last images previewed, so that clicking through the windows of one large
// JPEG cuts every window after the first from its restart-marker copy (see PreviewSource.h).
//
// Keyed by the file's stamp (path, size, modification time): a rewritten file gets a new copy. Bounded:
// at most `maxImages` images and `maxBytes` of copies, least recently used dropped first. An image
// whose copy could not be made (damaged data, 12-bit...) is remembered as such, so its file is not
// transcoded again on every click; one whose copy would not pay (small, or with restart markers
// already) costs nothing here.
//
// Thread-safe: previews run on worker threads, several at once while an older one finishes cancelled.
// The first request for an image builds the copy on its own thread; requests for the same image that
// arrive meanwhile wait for that build instead of decoding the file beside it. The build stops early
// only when every request waiting for it is cancelled (the next request then starts a new one).
// Must outlive the acquire() calls in flight: share it (std::shared_ptr) with the work that calls it.

#include "engine/PreviewSource.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace cropdeck {

struct PreviewSourceLimits {
    int maxImages = 2;
    qint64 maxBytes = qint64(512) << 20;
    // Below this a region decode from the top of the file is already fast (a 2000×2000 JPEG decodes
    // whole in about 15 ms) and the copy would cost more than it saves.
    qint64 minPixels = 4'000'000;
    // Making a copy holds every DCT coefficient of the image (up to 2 bytes a sample): larger images are
    // cut from the file.
    qint64 maxTranscodeBytes = qint64(1) << 30;
};

class PreviewSourceCache {
public:
    explicit PreviewSourceCache(PreviewSourceLimits limits = {});
    PreviewSourceCache(const PreviewSourceCache&) = delete;
    PreviewSourceCache& operator=(const PreviewSourceCache&) = delete;

    // The copy to cut the image at `path` (whose header probe is `info`) from, made on the image's first
    // request; nullptr when the image is cut from the file: the copy would not pay or not fit the limits,
    // could not be made, or `cancel` was set while waiting for it.
    std::shared_ptr<const PreviewSource> acquire(const QString& path, const ImageInfo& info,
                                                 const std::atomic_bool* cancel = nullptr);

    // Drops the copies of every other image (the preview moved on to this one); builds in flight stay.
    void keepOnly(const QString& path);

    int images() const;         // copies held
    qint64 memoryBytes() const; // their size
    int builds() const;         // copies made or refused so far (not counting cancelled ones)

private:
    struct Entry;

    std::shared_ptr<Entry> find(const FileStamp& file) const;
    std::shared_ptr<const PreviewSource> build(const std::shared_ptr<Entry>& entry, const QString& path,
                                               const ImageInfo& info, const std::atomic_bool* cancel,
                                               std::unique_lock<std::mutex>& lock);
    bool everyoneCancelled(const Entry& entry) const;
    void evict();

    const PreviewSourceLimits m_limits;
    mutable std::mutex m_mutex;
    std::condition_variable m_built;
    std::vector<std::shared_ptr<Entry>> m_entries;
    quint64 m_clock = 0; // orders entries by last use
    int m_builds = 0;
};

} // namespace cropdeck
