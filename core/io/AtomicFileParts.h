// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to io/AtomicFileWriter and io/AtomicFileGroup: the POSIX steps both write with.

#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

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

// Gives `fd` the permissions of `target` when `target` is a regular file being replaced.
void keepPermissionsOf(const QByteArray& target, int fd);

// fsync(2) of a folder, so that renames in it are durable. Some file systems cannot; ignored then.
void syncFolder(const QByteArray& folder);
#endif

} // namespace cropdeck::atomic_detail
