// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Which file a path really names, for the question "would writing here replace that file?".
// Symbolic links (of the file or of any folder above it), `.`/`..`, hard links and letter case on
// case-insensitive file systems all give one file many spellings; comparing cleaned strings misses
// them (an output folder that is a link to the images folder once overwrote a source).

#include <QHash>
#include <QSet>
#include <QString>

#include <optional>
#include <utility>

namespace cropdeck {

// (device, inode) of the file or folder `path` names (links followed); nullopt when it does not exist
// or the OS has no such numbers. Two paths naming the same pair name the same file.
std::optional<std::pair<quint64, quint64>> deviceAndInode(const QString& path);

// The absolute path with symbolic links resolved as far as it exists (the rest appended), cleaned
// and case-folded. Case folding everywhere is deliberate: on a case-sensitive file system it can
// only make a check refuse more, never less.
QString comparablePathKey(const QString& path);

// A set of files that must not be written: contains() is true for any spelling of one of them, and
// for a hard link to one of them (same device and inode, where the OS tells).
// Not thread-safe; contains() caches folder resolutions, and whether each folder exists as it first
// finds it (a set is used for one plan, which creates no folder).
class ProtectedFiles {
public:
    void insert(const QString& path);
    bool contains(const QString& path) const;
    bool isEmpty() const { return m_keys.isEmpty(); }

private:
    // What contains() needs of a folder, found once per folder as spelled.
    struct Folder {
        QString resolved;            // links resolved (resolvedFolder)
        bool missing = false;        // nothing exists there (Unix)
        bool holdsProtected = false; // some key lies directly in it
    };
    const Folder& folderOf(const QString& folder) const;
    // folderOf() of the folder part of `path`, the last one remembered: a plan's outputs come folder by
    // folder, and most dense plans write into one.
    Folder folderOfPath(const QString& path) const;
    // `mayBeLink` false: the caller knows nothing exists at `path` (no lstat needed).
    QString keyOf(const QString& path, bool mayBeLink) const;

    QSet<QString> m_keys;
    QSet<QString> m_keyFolders;                 // the folder part of each key
    QSet<std::pair<quint64, quint64>> m_inodes; // (device, inode) of the files that exist
    mutable QHash<QString, Folder> m_folders;
    mutable std::optional<std::pair<QString, Folder>> m_lastFolder; // as spelled, and its facts
};

} // namespace cropdeck
