// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/AnnotationIO.h"

#include "annotations/CentreScaleFormat.h"
#include "annotations/CocoFormat.h"
#include "annotations/CsvFormat.h"
#include "annotations/LabelMeFormat.h"
#include "annotations/VocFormat.h"
#include "annotations/YoloFormat.h"

#include <QFileInfo>

namespace cropdeck {
namespace {

Result<AnnotationSet> readAs(AnnotationFormat format, const QString& path, const ReadOptions& options,
                             QList<AnnotationIssue>* issues) {
    switch (format) {
    case AnnotationFormat::Csv:
        return readCsvAnnotations(path, options, issues);
    case AnnotationFormat::CentreScale:
        return readCentreScaleAnnotations(path, options, issues);
    case AnnotationFormat::Voc:
        return readVocAnnotations(path, options, issues);
    case AnnotationFormat::Coco:
        return readCocoAnnotations(path, options, issues);
    case AnnotationFormat::Yolo:
        return readYoloAnnotations(path, options, issues);
    case AnnotationFormat::LabelMe:
        return readLabelMeAnnotations(path, options, issues);
    case AnnotationFormat::Auto:
    case AnnotationFormat::Unknown:
        break;
    }
    return makeError(ErrorKind::Unsupported,
                     QStringLiteral("%1: cannot tell the annotation format; name it (one of %2)")
                         .arg(path, annotationFormatNames().join(QStringLiteral(", "))));
}

} // namespace

Result<AnnotationSet> readAnnotations(const QString& path, const ReadOptions& options,
                                      QList<AnnotationIssue>* issues) {
    if (!QFileInfo::exists(path))
        return makeError(ErrorKind::NotFound, QStringLiteral("%1: no such file or folder").arg(path));
    const AnnotationFormat format =
        options.format == AnnotationFormat::Auto ? detectAnnotationFormat(path) : options.format;
    QList<AnnotationIssue> found;
    Result<AnnotationSet> set = readAs(format, path, options, &found);
    if (issues)
        issues->append(found);
    if (set && options.strict && !found.isEmpty())
        return makeError(ErrorKind::Corrupt,
                         QStringLiteral("%1 (and %2 more issue(s); strict reading stops at any)")
                             .arg(found.first().toString())
                             .arg(found.size() - 1));
    return set;
}

Status writeAnnotations(const AnnotationSet& set, const QString& path, AnnotationFormat format,
                        const WriteOptions& options, QStringList* lossReport) {
    switch (format) {
    case AnnotationFormat::Csv:
        return writeCsvAnnotations(set, path, options, lossReport);
    case AnnotationFormat::CentreScale:
        return writeCentreScaleAnnotations(set, path, options, lossReport);
    case AnnotationFormat::Voc:
        return writeVocAnnotations(set, path, options, lossReport);
    case AnnotationFormat::Coco:
        return writeCocoAnnotations(set, path, options, lossReport);
    case AnnotationFormat::Yolo:
        return writeYoloAnnotations(set, path, options, lossReport);
    case AnnotationFormat::LabelMe:
        return writeLabelMeAnnotations(set, path, options, lossReport);
    case AnnotationFormat::Auto:
    case AnnotationFormat::Unknown:
        break;
    }
    return makeError(ErrorKind::Invalid, QStringLiteral("%1: name the annotation format to write (one of %2)")
                                             .arg(path, annotationFormatNames().join(QStringLiteral(", "))));
}

} // namespace cropdeck
