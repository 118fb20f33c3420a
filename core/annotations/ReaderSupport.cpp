// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/ReaderSupport.h"

#include <QDir>
#include <QSet>

namespace cropdeck {

ImageIndex::ImageIndex(AnnotationSet& set)
    : m_set(set) {
    for (qsizetype i = 0; i < set.images.size(); ++i)
        m_index.insert(set.images[i].path, i);
}

ImageEntry& ImageIndex::entry(const QString& path) {
    // Box lists mostly give an image's boxes one after another: the last image is checked before hashing.
    if (m_last >= 0 && m_set.images[m_last].path == path)
        return m_set.images[m_last];
    const auto it = m_index.constFind(path);
    if (it != m_index.cend()) {
        m_last = *it;
        return m_set.images[m_last];
    }
    m_last = m_set.images.size();
    m_index.insert(path, m_last);
    m_set.images.append(ImageEntry{path, QSize(), {}, {}});
    return m_set.images.last();
}

void assignWindowIds(ImageEntry& image) {
    QSet<QString> used;
    for (const CropWindow& window : image.windows) {
        if (!window.id.isEmpty())
            used.insert(window.id);
    }
    int next = 0;
    for (CropWindow& window : image.windows) {
        if (!window.id.isEmpty())
            continue;
        while (!used.isEmpty() && used.contains(QString::number(next)))
            ++next;
        window.id = QString::number(next++);
    }
}

void assignWindowIds(AnnotationSet& set) {
    for (ImageEntry& image : set.images)
        assignWindowIds(image);
}

QString normalizedAnnotationPath(const QString& path) {
    QString unified = path.trimmed();
    unified.replace(u'\\', u'/');
    const bool unc = unified.startsWith(QStringLiteral("//"));
    QString cleaned = QDir::cleanPath(unified);
    if (unc && !cleaned.startsWith(QStringLiteral("//")))
        cleaned.prepend(u'/');
    return cleaned;
}

bool isForeignAbsolutePath(const QString& path) {
    const QString p = path.trimmed();
    if (p.startsWith(u'/') || p.startsWith(u'\\'))
        return true;
    return p.size() >= 3 && p[0].isLetter() && p[1] == u':' && (p[2] == u'/' || p[2] == u'\\');
}

} // namespace cropdeck
