// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to io/AtomicFileWriter and io/AtomicFileGroup: the POSIX steps both write with.

#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>

namespace cropdeck::atomic_detail {

// "cannot write PATH: REASON".
Error writeError(const QString& path, const QString& reason);

#ifdef Q_OS_UNIX
// The OS's reason for `error` (an errno value), with what to do for the reasons a user can fix.
QString reasonFor(int error);

// mkdir -p of `folder`; errors name the folder that could not be made and why.
Status makeFolders(const QString& folder);

// write(2) until done; false with errno set on failure.
bool writeAll(int fd, QByteArrayView data);

// Creates a new, unique temporary file in `folder` (O_EXCL); -1 with errno set on failure.
int createTemporary(const QByteArray& folder, QByteArray& tempPath);

// An unnamed file in `folder` (Linux O_TMPFILE) for linkUnnamed() to name later. Until then nothing of
// it exists under any name, so a killed run leaves no temporary behind; and creating it allocates the
// inode without the folder's lock, which a named temporary holds while it allocates, so workers writing
// into one folder do that part in parallel. -1 with errno set where the kernel or file system has no
// unnamed files (EOPNOTSUPP, EISDIR), or when this process already holds its share of descriptors in
// unnamed files (EMFILE): the caller names a temporary instead. Each one must end in closeUnnamed().
int createUnnamed(const QByteArray& folder);

// Gives the unnamed file `fd` the name `target`: 0, or the errno (EEXIST when `target` exists).
// Through the descriptor itself where the kernel allows it, else linkUnnamedThroughProc().
int linkUnnamed(int fd, const QByteArray& target);
// The same through /proc/self/fd, which every kernel with O_TMPFILE allows.
int linkUnnamedThroughProc(int fd, const QByteArray& target);

// Puts the unnamed file `fd` over `target`, which exists: a unique temporary name, then rename(2), so
// the target holds its old content or the new one. Takes `target`'s permissions. 0 or the errno.
int replaceWithUnnamed(int fd, const QByteArray& target, const QByteArray& folder);

// close(2) of an unnamed file, linked or not (an unlinked one is gone with it); returns close's errno
// or 0.
int closeUnnamed(int fd);

// Syncs shared by the groups of every thread (io/AtomicFileGroup). A sync that starts after a group's files
// were written (or named) covers them: the kernel writes back, and commits to the journal, everything dirtied
// before the call. So a group takes a ticket once its files are written, and skips its own sync when one that
// started after its ticket has succeeded, on the same file system (syncfs) or folder (fsync), or waits for
// such a sync under way. One sync of a key runs at a time: a group that finds one under way that began too
// early waits for it to end and then starts the next, which every group that became ready meanwhile
// shares (group commit, as a journal does). Syncs of one file system queue up in the kernel anyway; started
// side by side, each covered less and more of them ran (10,000 files in 40 groups, under strace: 63 syncs
// against 56).
class SyncLedger {
public:
    quint64 ticket() { return m_clock.fetch_add(1) + 1; }

    // For what was ready at `readyAt`: nullopt when a sync of `key` begun after that has succeeded (or,
    // after waiting, one under way that began after it succeeds). Otherwise the caller must sync: this
    // waits until no sync of `key` is under way, then records the caller's as begun and returns its
    // ticket, which the caller hands to end().
    std::optional<quint64> claim(const QByteArray& key, quint64 readyAt) {
        std::unique_lock lock(m_mutex);
        for (;;) {
            Entry& entry = m_entries[key];
            if (entry.synced > readyAt)
                return std::nullopt;
            if (!entry.inFlight) {
                entry.inFlight = ticket();
                return entry.inFlight;
            }
            m_changed.wait(lock);
        }
    }
    void end(const QByteArray& key, quint64 startedAt, bool succeeded) {
        {
            std::lock_guard lock(m_mutex);
            Entry& entry = m_entries[key];
            entry.inFlight = 0;
            if (succeeded)
                entry.synced = std::max(entry.synced, startedAt);
        }
        m_changed.notify_all();
    }

private:
    struct Entry {
        quint64 synced = 0;   // the latest successful sync's ticket
        quint64 inFlight = 0; // the ticket of the sync under way, 0 when none
    };
    std::atomic<quint64> m_clock{0};
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::map<QByteArray, Entry> m_entries;
};

// The process's ledger, shared by every group.
SyncLedger& syncLedger();

// Gives `fd` the permissions of `target` when `target` is a regular file being replaced.
void keepPermissionsOf(const QByteArray& target, int fd);

// fsync(2) of a folder, so that renames in it are durable. Some file systems cannot; ignored then.
// Returns whether the folder was synced.
bool syncFolder(const QByteArray& folder);
#endif

} // namespace cropdeck::atomic_detail
