// SPDX-License-Identifier: GPL-3.0-or-later
#include "validation/ValidationNames.h"

#include "annotations/ImagePaths.h"

#include <QDir>
#include <QFileInfo>
#include <QVarLengthArray>

#include <algorithm>
#include <cstdlib>

namespace cropdeck {
namespace {

QString fileNameOf(const QString& foldedPath) {
    return foldedPath.mid(foldedPath.lastIndexOf(u'/') + 1);
}

QString stemOf(const QString& fileName) {
    const qsizetype dot = fileName.lastIndexOf(u'.');
    return dot > 0 ? fileName.left(dot) : fileName;
}

} // namespace

int boundedEditDistance(QStringView a, QStringView b, int limit) {
    const int n = int(a.size()), m = int(b.size());
    const int far = limit + 1;
    if (limit < 0 || std::abs(n - m) > limit)
        return far;
    // Raw pointers: this runs millions of times for a folder of missing images.
    QVarLengthArray<int, 256> rows(2 * qsizetype(m + 1));
    int* previous = rows.data();
    int* current = previous + m + 1;
    const QChar* x = a.data();
    const QChar* y = b.data();
    for (int j = 0; j <= m; ++j)
        previous[j] = j <= limit ? j : far;
    for (int i = 1; i <= n; ++i) {
        const int low = std::max(1, i - limit), high = std::min(m, i + limit);
        current[low - 1] = low == 1 && i <= limit ? i : far;
        int rowMinimum = current[low - 1];
        for (int j = low; j <= high; ++j) {
            int value = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
            value = std::min(value, previous[j] + 1);
            value = std::min(value, current[j - 1] + 1);
            value = std::min(value, far);
            current[j] = value;
            rowMinimum = std::min(rowMinimum, value);
        }
        if (high < m)
            current[high + 1] = far; // the next row reads it as "above"
        if (rowMinimum > limit)
            return far;
        std::swap(previous, current);
    }
    return std::min(previous[m], far);
}

ClosestImageNames::ClosestImageNames(const QStringList& candidates, const QString& root) {
    const QDir rootDir(root);
    const QString rootPrefix = root.isEmpty() ? QString() : QDir::cleanPath(rootDir.absolutePath()) + u'/';
    for (const QString& candidate : candidates) {
        const QString absolute = QDir::cleanPath(QFileInfo(candidate).absoluteFilePath());
        const bool inside = !rootPrefix.isEmpty() && absolute.startsWith(rootPrefix);
        const QString shown = inside ? absolute.mid(rootPrefix.size()) : absolute;
        const int index = int(m_display.size());
        const QString name = fileNameOf(pathKey(absolute));
        m_display << shown;
        m_names << name;
        m_byPath.insert(pathKey(shown), index);
        m_byNameLength[name.size()].append(index);
    }
    // The first candidate wins among equal names and stems (QHash::insert replaces, so insert backwards).
    for (int i = int(m_names.size()) - 1; i >= 0; --i) {
        m_byName.insert(m_names[i], i);
        m_byStem.insert(stemOf(m_names[i]), i);
    }
}

int ClosestImageNames::byEditDistance(const QString& name) const {
    const int limit = std::clamp(int(name.size()) / 4, 1, 4);
    int best = -1;
    int bestDistance = limit + 1;
    // Names of the same length first, then one shorter, one longer, ...: among equally close names the
    // first met wins, and only strictly closer ones are searched for after it (a tighter bound).
    for (int offset = 0; offset <= 2 * limit && bestDistance > 1; ++offset) {
        const qsizetype length = name.size() + (offset % 2 == 0 ? offset / 2 : -(offset + 1) / 2);
        const auto bucket = m_byNameLength.constFind(length);
        if (bucket == m_byNameLength.cend())
            continue;
        for (const int index : *bucket) {
            const int distance = boundedEditDistance(name, m_names[index], bestDistance - 1);
            if (distance < bestDistance) {
                best = index;
                bestDistance = distance;
                if (distance <= 1)
                    break; // 0 was a hash hit already: nothing can be closer
            }
        }
    }
    return best;
}

QString ClosestImageNames::closestTo(const QString& wanted, bool editDistance) const {
    const QString path = pathKey(wanted);
    const QString name = fileNameOf(path);
    int found = m_byPath.value(path, -1);
    if (found < 0)
        found = m_byName.value(name, -1);
    if (found < 0)
        found = m_byStem.value(stemOf(name), -1);
    if (found < 0 && editDistance && !name.isEmpty())
        found = byEditDistance(name);
    return found >= 0 ? m_display[found] : QString();
}

} // namespace cropdeck
