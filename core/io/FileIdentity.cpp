// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/FileIdentity.h"

#include <QDir>
#include <QFileInfo>

#include <optional>

#if defined(Q_OS_UNIX)
#include <cerrno>
#include <sys/stat.h>
#endif

namespace cropdeck {

std::optional<std::pair<quint64, quint64>> deviceAndInode(const QString& path) {
#if defined(Q_OS_UNIX)
    struct stat status {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return std::nullopt;
    return std::pair<quint64, quint64>(quint64(status.st_dev), quint64(status.st_ino));
#else
    Q_UNUSED(path);
    return std::nullopt; // Windows: canonical paths (links resolved) and case folding still apply
#endif
}

namespace {

// The folder with links resolved as far as it exists: the deepest existing ancestor made canonical,
// the missing rest appended.
QString resolvedFolder(const QString& folder) {
    QString existing = QDir::cleanPath(QDir(folder).absolutePath());
    QStringList missing;
    while (!QFileInfo(existing).exists()) {
        const qsizetype slash = existing.lastIndexOf(u'/');
        if (slash <= 0)
            break;
        missing.prepend(existing.mid(slash + 1));
        existing = existing.left(slash);
    }
    const QString canonical = QFileInfo(existing).canonicalFilePath();
    QString resolved = canonical.isEmpty() ? existing : canonical;
    for (const QString& part : missing)
        resolved += u'/' + part;
    return QDir::cleanPath(resolved);
}

} // namespace

QString comparablePathKey(const QString& path) {
    const QFileInfo info(path);
    const QString canonical = info.exists() ? info.canonicalFilePath() : QString();
    if (!canonical.isEmpty())
        return QDir::cleanPath(canonical).toCaseFolded();
    return QDir(resolvedFolder(info.absolutePath())).filePath(info.fileName()).toCaseFolded();
}

void ProtectedFiles::insert(const QString& path) {
    m_keys.insert(comparablePathKey(path));
    if (const auto inode = deviceAndInode(path))
        m_inodes.insert(*inode);
}

QString ProtectedFiles::keyOf(const QString& path, bool mayBeLink) const {
    const QFileInfo info(path);
    if (mayBeLink && info.isSymLink()) // a link named like an output would be followed by the write
        return comparablePathKey(path);
    const QString folder = info.absolutePath();
    auto it = m_folderKeys.constFind(folder);
    if (it == m_folderKeys.cend())
        it = m_folderKeys.insert(folder, resolvedFolder(folder));
    return QDir(*it).filePath(info.fileName()).toCaseFolded();
}

bool ProtectedFiles::folderIsMissing(const QString& folder) const {
    auto it = m_folderMissing.constFind(folder);
    if (it == m_folderMissing.cend()) {
        bool missing = false;
#if defined(Q_OS_UNIX)
        struct stat status {};
        missing = ::lstat(QFile::encodeName(folder).constData(), &status) != 0 && errno == ENOENT;
#endif
        it = m_folderMissing.insert(folder, missing);
    }
    return *it;
}

bool ProtectedFiles::contains(const QString& path) const {
#if defined(Q_OS_UNIX)
    // Nothing at all by that name (not even a dangling link): only the name can match, not a link or
    // an inode. A folder that does not exist (a new output folder) holds nothing: one lstat for all its
    // outputs; otherwise one lstat per output instead of two stats, for every output of a dense batch.
    struct stat status {};
    if (folderIsMissing(QFileInfo(path).absolutePath()) ||
        (::lstat(QFile::encodeName(path).constData(), &status) != 0 && errno == ENOENT))
        return m_keys.contains(keyOf(path, false));
#endif
    if (m_keys.contains(keyOf(path, true)))
        return true;
    if (m_inodes.isEmpty())
        return false;
    const auto inode = deviceAndInode(path);
    return inode && m_inodes.contains(*inode);
}

} // namespace cropdeck
