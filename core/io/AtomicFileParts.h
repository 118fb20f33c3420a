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

// Gives `fd` the permissions of `target` when `target` is a regular file being replaced.
void keepPermissionsOf(const QByteArray& target, int fd);

// fsync(2) of a folder, so that renames in it are durable. Some file systems cannot; ignored then.
void syncFolder(const QByteArray& folder);
#endif

} // namespace cropdeck::atomic_detail
