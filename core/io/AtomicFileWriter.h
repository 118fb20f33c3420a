// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Writes a whole file so that `path` only ever holds the old content or the complete new content, even
// if the process dies or the machine loses power midway: the data goes to a temporary file in the same
// folder, is flushed to disk (fsync), and is then renamed over `path` (the folder is synced too).
// Missing parent folders are created. On failure nothing is left behind: no partial `path`, no
// temporary file. Replacing a file keeps its permissions; a symbolic link at `path` is replaced, not
// followed. Reentrant: concurrent writers to different paths do not interfere.

#include "Result.h"

#include <QByteArrayView>
#include <QString>

namespace cropdeck {

// Errors are ErrorKind::Io (ErrorKind::Invalid for an empty path) and name the path and the reason
// ("Permission denied", "No space left on device", ...).
[[nodiscard]] Status writeFileAtomically(const QString& path, QByteArrayView data);

// Creates `folder` and the missing folders above it. Errors (ErrorKind::Io) name the folder that could
// not be made and the OS's reason: "cannot create folder /ro/out: Read-only file system".
[[nodiscard]] Status createFolders(const QString& folder);

} // namespace cropdeck
