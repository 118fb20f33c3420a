// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the writers: the loss report (what the target format cannot hold, counted, never silently
// dropped), image sizes for formats that need them, and boxes for centre/scale windows.

#include "annotations/Annotation.h"
#include "annotations/AnnotationOptions.h"

#include <QList>
#include <QPair>
#include <QSet>
#include <QStringList>

#include <optional>

namespace cropdeck {

class LossLog {
public:
    explicit LossLog(QString format)
        : m_format(std::move(format)) {}
    // Counts one occurrence of a loss; the report has one line per distinct message.
    void note(const QString& message, qint64 count = 1);
    // Reports every extras key that does not start with `keptPrefix` (the target's own fields).
    void noteForeignExtras(const AnnotationSet& set, const QString& keptPrefix);
    // Appends "format: message: count" lines.
    void appendTo(QStringList* report) const;

private:
    QString m_format;
    QList<QPair<QString, qint64>> m_entries;
};

// Notes "box ids are not kept" when some window id is not its index (formats without ids).
void noteNonIndexIds(const AnnotationSet& set, LossLog& losses);

// The size to write for an image: its declared size, else what the provider says, else nullopt.
std::optional<QSize> imageSizeFor(const AnnotationSet& set, const ImageEntry& image,
                                  const WriteOptions& options);

// Absolute path of an image of the set (imageRoot + path).
QString absoluteImagePath(const AnnotationSet& set, const ImageEntry& image);

// The box of a window for box-only formats. Centre/scale windows are resolved with the image size
// (noted in the loss log: the output resize is lost) or skipped when the size is unknown (noted too).
std::optional<QRectF> windowBox(const AnnotationSet& set, const ImageEntry& image, const CropWindow& window,
                                const WriteOptions& options, LossLog& losses);

// The folder that image paths are written relative to by formats that store paths relative to an image
// folder (VOC <filename>, YOLO's label layout): set.imageRoot while every path stays inside it, else
// the deepest folder holding every image (sets read from COCO or LabelMe may say "../images/a.jpg").
// Empty when set.imageRoot is empty: paths are then written as they are.
QString commonImageFolder(const AnnotationSet& set);

// An image's path relative to `folder` (from commonImageFolder()), '/' separated; the path itself
// (normalised) when `folder` is empty.
QString imagePathUnder(const AnnotationSet& set, const ImageEntry& image, const QString& folder);

// Where an image's own annotation file goes inside an output folder (VOC, LabelMe): its relative path
// (from imagePathUnder()) with `suffix`, or just the file name when the path is absolute or leaves the
// folder; "-2", "-3", ... is added when two images would share a file. `used` collects the names handed
// out (case-folded).
QString annotationFilePathFor(const QString& relativeImagePath, const QString& suffix, QSet<QString>& used);

// `path` relative to `folder` with '/' separators when set.imageRoot is known, so that the written
// file finds its images from its own location; the path unchanged otherwise.
QString imagePathRelativeTo(const AnnotationSet& set, const ImageEntry& image, const QString& folder);

// The folder the paths of a file written to `outputFile` are relative to (CSV, centre/scale, COCO):
// options.imageFolder when given, else the output file's folder.
QString writtenPathsFolder(const QString& outputFile, const WriteOptions& options);

} // namespace cropdeck
