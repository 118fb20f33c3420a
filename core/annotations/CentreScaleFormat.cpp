// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/CentreScaleFormat.h"

#include "annotations/BoxConventions.h"
#include "annotations/CsvFormat.h"
#include "annotations/CsvLayout.h"
#include "annotations/NumberParse.h"
#include "annotations/ReaderSupport.h"
#include "annotations/TextFile.h"
#include "annotations/WriterSupport.h"

#include <QFileInfo>

namespace cropdeck {
namespace {

std::optional<double> fraction(CsvRow& row, const CsvLayout& layout, int index) {
    const std::optional<double> value = row.number(index, kMaxFraction);
    if (value && (*value < 0.0 || *value > 1.0)) {
        row.error(QStringLiteral("%1 = %2 is outside [0, 1]; line skipped")
                      .arg(layout.columnName(index), formatCoordinate(*value)));
        return std::nullopt;
    }
    return value;
}

} // namespace

Status applyCentreScaleOptions(AnnotationSet& set, const ReadOptions& options) {
    if (options.normalizedWindowSize < 0 || options.normalizedWindowSize > kMaxDeclaredSide)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("centre/scale window size %1 is not a usable size")
                             .arg(options.normalizedWindowSize));
    if (!(options.normalizedMaxFraction > 0.0 && options.normalizedMaxFraction <= 1.0))
        return makeError(ErrorKind::Invalid, QStringLiteral("centre/scale max fraction %1 is not in (0, 1]")
                                                 .arg(options.normalizedMaxFraction));
    set.normalizedWindowSize = options.normalizedWindowSize;
    set.normalizedMaxFraction = options.normalizedMaxFraction;
    return Status::success();
}

void readCentreScaleRow(CsvRow& row, const CsvLayout& layout, ImageIndex& images) {
    if (!row.complete())
        return;
    const QString path = normalizedAnnotationPath(row.text(layout.path));
    if (path.isEmpty())
        return row.error(QStringLiteral("empty image path; line skipped"));
    const std::optional<double> x = fraction(row, layout, layout.x);
    const std::optional<double> y = fraction(row, layout, layout.y);
    const std::optional<double> scale = fraction(row, layout, layout.scale);
    if (row.failed())
        return;
    CropWindow window;
    window.kind = CropWindow::Kind::NormalizedSquare;
    window.square = NormalizedSquare{*x, *y, *scale};
    window.label = row.text(layout.label);
    images.entry(path).windows.append(window);
}

Result<AnnotationSet> readCentreScaleAnnotations(const QString& path, const ReadOptions& options,
                                                 QList<AnnotationIssue>* issues) {
    QList<AnnotationIssue> found;
    Result<AnnotationSet> set = readCsvAnnotations(path, options, &found);
    if (set && set->format != u"centre-scale")
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("%1: not a centre/scale list: expected the columns "
                                        "path,x,y,scale (with or without that header)")
                             .arg(path));
    if (issues)
        issues->append(found);
    return set;
}

Status writeCentreScaleAnnotations(const AnnotationSet& set, const QString& path, const WriteOptions& options,
                                   QStringList* lossReport) {
    LossLog losses(QStringLiteral("centre-scale"));
    losses.noteForeignExtras(set, QStringLiteral("centre-scale."));
    noteNonIndexIds(set, losses);
    const QString folder = writtenPathsFolder(path, options);
    QString text = QStringLiteral("path,x,y,scale\n");
    for (const ImageEntry& image : set.images) {
        if (image.windows.isEmpty())
            losses.note(QStringLiteral("images with no windows are not listed"));
        const QString imagePath = csvField(imagePathRelativeTo(set, image, folder));
        for (const CropWindow& window : image.windows) {
            if (window.kind != CropWindow::Kind::NormalizedSquare) {
                losses.note(
                    QStringLiteral("boxes skipped (a centre/scale list holds only centre/scale squares)"));
                continue;
            }
            if (!window.label.isEmpty())
                losses.note(QStringLiteral("labels are not kept"));
            text += QStringLiteral("%1,%2,%3,%4\n")
                        .arg(imagePath, formatCoordinate(window.square.x), formatCoordinate(window.square.y),
                             formatCoordinate(window.square.scale));
        }
    }
    if (Status status = writeFileAtomically(path, text.toUtf8()); !status)
        return status;
    losses.appendTo(lossReport);
    return Status::success();
}

} // namespace cropdeck
