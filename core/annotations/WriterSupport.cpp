// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/WriterSupport.h"

#include "annotations/BoxConventions.h"
#include "annotations/ImagePaths.h"
#include "annotations/ReaderSupport.h"

#include <QDir>
#include <QFileInfo>

namespace cropdeck {

void LossLog::note(const QString& message, qint64 count) {
    for (auto& entry : m_entries) {
        if (entry.first == message) {
            entry.second += count;
            return;
        }
    }
    m_entries.append({message, count});
}

void LossLog::noteForeignExtras(const AnnotationSet& set, const QString& keptPrefix) {
    auto noteMap = [&](const QVariantMap& extras, const char* owner) {
        for (auto it = extras.cbegin(); it != extras.cend(); ++it) {
            if (!it.key().startsWith(keptPrefix))
                note(QStringLiteral("%1 field '%2' is not kept").arg(QLatin1String(owner), it.key()));
        }
    };
    noteMap(set.extras, "file");
    for (const ImageEntry& image : set.images) {
        noteMap(image.extras, "image");
        for (const CropWindow& window : image.windows)
            noteMap(window.extras, "box");
    }
}

void LossLog::appendTo(QStringList* report) const {
    if (!report)
        return;
    for (const auto& entry : m_entries)
        report->append(QStringLiteral("%1: %2: %3").arg(m_format, entry.first).arg(entry.second));
}

void noteNonIndexIds(const AnnotationSet& set, LossLog& losses) {
    for (const ImageEntry& image : set.images) {
        for (qsizetype i = 0; i < image.windows.size(); ++i) {
            if (image.windows[i].id != QString::number(i)) {
                losses.note(QStringLiteral("box ids are not kept (boxes are numbered in file order)"));
                return;
            }
        }
    }
}

std::optional<QSize> imageSizeFor(const AnnotationSet& set, const ImageEntry& image,
                                  const WriteOptions& options) {
    if (image.declaredSize.isValid() && !image.declaredSize.isEmpty())
        return image.declaredSize;
    if (options.imageSize) {
        const std::optional<QSize> size = options.imageSize(absoluteImagePath(set, image));
        if (size && !size->isEmpty())
            return size;
    }
    return std::nullopt;
}

QString absoluteImagePath(const AnnotationSet& set, const ImageEntry& image) {
    return QDir::cleanPath(QDir(set.imageRoot).absoluteFilePath(image.path));
}

std::optional<QRectF> windowBox(const AnnotationSet& set, const ImageEntry& image, const CropWindow& window,
                                const WriteOptions& options, LossLog& losses) {
    if (window.kind == CropWindow::Kind::Box)
        return window.box;
    const std::optional<QSize> size = imageSizeFor(set, image, options);
    if (!size) {
        losses.note(QStringLiteral("centre/scale windows skipped because the image size is unknown"));
        return std::nullopt;
    }
    losses.note(QStringLiteral("centre/scale windows written as their square box (the resize to the window "
                               "size is not kept)"));
    return QRectF(resolveNormalizedSquare(window.square, *size, set.normalizedMaxFraction));
}

QString imagePathRelativeTo(const AnnotationSet& set, const ImageEntry& image, const QString& folder) {
    if (set.imageRoot.isEmpty())
        return image.path;
    return QDir(folder).relativeFilePath(absoluteImagePath(set, image));
}

QString writtenPathsFolder(const QString& outputFile, const WriteOptions& options) {
    if (!options.imageFolder.isEmpty())
        return QDir::cleanPath(QDir(options.imageFolder).absolutePath());
    return QFileInfo(outputFile).absolutePath();
}

QString commonImageFolder(const AnnotationSet& set) {
    if (set.imageRoot.isEmpty())
        return QString();
    QString root = QDir::cleanPath(QDir(set.imageRoot).absolutePath()); // not const: returned by move
    QStringList common;
    bool first = true, inside = true;
    for (const ImageEntry& image : set.images) {
        const QString absolute = absoluteImagePath(set, image);
        inside = inside && (absolute.startsWith(root + u'/') || root == u"/");
        QStringList parts = absolute.split(u'/');
        parts.removeLast();
        if (first)
            common = parts;
        for (qsizetype i = 0; i < common.size(); ++i) {
            if (i >= parts.size() || parts[i] != common[i]) {
                common = common.mid(0, i);
                break;
            }
        }
        first = false;
    }
    if (inside || first)
        return root;
    const QString folder = common.join(u'/');
    return folder.isEmpty() ? QStringLiteral("/") : folder;
}

QString imagePathUnder(const AnnotationSet& set, const ImageEntry& image, const QString& folder) {
    if (folder.isEmpty())
        return normalizedAnnotationPath(image.path);
    return QDir(folder).relativeFilePath(absoluteImagePath(set, image));
}

QString annotationFilePathFor(const QString& relativeImagePath, const QString& suffix, QSet<QString>& used) {
    QString relative = normalizedAnnotationPath(relativeImagePath);
    if (isForeignAbsolutePath(relative) || relative.startsWith(QStringLiteral("../")) || relative == u"..")
        relative = relative.mid(relative.lastIndexOf(u'/') + 1);
    const qsizetype dot = relative.lastIndexOf(u'.');
    const QString stem = dot > relative.lastIndexOf(u'/') + 1 ? relative.left(dot) : relative;
    QString candidate = stem + suffix;
    for (int n = 2; used.contains(pathKey(candidate)); ++n)
        candidate = stem + QStringLiteral("-%1").arg(n) + suffix;
    used.insert(pathKey(candidate));
    return candidate;
}

} // namespace cropdeck
