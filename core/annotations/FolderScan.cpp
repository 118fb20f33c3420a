// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/FolderScan.h"

#include <QDirIterator>
#include <QFileInfo>

namespace cropdeck {

Result<QStringList> listFilesRecursively(const QString& folder, const QStringList& suffixes, int maxFiles) {
    if (!QFileInfo(folder).isDir())
        return makeError(ErrorKind::NotFound, QStringLiteral("%1: no such folder").arg(folder));
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!suffixes.contains(it.fileInfo().suffix().toLower()))
            continue;
        if (files.size() >= maxFiles)
            return makeError(ErrorKind::TooLarge,
                             QStringLiteral("%1: more than %2 annotation files; split the "
                                            "folder or raise the limit")
                                 .arg(folder)
                                 .arg(maxFiles));
        files << QFileInfo(path).absoluteFilePath();
    }
    files.sort();
    return files;
}

} // namespace cropdeck
