// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/AtomicFileWriter.h"

#include "io/AtomicFileParts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#ifdef Q_OS_UNIX
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#else
#include <QSaveFile>
#endif

namespace cropdeck {

Status createFolders(const QString& folder) {
#ifdef Q_OS_UNIX
    return atomic_detail::makeFolders(folder);
#else
    if (!QDir().mkpath(folder))
        return makeError(ErrorKind::Io, QStringLiteral("cannot create folder %1").arg(folder));
    return Status::success();
#endif
}

namespace atomic_detail {

Error writeError(const QString& path, const QString& reason) {
    return makeError(ErrorKind::Io, QStringLiteral("cannot write %1: %2").arg(path, reason));
}

#ifdef Q_OS_UNIX

QString reasonFor(int error) {
    QString reason = qt_error_string(error);
    if (error == ENOSPC || error == EDQUOT)
        reason += QStringLiteral(" (free some space or choose another output folder)");
    else if (error == EACCES || error == EPERM || error == EROFS)
        reason += QStringLiteral(" (choose an output folder you can write to)");
    return reason;
}

Status makeFolders(const QString& folder) {
    const auto failed = [](const QString& which, int error) {
        return makeError(ErrorKind::Io,
                         QStringLiteral("cannot create folder %1: %2").arg(which, reasonFor(error)));
    };
    const QString cleaned = QDir::cleanPath(folder);
    struct stat info;
    // Most calls find the folder made already: one stat instead of a mkdir per level.
    if (::stat(QFile::encodeName(cleaned).constData(), &info) == 0 && S_ISDIR(info.st_mode))
        return Status::success();
    const QStringList parts = cleaned.split(QLatin1Char('/'));
    QString prefix;
    for (const QString& part : parts) {
        prefix += part;
        if (!prefix.isEmpty() && ::mkdir(QFile::encodeName(prefix).constData(), 0777) != 0 && errno != EEXIST)
            return failed(prefix, errno);
        prefix += QLatin1Char('/');
    }
    if (::stat(QFile::encodeName(cleaned).constData(), &info) != 0)
        return failed(cleaned, errno);
    if (!S_ISDIR(info.st_mode))
        return makeError(ErrorKind::Io, QStringLiteral("%1 is not a folder").arg(cleaned));
    return Status::success();
}

bool writeAll(int fd, QByteArrayView data) {
    const char* next = data.data();
    qsizetype left = data.size();
    while (left > 0) {
        const ssize_t written = ::write(fd, next, size_t(left));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            if (written == 0)
                errno = EIO;
            return false;
        }
        next += written;
        left -= written;
    }
    return true;
}

namespace {

// Keep in step with isWriterTemporaryName() in engine/StaleTemporaries.cpp.
QByteArray temporaryName(const QByteArray& folder) {
    return folder + "/.cropdeck-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36) + ".tmp";
}

std::atomic<int> unnamedHeld{0};

// Unnamed files stay open until their group is committed: they may use half of the descriptors the
// process may open, so that decoders, the manifest and Qt never run out because of them.
int unnamedBudget() {
    static const int budget = [] {
        struct rlimit limit;
        if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
            return 4096;
        return int(std::min<rlim_t>(limit.rlim_cur / 2, 1 << 20));
    }();
    return budget;
}

// linkat(2) names a descriptor through /proc/self/fd (AT_EMPTY_PATH would need CAP_DAC_READ_SEARCH).
bool canLinkDescriptors() {
    static const bool can = ::access("/proc/self/fd", X_OK) == 0;
    return can;
}

} // namespace

int createTemporary(const QByteArray& folder, QByteArray& tempPath) {
    for (int attempt = 0; attempt < 16; ++attempt) {
        tempPath = temporaryName(folder);
        const int fd = ::open(tempPath.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

int createUnnamed(const QByteArray& folder) {
#if defined(O_TMPFILE)
    if (!canLinkDescriptors()) {
        errno = EOPNOTSUPP;
        return -1;
    }
    if (unnamedHeld.fetch_add(1) >= unnamedBudget()) {
        unnamedHeld.fetch_sub(1);
        errno = EMFILE;
        return -1;
    }
    const int fd = ::open(folder.constData(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0) {
        const int error = errno;
        unnamedHeld.fetch_sub(1);
        errno = error;
    }
    return fd;
#else
    Q_UNUSED(folder);
    errno = EOPNOTSUPP;
    return -1;
#endif
}

int linkUnnamed(int fd, const QByteArray& target) {
#if defined(AT_EMPTY_PATH)
    // The descriptor itself (AT_EMPTY_PATH) where the kernel allows it for an O_TMPFILE file (Linux 6.10
    // and later, or CAP_DAC_READ_SEARCH): no walk through /proc per file, a tenth of a dense batch's
    // linking. A kernel that refuses it says EPERM or ENOENT (also what a missing folder says): when
    // /proc then succeeds, descriptors are not tried again.
    static std::atomic_bool descriptorLinks{true};
    if (descriptorLinks.load(std::memory_order_relaxed)) {
        if (::linkat(fd, "", AT_FDCWD, target.constData(), AT_EMPTY_PATH) == 0)
            return 0;
        if (errno != EPERM && errno != ENOENT && errno != EINVAL)
            return errno;
        const int error = linkUnnamedThroughProc(fd, target);
        if (error == 0)
            descriptorLinks.store(false, std::memory_order_relaxed);
        return error;
    }
#endif
    return linkUnnamedThroughProc(fd, target);
}

int linkUnnamedThroughProc(int fd, const QByteArray& target) {
    char self[48];
    std::snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
    return ::linkat(AT_FDCWD, self, AT_FDCWD, target.constData(), AT_SYMLINK_FOLLOW) == 0 ? 0 : errno;
}

int replaceWithUnnamed(int fd, const QByteArray& target, const QByteArray& folder) {
    keepPermissionsOf(target, fd);
    for (int attempt = 0; attempt < 16; ++attempt) {
        const QByteArray temporary = temporaryName(folder);
        if (const int error = linkUnnamed(fd, temporary)) {
            if (error == EEXIST)
                continue;
            return error;
        }
        if (::rename(temporary.constData(), target.constData()) == 0)
            return 0;
        const int error = errno;
        ::unlink(temporary.constData());
        return error;
    }
    return EEXIST;
}

int closeUnnamed(int fd) {
    const int error = ::close(fd) == 0 ? 0 : errno;
    unnamedHeld.fetch_sub(1);
    return error;
}

void keepPermissionsOf(const QByteArray& target, int fd) {
    // umask is already applied to new files.
    struct stat existing;
    if (::stat(target.constData(), &existing) == 0 && S_ISREG(existing.st_mode))
        ::fchmod(fd, existing.st_mode & 07777);
}

SyncLedger& syncLedger() {
    static SyncLedger ledger;
    return ledger;
}

bool syncFolder(const QByteArray& folder) {
    const int fd = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced;
}

#endif

} // namespace atomic_detail

namespace {

using namespace atomic_detail;

#ifdef Q_OS_UNIX

Status writeThroughTemporary(const QString& path, const QByteArray& target, const QByteArray& folder,
                             QByteArrayView data) {
    QByteArray tempPath;
    const int fd = createTemporary(folder, tempPath);
    if (fd < 0)
        return writeError(path, reasonFor(errno));

    keepPermissionsOf(target, fd);

    bool ok = writeAll(fd, data) && ::fsync(fd) == 0;
    int error = ok ? 0 : errno;
    // close() can report a deferred write error (NFS, quotas).
    if (::close(fd) != 0 && ok) {
        ok = false;
        error = errno;
    }
    if (ok && ::rename(tempPath.constData(), target.constData()) != 0) {
        ok = false;
        error = errno;
    }
    if (!ok) {
        ::unlink(tempPath.constData());
        return writeError(path, reasonFor(error));
    }
    syncFolder(folder);
    return Status::success();
}

#endif

} // namespace

Status writeFileAtomically(const QString& path, QByteArrayView data) {
    if (path.isEmpty())
        return makeError(ErrorKind::Invalid, QStringLiteral("no output file name given"));
    const QFileInfo info(path);
    const QString folder = info.absolutePath();
#ifdef Q_OS_UNIX
    if (Status made = makeFolders(folder); !made)
        return writeError(path, made.error().message);
    return writeThroughTemporary(path, QFile::encodeName(info.absoluteFilePath()), QFile::encodeName(folder),
                                 data);
#else
    // QSaveFile writes a temporary file in the same folder, flushes it to disk and renames it over the
    // target on commit(); it removes the temporary file when anything fails.
    if (!QDir().mkpath(folder))
        return writeError(path, QStringLiteral("cannot create folder %1").arg(folder));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return writeError(path, file.errorString());
    if (file.write(data.data(), data.size()) != data.size() || !file.commit())
        return writeError(path, file.errorString());
    return Status::success();
#endif
}

} // namespace cropdeck
