// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/ImageListIndex.h"

#include "annotations/ImagePaths.h"

#include <QDir>
#include <QFileInfo>

namespace cropdeck {
namespace {

QString foldedFileName(const QString& path) {
    const QString key = pathKey(path);
    return key.mid(key.lastIndexOf(u'/') + 1);
}

} // namespace

QString ImageListMatch::problem(const QString& imagePath) const {
    if (found())
        return QString();
    if (!isAmbiguous())
        return QStringLiteral("not in the images list");
    return QStringLiteral("file name %1 matches %2 images in the --images list and the path none of them: "
                          "%3; not guessed (write the path relative to the image folder, or list only one)")
        .arg(QFileInfo(imagePath).fileName())
        .arg(ambiguous.size())
        .arg(ambiguous.join(QStringLiteral(", ")));
}

ImageListIndex::ImageListIndex(const QStringList& listedPaths) {
    m_paths.reserve(listedPaths.size());
    for (const QString& listed : listedPaths) {
        const QString absolute = QDir::cleanPath(QFileInfo(listed).absoluteFilePath());
        const int index = int(m_paths.size());
        m_paths << absolute;
        m_byName[foldedFileName(absolute)].append(index);
    }
    // A file listed twice (two spellings of one path) is one file: the first entry stands for it
    // (QHash::insert replaces, so insert backwards).
    for (int i = int(m_paths.size()) - 1; i >= 0; --i)
        m_byPath.insert(pathKey(m_paths[i]), i);
}

ImageListMatch ImageListIndex::find(const QString& absolutePath) const {
    ImageListMatch match;
    if (const auto it = m_byPath.constFind(pathKey(absolutePath)); it != m_byPath.cend()) {
        match.path = m_paths[*it];
        return match;
    }
    const auto named = m_byName.constFind(foldedFileName(absolutePath));
    if (named == m_byName.cend())
        return match;
    // Entries that are one file under two spellings do not make the name ambiguous.
    QList<int> distinct;
    for (const int index : *named)
        if (m_byPath.value(pathKey(m_paths[index])) == index)
            distinct << index;
    if (distinct.size() == 1) {
        match.path = m_paths[distinct.first()];
        return match;
    }
    for (const int index : distinct)
        match.ambiguous << m_paths[index];
    return match;
}

} // namespace cropdeck
