// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Suggestions for images that an annotation file names but that do not exist: the existing image whose
// name is closest. Built once per folder and cheap to ask for folders of 10,000+ images: the same path
// or file name ignoring case, then the same stem with another extension, are hash look-ups; the
// smallest edit distance between file names (only when asked) compares names of similar length with a
// bounded, banded distance. Read-only after construction, so it may be asked from several threads.

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace cropdeck {

class ClosestImageNames {
public:
    // `candidates`: absolute paths of the images that exist; `root`: the folder annotation paths are
    // relative to (suggestions inside it are given relative to it).
    ClosestImageNames(const QStringList& candidates, const QString& root);

    // The candidate closest to `wanted` (an image path as written in the annotation file), or empty when
    // none is close. Without `editDistance` only the hash look-ups run.
    QString closestTo(const QString& wanted, bool editDistance) const;

    bool isEmpty() const { return m_display.isEmpty(); }

private:
    int byEditDistance(const QString& name) const;

    QStringList m_display; // what a suggestion shows, per candidate
    QStringList m_names;   // case-folded file names, per candidate
    QHash<QString, int> m_byPath;
    QHash<QString, int> m_byName;
    QHash<QString, int> m_byStem;
    QHash<qsizetype, QList<int>> m_byNameLength;
};

// Levenshtein distance between `a` and `b`, or limit + 1 when it is larger than `limit` (computed in a
// band of width 2 × limit + 1, stopping as soon as every entry of a row exceeds the limit).
int boundedEditDistance(QStringView a, QStringView b, int limit);

} // namespace cropdeck
