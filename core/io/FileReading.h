// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Opening and reading input files with errors a user can act on (missing file, a folder, a FIFO, a
// symbolic link loop, no permission, a failing disk), each naming the file.
//
// Only regular files are read: a FIFO without a writer would block the reader forever, a device could
// stream without end, a socket cannot be opened at all. Every reader of images and annotations opens
// through here; readers that take a file name (OpenCV) check with requireRegularFile() first.

#include "Result.h"

#include <QByteArray>
#include <QFile>
#include <QString>

namespace cropdeck {

// Opens `path` read-only on `file` (flags are added to ReadOnly, e.g. QIODevice::Unbuffered) when it is
// a regular file, links followed. The check and the open are one step (a non-blocking open, then fstat
// on what was opened), so a path swapped for a FIFO in between cannot block the caller.
// NotFound when it does not exist (or is a link to nothing), Io otherwise: "is a FIFO", "is a folder",
// "is a symbolic link loop", "permission denied"...
Status openForReading(QFile& file, const QString& path, QIODevice::OpenMode extraFlags = {});

// The same check without keeping the file open, for libraries that open the path themselves.
Status requireRegularFile(const QString& path);

// The whole file in memory, for decoders that need it (OpenCV's imdecode).
Result<QByteArray> readWholeFile(const QString& path);

} // namespace cropdeck
