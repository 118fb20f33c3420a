// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the readers: grouping boxes by image path in first-seen order, and window ids.

#include "annotations/Annotation.h"

#include <QHash>

namespace cropdeck {

class ImageIndex {
public:
    explicit ImageIndex(AnnotationSet& set);
    // The entry for `path`, appended to the set the first time the path is seen. The reference is valid
    // until the next call (the list may grow).
    ImageEntry& entry(const QString& path);
    bool contains(const QString& path) const { return m_index.contains(path); }

private:
    AnnotationSet& m_set;
    QHash<QString, qsizetype> m_index;
    qsizetype m_last = -1; // the image entry() returned last
};

// Gives windows without an id their index within the image ("0", "1", ...), skipping ids in use.
void assignWindowIds(ImageEntry& image);
void assignWindowIds(AnnotationSet& set);

// Turns a path written on another system into this one's form: '\' separators become '/', "./" and
// duplicate separators go.
QString normalizedAnnotationPath(const QString& path);

// True for paths that are absolute on any common system ("/x", "C:\x", "C:/x", "\\server\x").
bool isForeignAbsolutePath(const QString& path);

} // namespace cropdeck
