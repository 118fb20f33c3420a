// SPDX-License-Identifier: GPL-3.0-or-later
#include "AnnotationTestSupport.h"

#include "annotations/BoxConventions.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace cropdeck::test {

QByteArray json(const char* text) {
    return QByteArray(text).replace('\'', '"');
}

QString writeFixture(const QTemporaryDir& dir, const QString& relativePath, const QByteArray& bytes) {
    const QString path = dir.filePath(relativePath);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write fixture %s", qPrintable(path));
    return path;
}

ImageSizeProvider constantSize(QSize size) {
    return [size](const QString&) {
        return std::optional<QSize>(size);
    };
}

ImageSizeProvider sizesByName(const QHash<QString, QSize>& sizes) {
    return [sizes](const QString& path) -> std::optional<QSize> {
        const auto it = sizes.constFind(QFileInfo(path).fileName());
        if (it == sizes.cend())
            return std::nullopt;
        return *it;
    };
}

const ImageEntry* imageNamed(const AnnotationSet& set, const QString& imagePath) {
    for (const ImageEntry& image : set.images) {
        if (image.path == imagePath)
            return &image;
    }
    return nullptr;
}

const CropWindow* windowAt(const AnnotationSet& set, const QString& imagePath, int index) {
    const ImageEntry* image = imageNamed(set, imagePath);
    if (!image || index < 0 || index >= image->windows.size())
        return nullptr;
    return &image->windows[index];
}

QString issueText(const QList<AnnotationIssue>& issues) {
    QStringList lines;
    for (const AnnotationIssue& issue : issues)
        lines << issue.toString();
    return lines.join(u'\n');
}

bool hasIssue(const QList<AnnotationIssue>& issues, const QStringList& parts) {
    for (const AnnotationIssue& issue : issues) {
        const QString text = issue.toString();
        if (std::all_of(parts.cbegin(), parts.cend(), [&](const QString& p) { return text.contains(p); }))
            return true;
    }
    return false;
}

namespace {

QString keyOf(const AnnotationSet& set, const ImageEntry& image, bool byFileName) {
    const QString absolute = QDir::cleanPath(QDir(set.imageRoot).absoluteFilePath(image.path));
    return byFileName ? QFileInfo(absolute).fileName() : absolute;
}

QString describeBox(const QRectF& box) {
    return QStringLiteral("(%1, %2, %3, %4)")
        .arg(formatCoordinate(box.x()), formatCoordinate(box.y()), formatCoordinate(box.width()),
             formatCoordinate(box.height()));
}

QString compareWindow(const CropWindow& a, const CropWindow& b, const CompareOptions& options) {
    if (a.kind != b.kind)
        return QStringLiteral("window kinds differ");
    if (options.labels && a.label != b.label)
        return QStringLiteral("label '%1' vs '%2'").arg(a.label, b.label);
    if (a.kind == CropWindow::Kind::NormalizedSquare) {
        if (a.square.x != b.square.x || a.square.y != b.square.y || a.square.scale != b.square.scale)
            return QStringLiteral("centre/scale squares differ");
        return QString();
    }
    const double d[] = {a.box.x() - b.box.x(), a.box.y() - b.box.y(), a.box.width() - b.box.width(),
                        a.box.height() - b.box.height()};
    for (double v : d) {
        if (!(std::abs(v) <= options.tolerance))
            return QStringLiteral("box %1 vs %2").arg(describeBox(a.box), describeBox(b.box));
    }
    return QString();
}

QList<QPair<QString, const ImageEntry*>> comparable(const AnnotationSet& set, const CompareOptions& options) {
    QList<QPair<QString, const ImageEntry*>> images;
    for (const ImageEntry& image : set.images) {
        if (!options.skipEmptyImages || !image.windows.isEmpty())
            images.append({keyOf(set, image, options.byFileName), &image});
    }
    std::stable_sort(images.begin(), images.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    return images;
}

} // namespace

QString firstDifference(const AnnotationSet& expected, const AnnotationSet& actual,
                        const CompareOptions& options) {
    const auto a = comparable(expected, options);
    const auto b = comparable(actual, options);
    if (a.size() != b.size())
        return QStringLiteral("%1 images vs %2").arg(a.size()).arg(b.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].first != b[i].first)
            return QStringLiteral("image %1: %2 vs %3").arg(i).arg(a[i].first, b[i].first);
        const QList<CropWindow>& wa = a[i].second->windows;
        const QList<CropWindow>& wb = b[i].second->windows;
        if (wa.size() != wb.size())
            return QStringLiteral("%1: %2 windows vs %3").arg(a[i].first).arg(wa.size()).arg(wb.size());
        for (qsizetype w = 0; w < wa.size(); ++w) {
            const QString difference = compareWindow(wa[w], wb[w], options);
            if (!difference.isEmpty())
                return QStringLiteral("%1 window %2: %3").arg(a[i].first).arg(w).arg(difference);
        }
    }
    return QString();
}

} // namespace cropdeck::test
