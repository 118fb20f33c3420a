// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/ImageListing.h"

#include "io/FileReading.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace cropdeck {

Result<QStringList> listImagesInFolder(const QString& folder, bool recursive) {
    const QFileInfo info(folder);
    if (!info.isDir())
        return makeError(ErrorKind::NotFound, QStringLiteral("%1: no such folder").arg(folder));
    QStringList patterns;
    for (const QString& extension : readableImageExtensions())
        patterns << QStringLiteral("*.") + extension;
    QDirIterator it(info.absoluteFilePath(), patterns, QDir::Files | QDir::Readable,
                    recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
    QStringList paths;
    while (it.hasNext())
        paths << it.next();
    std::sort(paths.begin(), paths.end());
    return paths;
}

Result<QStringList> readImageList(const QString& listFile) {
    QFile file;
    // Only a regular file: a FIFO given as the list would block the batch forever.
    if (Status opened = openForReading(file, listFile, QIODevice::Text); !opened)
        return makeError(opened.error().kind,
                         QStringLiteral("cannot read the image list %1").arg(opened.error().message));
    const QDir base = QFileInfo(listFile).absoluteDir();
    QStringList paths;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (line.contains(QChar(0)))
            return makeError(
                ErrorKind::Corrupt,
                QStringLiteral("%1:%2: not a text list of image paths").arg(listFile).arg(lineNumber));
        paths << QDir::cleanPath(base.absoluteFilePath(line));
    }
    return paths;
}

AnnotationSet annotationSetForImages(const QStringList& absolutePaths, const QString& imageRoot) {
    AnnotationSet set;
    set.format = QStringLiteral("generated");
    set.imageRoot = imageRoot;
    const QDir root(imageRoot);
    for (const QString& path : absolutePaths) {
        ImageEntry entry;
        entry.path = root.relativeFilePath(path);
        set.images.append(entry);
    }
    return set;
}

} // namespace cropdeck
