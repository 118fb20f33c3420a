// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/AtomicFileGroup.h"

#include "io/AtomicFileParts.h"
#include "io/AtomicFileWriter.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <algorithm>
#include <mutex>
#include <utility>
#include <variant>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace cropdeck {

using namespace atomic_detail;

AtomicFileGroup::~AtomicFileGroup() {
    discard();
}

AtomicFileGroup::AtomicFileGroup(AtomicFileGroup&& other) noexcept
    : m_pending(std::exchange(other.m_pending, {}))
    , m_bytes(std::exchange(other.m_bytes, 0))
    , m_writtenAt(std::exchange(other.m_writtenAt, 0)) {}

#ifdef Q_OS_UNIX

namespace {

// fsync of a file by name (its data was written through another descriptor, now closed).
int syncFile(const QByteArray& path) {
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    const int error = ::fsync(fd) == 0 ? 0 : errno;
    ::close(fd);
    return error;
}

#if defined(Q_OS_LINUX)
// Makes everything written on `folder`'s file system before `readyAt` durable: true when a syncfs(2)
// begun after `readyAt` has succeeded (this one, or another thread's that this waited for), false when
// the file system cannot (the caller syncs file by file), or the errno of a failed stat or open.
// One ledger entry per file system serves both steps of every group: the sync a group waits on for its
// data and the one it waits on for its names, so one group's names and the next group's data share a
// sync (half the waits for the disk's cache flush that an fsync of the folder for the names cost).
std::variant<bool, int> syncFileSystem(const QByteArray& folder, quint64 readyAt) {
    struct stat info;
    if (::stat(folder.constData(), &info) != 0)
        return errno;
    const QByteArray key = "dev:" + QByteArray::number(quint64(info.st_dev));
    const std::optional<quint64> startedAt = syncLedger().claim(key, readyAt);
    if (!startedAt)
        return true;
    const int fd = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        syncLedger().end(key, *startedAt, false);
        return error;
    }
    const bool ok = ::syncfs(fd) == 0;
    ::close(fd);
    syncLedger().end(key, *startedAt, ok);
    return ok;
}
#endif

// Makes every file of the group durable: a syncfs per file system where Linux has it (the group's files
// are on one or two), else an fsync per file. Returns 0 or the errno of the first failure.
int syncAll(const std::vector<AtomicFileGroup::Pending>& files, const std::vector<QByteArray>& folders,
            quint64 readyAt) {
#if defined(Q_OS_LINUX)
    bool all = true;
    for (const QByteArray& folder : folders) {
        const std::variant<bool, int> synced = syncFileSystem(folder, readyAt);
        if (const int* error = std::get_if<int>(&synced))
            return *error;
        if (!std::get<bool>(synced)) {
            all = false; // e.g. a file system without it: fall back to fsync per file
            break;
        }
    }
    if (all)
        return 0;
#else
    Q_UNUSED(folders);
    Q_UNUSED(readyAt);
#endif
    for (const AtomicFileGroup::Pending& file : files)
        if (const int error =
                file.unnamed >= 0 ? (::fsync(file.unnamed) == 0 ? 0 : errno) : syncFile(file.temporary))
            return error;
    return 0;
}

// Makes the names given in each folder durable: a syncfs of its file system begun after `namedAt` covers
// them (Linux), else an fsync of the folder, unless one begun after `namedAt` has.
void syncNames(const std::vector<QByteArray>& folders, quint64 namedAt) {
    for (const QByteArray& folder : folders) {
#if defined(Q_OS_LINUX)
        const std::variant<bool, int> synced = syncFileSystem(folder, namedAt);
        if (const bool* ok = std::get_if<bool>(&synced); ok && *ok)
            continue;
#endif
        const QByteArray key = "dir:" + folder;
        if (const std::optional<quint64> startedAt = syncLedger().claim(key, namedAt))
            syncLedger().end(key, *startedAt, syncFolder(folder));
    }
}

// Groups that name files in one folder take turns: the kernel lets one thread at a time add names to a
// folder, and the others spun on its lock (2% of a dense batch's CPU time, on two cores); waiting here
// they sleep. Folders share 16 locks.
std::mutex& namingLockFor(const QByteArray& folder) {
    static std::mutex locks[16];
    return locks[qHash(folder) % 16];
}

// Gives a durable file its name: 0 or the errno.
int place(const AtomicFileGroup::Pending& file) {
    if (file.unnamed < 0)
        return ::rename(file.temporary.constData(), file.target.constData()) == 0 ? 0 : errno;
    const int error = linkUnnamed(file.unnamed, file.target);
    // An existing target (a resumed or repeated run redoing it) is replaced, never linked over.
    return error == EEXIST ? replaceWithUnnamed(file.unnamed, file.target, file.folder) : error;
}

// Ends a file's life in the group: closes an unnamed one (gone unless placed), removes a named
// temporary that was not renamed.
void release(const AtomicFileGroup::Pending& file, bool placed) {
    if (file.unnamed >= 0)
        closeUnnamed(file.unnamed);
    else if (!placed)
        ::unlink(file.temporary.constData());
}

} // namespace

Status AtomicFileGroup::add(const QString& path, QByteArrayView data) {
    if (path.isEmpty())
        return makeError(ErrorKind::Invalid, QStringLiteral("no output file name given"));
    const qsizetype slash = path.lastIndexOf(u'/');
    const QByteArray& folder = encodedFolderOf(path, slash);
    QByteArray target = folder;
    if (!target.endsWith('/'))
        target += '/';
    target += QFile::encodeName(path.mid(slash + 1));
    Pending pending{path, std::move(target), {}, folder};
    int fd = pending.unnamed = createUnnamed(pending.folder);
    if (fd < 0) {
        fd = createTemporary(pending.folder, pending.temporary);
        if (fd < 0)
            return writeError(path, reasonFor(errno));
        keepPermissionsOf(pending.target, fd); // an unnamed file takes them only when it replaces one
    }
    bool ok = writeAll(fd, data);
    int error = ok ? 0 : errno;
    // close() can report a deferred write error (NFS, quotas); an unnamed file stays open until it has
    // a name, and its write errors surface in commit()'s sync.
    if (pending.unnamed < 0 && ::close(fd) != 0 && ok) {
        ok = false;
        error = errno;
    }
    if (!ok) {
        release(pending, false);
        return writeError(path, reasonFor(error));
    }
    m_bytes += data.size();
    m_pending.push_back(std::move(pending));
    return Status::success();
}

const QByteArray& AtomicFileGroup::encodedFolderOf(const QString& path, qsizetype slash) {
    const QStringView folderText = QStringView(path).left(std::max<qsizetype>(slash, 0));
    if (m_folderEncoded.isEmpty() || folderText != m_folderText) { // an absolute path is never empty
        m_folderText = folderText.toString();
        m_folderEncoded = QFile::encodeName(QFileInfo(path).absolutePath());
    }
    return m_folderEncoded;
}

std::vector<Status> AtomicFileGroup::commit() {
    std::vector<Pending> pending = std::exchange(m_pending, {});
    m_bytes = 0;
    const quint64 writtenAt = std::exchange(m_writtenAt, 0);
    std::vector<QByteArray> folders;
    for (const Pending& file : pending)
        if (std::find(folders.begin(), folders.end(), file.folder) == folders.end())
            folders.push_back(file.folder);
    std::vector<Status> results;
    const quint64 readyAt = writtenAt ? writtenAt : syncLedger().ticket(); // every file is written
    if (const int error = syncAll(pending, folders, readyAt)) {
        for (const Pending& file : pending) {
            release(file, false);
            results.push_back(writeError(file.path, reasonFor(error)));
        }
        return results;
    }
    std::unique_lock<std::mutex> naming;
    for (const Pending& file : pending) {
        if (std::mutex& lock = namingLockFor(file.folder); naming.mutex() != &lock) {
            naming = {}; // first: two folders may share a lock
            naming = std::unique_lock(lock);
        }
        const int error = place(file);
        release(file, error == 0);
        results.push_back(error == 0 ? Status::success() : Status(writeError(file.path, reasonFor(error))));
    }
    naming = {};
    syncNames(folders, syncLedger().ticket());
    return results;
}

void AtomicFileGroup::finishWriting() {
    m_writtenAt = syncLedger().ticket();
}

void AtomicFileGroup::discard() {
    m_writtenAt = 0;
    for (const Pending& file : m_pending)
        release(file, false);
    m_pending.clear();
    m_bytes = 0;
}

#else

// Elsewhere each file is written on its own at commit (QSaveFile: temporary, flush, rename).
Status AtomicFileGroup::add(const QString& path, QByteArrayView data) {
    if (path.isEmpty())
        return makeError(ErrorKind::Invalid, QStringLiteral("no output file name given"));
    m_pending.push_back({path, data.toByteArray(), {}, {}});
    m_bytes += data.size();
    return Status::success();
}

std::vector<Status> AtomicFileGroup::commit() {
    std::vector<Status> results;
    for (const Pending& file : std::exchange(m_pending, {}))
        results.push_back(writeFileAtomically(file.path, file.target));
    m_bytes = 0;
    return results;
}

void AtomicFileGroup::finishWriting() {} // each file is synced on its own at commit

void AtomicFileGroup::discard() {
    m_pending.clear();
    m_bytes = 0;
}

#endif

} // namespace cropdeck
