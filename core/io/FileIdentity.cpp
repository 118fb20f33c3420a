// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/FileIdentity.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
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

namespace {

// The folder part of a path as spelled: "" for a bare name (the working folder), "/" for the root.
QStringView folderPart(QStringView path) {
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash < 0 ? QStringView() : path.left(std::max<qsizetype>(slash, 1));
}

} // namespace

void ProtectedFiles::insert(const QString& path) {
    const QString key = comparablePathKey(path);
    m_keys.insert(key);
    m_keyFolders.insert(folderPart(key).toString());
    m_folders.clear(); // holdsProtected may change
    m_lastFolder.reset();
    if (const auto inode = deviceAndInode(path))
        m_inodes.insert(*inode);
}

const ProtectedFiles::Folder& ProtectedFiles::folderOf(const QString& folder) const {
    auto it = m_folders.constFind(folder);
    if (it != m_folders.cend())
        return *it;
    Folder facts;
    const QString spelled = folder.isEmpty() ? QStringLiteral(".") : folder;
    facts.resolved = resolvedFolder(spelled);
    facts.holdsProtected = m_keyFolders.contains(facts.resolved.toCaseFolded());
#if defined(Q_OS_UNIX)
    struct stat status {};
    facts.missing = ::lstat(QFile::encodeName(spelled).constData(), &status) != 0 && errno == ENOENT;
#endif
    return *m_folders.insert(folder, facts);
}

ProtectedFiles::Folder ProtectedFiles::folderOfPath(const QString& path) const {
    const QStringView spelled = folderPart(path);
    if (m_lastFolder && spelled == m_lastFolder->first)
        return m_lastFolder->second;
    const QString folder = spelled.toString();
    m_lastFolder.emplace(folder, folderOf(folder));
    return m_lastFolder->second;
}

QString ProtectedFiles::keyOf(const QString& path, bool mayBeLink) const {
    if (mayBeLink &&
        QFileInfo(path).isSymLink()) // a link named like an output would be followed by the write
        return comparablePathKey(path);
    const QString folder = folderOfPath(path).resolved;
    QString key = folder;
    if (!key.endsWith(u'/'))
        key += u'/';
    key += QStringView(path).mid(path.lastIndexOf(u'/') + 1);
    return key.toCaseFolded();
}

bool ProtectedFiles::contains(const QString& path) const {
    const Folder folder = folderOfPath(path); // a copy: keyOf() may add to the hash
#if defined(Q_OS_UNIX)
    // Nothing at all by that name (not even a dangling link): only the name can match, not a link or
    // an inode, and only when a protected file lies in that folder. A folder that does not exist (a new
    // output folder) holds nothing: no lstat per output there; otherwise one lstat per output instead of
    // two stats, for every output of a dense batch.
    struct stat status {};
    if (folder.missing || (::lstat(QFile::encodeName(path).constData(), &status) != 0 && errno == ENOENT))
        return folder.holdsProtected && m_keys.contains(keyOf(path, false));
#endif
    if (m_keys.contains(keyOf(path, true)))
        return true;
    if (m_inodes.isEmpty())
        return false;
    const auto inode = deviceAndInode(path);
    return inode && m_inodes.contains(*inode);
}

} // namespace cropdeck
