// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/CsvFormat.h"

#include "annotations/CentreScaleFormat.h"
#include "annotations/CsvLayout.h"
#include "annotations/CsvTable.h"
#include "annotations/IssueLog.h"
#include "annotations/NumberParse.h"
#include "annotations/ReaderSupport.h"
#include "annotations/TextFile.h"
#include "annotations/WriterSupport.h"

#include <QFileInfo>

#include <algorithm>
#include <functional>

namespace cropdeck {
namespace {

std::optional<QRectF> rowBox(CsvRow& row, const CsvLayout& layout) {
    const std::optional<double> x = row.number(layout.x, kMaxPixelCoordinate);
    const std::optional<double> y = row.number(layout.y, kMaxPixelCoordinate);
    const int farX = layout.columns.usesCorners() ? layout.x2 : layout.w;
    const int farY = layout.columns.usesCorners() ? layout.y2 : layout.h;
    const std::optional<double> u = row.number(farX, kMaxPixelCoordinate);
    const std::optional<double> v = row.number(farY, kMaxPixelCoordinate);
    if (row.failed())
        return std::nullopt;
    const QRectF box = layout.columns.usesCorners() ? boxFromCorners({*x, *y, *u, *v}, layout.columns.corners)
                                                    : QRectF(*x, *y, *u, *v);
    if (box.width() < 0 || box.height() < 0) {
        row.error(QStringLiteral("negative box size (%1 × %2 from %3, %4); line skipped")
                      .arg(formatCoordinate(box.width()), formatCoordinate(box.height()),
                           layout.columnName(farX), layout.columnName(farY)));
        return std::nullopt;
    }
    if (box.isEmpty())
        row.warn(QStringLiteral("zero-size box (%1 × %2)")
                     .arg(formatCoordinate(box.width()), formatCoordinate(box.height())));
    return box;
}

// Empty size fields (as the writer leaves them for unknown sizes) mean no declared size.
std::optional<QSize> rowDeclaredSize(CsvRow& row, const CsvLayout& layout) {
    if (layout.imageWidth < 0 || layout.imageHeight < 0)
        return QSize();
    if (row.text(layout.imageWidth).isEmpty() && row.text(layout.imageHeight).isEmpty())
        return QSize();
    const std::optional<int> width = row.count(layout.imageWidth, kMaxDeclaredSide);
    const std::optional<int> height = row.count(layout.imageHeight, kMaxDeclaredSide);
    if (!width || !height)
        return std::nullopt;
    // As in VOC files, a zero side is what tools write when they did not know the size.
    if (*width == 0 || *height == 0) {
        row.warn(
            QStringLiteral("image size %1×%2 declared; taken as no declared size").arg(*width).arg(*height));
        return QSize();
    }
    return QSize(*width, *height);
}

void readBoxRow(CsvRow& row, const CsvLayout& layout, ImageIndex& images) {
    if (!row.complete())
        return;
    const QString path = normalizedAnnotationPath(row.text(layout.path));
    if (path.isEmpty())
        return row.error(QStringLiteral("empty image path; line skipped"));
    const std::optional<QRectF> box = rowBox(row, layout);
    const std::optional<QSize> declared = rowDeclaredSize(row, layout);
    if (!box || !declared)
        return;
    ImageEntry& image = images.entry(path);
    if (declared->isValid()) {
        if (image.declaredSize.isValid() && image.declaredSize != *declared)
            row.warn(
                QStringLiteral("%1 is declared %2×%3 here but %4×%5 on an earlier line; keeping the first")
                    .arg(path)
                    .arg(declared->width())
                    .arg(declared->height())
                    .arg(image.declaredSize.width())
                    .arg(image.declaredSize.height()));
        else
            image.declaredSize = *declared;
    }
    CropWindow window;
    window.box = *box;
    window.label = row.text(layout.label);
    image.windows.append(window);
}

bool recordIsBlank(const CsvRecord& record) {
    return std::all_of(record.fields.cbegin(), record.fields.cend(),
                       [](const QString& f) { return f.isEmpty(); });
}

} // namespace

Result<AnnotationSet> readCsvAnnotations(const QString& path, const ReadOptions& options,
                                         QList<AnnotationIssue>* issues) {
    Result<QByteArray> bytes = readBoundedFile(path, options.maxFileBytes);
    if (!bytes)
        return bytes.error();
    Result<QString> text = decodeText(*bytes, path);
    if (!text)
        return text.error();
    // Records are read one at a time: the layout needs only the first, and a table of every record
    // would hold many times the file's size.
    CsvRecordReader reader(*text);
    CsvTable head;
    head.delimiter = reader.delimiter();
    if (CsvRecord first; reader.next(first))
        head.records << first;
    if (!reader.error().isEmpty())
        return makeError(ErrorKind::Corrupt, QStringLiteral("%1: %2").arg(path, reader.error()));
    Result<CsvLayout> layout = resolveCsvLayout(head, options.csvColumns, path);
    if (!layout)
        return layout.error();

    AnnotationSet set;
    set.sourceFile = path;
    set.imageRoot = options.imageRoot.isEmpty() ? QFileInfo(path).absolutePath() : options.imageRoot;
    const bool centreScale = layout->columns.isCentreScale();
    set.format = centreScale ? QStringLiteral("centre-scale") : QStringLiteral("csv");
    if (centreScale) {
        if (Status status = applyCentreScaleOptions(set, options); !status)
            return status.error();
    }
    IssueLog log(issues, options.maxIssues);
    ImageIndex images(set);
    auto readRecord = [&](const CsvRecord& record) {
        if (recordIsBlank(record))
            return;
        CsvRow row(record, *layout, path, log);
        if (centreScale)
            readCentreScaleRow(row, *layout, images);
        else
            readBoxRow(row, *layout, images);
    };
    if (layout->firstRecord == 0)
        readRecord(head.records.first());
    for (CsvRecord record; reader.next(record);)
        readRecord(record);
    if (!reader.error().isEmpty())
        return makeError(ErrorKind::Corrupt, QStringLiteral("%1: %2").arg(path, reader.error()));
    log.finish();
    assignWindowIds(set);
    return set;
}

namespace {

struct RowValues {
    QString path;
    QString imageWidth;
    QString imageHeight;
    const QRectF& box;
    const CropWindow& window;
};

struct OutColumn {
    QString name;
    std::function<QString(const RowValues&)> value;
    int index = -1; // position when the layout places columns by number
};

QList<OutColumn> outColumns(const CsvColumns& c) {
    auto corner = [conv = c.corners](int which) {
        return [conv, which](const RowValues& row) {
            const Corners k = cornersFromBox(row.box, conv);
            const double values[] = {k.x1, k.y1, k.x2, k.y2};
            return formatCoordinate(values[which]);
        };
    };
    auto boxField = [](double (QRectF::*get)() const) {
        return [get](const RowValues& row) {
            return formatCoordinate((row.box.*get)());
        };
    };
    const OutColumn path{c.path, [](const RowValues& row) {
                             return row.path;
                         }};
    const OutColumn label{c.label, [](const RowValues& row) {
                              return row.window.label;
                          }};
    const OutColumn width{c.imageWidth, [](const RowValues& row) {
                              return row.imageWidth;
                          }};
    const OutColumn height{c.imageHeight, [](const RowValues& row) {
                               return row.imageHeight;
                           }};
    QList<OutColumn> columns;
    if (c.usesCorners())
        columns = {path,
                   width,
                   height,
                   label,
                   {c.x, corner(0)},
                   {c.y, corner(1)},
                   {c.x2, corner(2)},
                   {c.y2, corner(3)}};
    else
        columns = {path,
                   {c.x, boxField(&QRectF::x)},
                   {c.y, boxField(&QRectF::y)},
                   {c.w, boxField(&QRectF::width)},
                   {c.h, boxField(&QRectF::height)},
                   label,
                   width,
                   height};
    columns.removeIf([](const OutColumn& column) { return column.name.isEmpty(); });
    if (!c.hasHeader) {
        for (OutColumn& column : columns) {
            bool ok = false;
            column.index = column.name.toInt(&ok) - 1;
            if (!ok || column.index < 0 || column.index > 1000)
                column.index = -1;
        }
    }
    return columns;
}

QString joinRow(const QList<OutColumn>& columns, const QStringList& values) {
    const bool byIndex =
        std::all_of(columns.cbegin(), columns.cend(), [](const OutColumn& c) { return c.index >= 0; });
    if (!byIndex)
        return values.join(u',');
    int width = 0;
    for (const OutColumn& column : columns)
        width = std::max(width, column.index + 1);
    QStringList placed(width);
    for (qsizetype i = 0; i < columns.size(); ++i)
        placed[columns[i].index] = values[i];
    return placed.join(u',');
}

void noteCsvLosses(const AnnotationSet& set, const CsvColumns& columns, LossLog& losses) {
    losses.noteForeignExtras(set, QStringLiteral("csv."));
    noteNonIndexIds(set, losses);
    for (const ImageEntry& image : set.images) {
        if (image.windows.isEmpty())
            losses.note(QStringLiteral("images with no boxes are not listed (a CSV row needs a box)"));
        if (columns.imageWidth.isEmpty() && image.declaredSize.isValid())
            losses.note(QStringLiteral("declared image sizes are not kept (no image size columns)"));
        if (columns.label.isEmpty()) {
            for (const CropWindow& window : image.windows) {
                if (!window.label.isEmpty())
                    losses.note(QStringLiteral("labels are not kept (no label column)"));
            }
        }
    }
}

} // namespace

Status writeCsvAnnotations(const AnnotationSet& set, const QString& path, const WriteOptions& options,
                           QStringList* lossReport) {
    const CsvColumns columns = options.csvColumns.isEmpty() ? CsvColumns::plain() : options.csvColumns;
    if (Status status = columns.validate(); !status)
        return status;
    if (columns.isCentreScale())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("%1: a scale column makes a centre/scale list; write "
                                        "it as centre-scale")
                             .arg(path));
    LossLog losses(QStringLiteral("csv"));
    noteCsvLosses(set, columns, losses);
    const QString folder = writtenPathsFolder(path, options);
    const QList<OutColumn> out = outColumns(columns);
    QString text;
    if (columns.hasHeader) {
        QStringList names;
        for (const OutColumn& column : out)
            names << csvField(column.name);
        text += names.join(u',') + u'\n';
    }
    for (const ImageEntry& image : set.images) {
        std::optional<QSize> size;
        if (!columns.imageWidth.isEmpty() && !image.windows.isEmpty()) {
            size = imageSizeFor(set, image, options);
            if (!size)
                losses.note(QStringLiteral("image sizes left empty because they are unknown"));
        }
        const QString imagePath = imagePathRelativeTo(set, image, folder);
        const QString width = size ? QString::number(size->width()) : QString();
        const QString height = size ? QString::number(size->height()) : QString();
        for (const CropWindow& window : image.windows) {
            const std::optional<QRectF> box = windowBox(set, image, window, options, losses);
            if (!box)
                continue;
            const RowValues row{imagePath, width, height, *box, window};
            QStringList values;
            for (const OutColumn& column : out)
                values << csvField(column.value(row));
            text += joinRow(out, values) + u'\n';
        }
    }
    if (Status status = writeFileAtomically(path, text.toUtf8()); !status)
        return status;
    losses.appendTo(lossReport);
    return Status::success();
}

} // namespace cropdeck
