// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/FileReading.h"

#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <sys/stat.h>
#include <unistd.h>

namespace cropdeck {

namespace {

// What a path that is not a regular file is, in words ("a FIFO"), from its st_mode.
QString kindOfFile(mode_t mode) {
    if (S_ISDIR(mode))
        return QStringLiteral("a folder");
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO (named pipe)");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return QStringLiteral("a device");
    return QStringLiteral("a special file");
}

Error notRegular(const QString& path, mode_t mode) {
    return makeError(ErrorKind::Io,
                     QStringLiteral("%1: is %2, not a regular file").arg(path, kindOfFile(mode)));
}

// The error for an open() that failed with `error`, looking at the path again (without following its last
// link) to say more than the errno text where that helps.
Error openFailed(const QString& path, const QByteArray& native, int error) {
    struct stat link {};
    const bool isLink = ::lstat(native.constData(), &link) == 0 && S_ISLNK(link.st_mode);
    switch (error) {
    case ENOENT:
        if (isLink)
            return makeError(
                ErrorKind::NotFound,
                QStringLiteral("%1: is a broken symbolic link (its target does not exist)").arg(path));
        return makeError(ErrorKind::NotFound, QStringLiteral("%1: no such file").arg(path));
    case ELOOP:
        return makeError(
            ErrorKind::Io,
            QStringLiteral("%1: is a symbolic link loop (too many levels of symbolic links)").arg(path));
    case ENXIO: { // open() of a socket; stat() tells what the path is
        struct stat target {};
        if (::stat(native.constData(), &target) == 0 && !S_ISREG(target.st_mode))
            return notRegular(path, target.st_mode);
        break;
    }
    case EACCES:
        return makeError(ErrorKind::Io, QStringLiteral("%1: permission denied").arg(path));
    case ENOTDIR:
        return makeError(ErrorKind::NotFound,
                         QStringLiteral("%1: a part of the path is not a folder").arg(path));
    default:
        break;
    }
    return makeError(ErrorKind::Io, QStringLiteral("%1: cannot open for reading (%2)")
                                        .arg(path, QString::fromLocal8Bit(std::strerror(error))));
}

// An open descriptor of the regular file at `path` (blocking again), or the error.
Result<int> openRegularFile(const QString& path) {
    if (path.isEmpty())
        return makeError(ErrorKind::NotFound, QStringLiteral("(empty file name): no such file"));
    const QByteArray native = QFile::encodeName(path);
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    int fd = -1;
    do
        fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return openFailed(path, native, errno);
    struct stat status {};
    if (::fstat(fd, &status) != 0) {
        const int error = errno;
        ::close(fd);
        return makeError(ErrorKind::Io, QStringLiteral("%1: cannot read its status (%2)")
                                            .arg(path, QString::fromLocal8Bit(std::strerror(error))));
    }
    if (!S_ISREG(status.st_mode)) {
        ::close(fd);
        return notRegular(path, status.st_mode);
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0)
        ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}

} // namespace

Status openForReading(QFile& file, const QString& path, QIODevice::OpenMode extraFlags) {
    Result<int> fd = openRegularFile(path);
    if (!fd)
        return fd.error();
    if (!file.open(*fd, QIODevice::ReadOnly | extraFlags, QFileDevice::AutoCloseHandle)) {
        ::close(*fd);
        return makeError(ErrorKind::Io,
                         QStringLiteral("%1: cannot open for reading (%2)").arg(path, file.errorString()));
    }
    return Status::success();
}

Status requireRegularFile(const QString& path) {
    Result<int> fd = openRegularFile(path);
    if (!fd)
        return fd.error();
    ::close(*fd);
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
