// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Finds the file an annotation names in a list of image paths (--images LIST), by the one rule that
// --validate and --batch share:
//   1. the listed file at the same path (compared by pathKey(): case and separators ignored);
//   2. else the only listed file with the same file name (ignoring case);
//   3. else nothing. When several listed files share that file name and none has the path, none is
//      guessed: the match is ambiguous and names every candidate, so that the user can say which.
// Built once per list; read-only afterwards, so it may be asked from several threads.

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace cropdeck {

struct ImageListMatch {
    QString path;          // the listed file (absolute); empty when there is none or it is ambiguous
    QStringList ambiguous; // the listed files that share the file name, when more than one does

    bool found() const { return !path.isEmpty(); }
    bool isAmbiguous() const { return !ambiguous.isEmpty(); }
    // Why nothing was found, for an image written as `imagePath` in the annotation file:
    // "not in the --images list", or "file name x.jpg matches 2 images in the --images list and the
    // path none of them: /a/x.jpg, /b/x.jpg; not guessed (...)". Empty when found.
    QString problem(const QString& imagePath) const;
};

class ImageListIndex {
public:
    // `listedPaths`: the list's images (made absolute here if they are not).
    explicit ImageListIndex(const QStringList& listedPaths);

    // The listed file for the image at `absolutePath` (the annotation path under the image root).
    ImageListMatch find(const QString& absolutePath) const;

    bool isEmpty() const { return m_paths.isEmpty(); }

private:
    QStringList m_paths;                 // absolute, in list order
    QHash<QString, int> m_byPath;        // pathKey() -> index of the first such entry
    QHash<QString, QList<int>> m_byName; // case-folded file name -> entries with it, list order
};

} // namespace cropdeck
