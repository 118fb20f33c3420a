// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Opening and reading image files with errors a user can act on (missing file, a folder, no permission,
// a failing disk), each naming the file.

#include "Result.h"

#include <QByteArray>
#include <QFile>
#include <QString>

namespace cropdeck {

// Opens `path` read-only on `file` (flags are added to ReadOnly, e.g. QIODevice::Unbuffered).
// NotFound when it does not exist, Io when it is not a regular file or cannot be opened.
Status openForReading(QFile& file, const QString& path, QIODevice::OpenMode extraFlags = {});

// The whole file in memory, for decoders that need it (OpenCV's imdecode).
Result<QByteArray> readWholeFile(const QString& path);

} // namespace cropdeck
