// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/FileReading.h"

#include <QFileInfo>

#include <limits>

namespace cropdeck {

Status openForReading(QFile& file, const QString& path, QIODevice::OpenMode extraFlags) {
    const QFileInfo fileInfo(path);
    if (!fileInfo.exists())
        return makeError(ErrorKind::NotFound, QStringLiteral("%1: file not found").arg(path));
    if (fileInfo.isDir())
        return makeError(ErrorKind::Io, QStringLiteral("%1: is a folder, not an image file").arg(path));
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly | extraFlags))
        return makeError(ErrorKind::Io,
                         QStringLiteral("%1: cannot open for reading (%2)").arg(path, file.errorString()));
    return Status::success();
}

Result<QByteArray> readWholeFile(const QString& path) {
    QFile file;
    if (Status opened = openForReading(file, path); !opened)
        return opened.error();
    const qint64 size = file.size();
    if (size > qint64(std::numeric_limits<qsizetype>::max()) - 1)
        return makeError(ErrorKind::TooLarge,
                         QStringLiteral("%1: file too large to read into memory").arg(path));
    QByteArray bytes(qsizetype(size), Qt::Uninitialized);
    qint64 done = 0;
    while (done < size) {
        const qint64 got = file.read(bytes.data() + done, size - done);
        if (got < 0)
            return makeError(ErrorKind::Io,
                             QStringLiteral("%1: read failed (%2)").arg(path, file.errorString()));
        if (got == 0)
            break;
        done += got;
    }
    // A file that shrank while being read: keep what is there; decoders report the truncation.
    bytes.truncate(qsizetype(done));
    return bytes;
}

} // namespace cropdeck
