// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/AnnotationFormat.h"

#include "annotations/CsvLayout.h"
#include "annotations/CsvTable.h"
#include "io/FileReading.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace cropdeck {
namespace {

constexpr qint64 kSniffBytes = 4 << 20;
constexpr int kSampleFiles = 20;

QByteArray head(const QString& path, qint64 bytes = kSniffBytes) {
    QFile file;
    if (!openForReading(file, path)) // never a FIFO: it would block format detection
        return QByteArray();
    return file.read(bytes);
}

AnnotationFormat sniffJson(const QByteArray& bytes) {
    static const QRegularExpression shapes(QStringLiteral("\"shapes\"\\s*:"));
    static const QRegularExpression coco(QStringLiteral("\"(images|annotations|categories)\"\\s*:"));
    const QString text = QString::fromUtf8(bytes);
    if (text.contains(shapes))
        return AnnotationFormat::LabelMe;
    if (text.contains(coco))
        return AnnotationFormat::Coco;
    return AnnotationFormat::Unknown;
}

bool isYoloLine(const QString& line) {
    static const QRegularExpression space(QStringLiteral("\\s+"));
    const QStringList tokens = line.split(space, Qt::SkipEmptyParts);
    if (tokens.size() < 5 || tokens.first().contains(u','))
        return false;
    return std::all_of(tokens.cbegin(), tokens.cend(), [](const QString& t) {
        bool ok = false;
        t.toDouble(&ok);
        return ok;
    });
}

// The first `count` lines of `bytes` that hold more than white space. Only whole lines: the sniffed head
// may end in the middle of one. Only these lines are decoded (a list of 10,000 boxes took 3 ms to
// decode and split whole, for a sample of 20).
QStringList firstLines(const QByteArray& bytes, int count) {
    QStringList lines;
    qsizetype start = 0;
    while (lines.size() < count && start < bytes.size()) {
        qsizetype end = bytes.indexOf('\n', start);
        if (end < 0) {
            if (bytes.size() == kSniffBytes && start > 0)
                break; // cut by the head's limit (a head without a line break is taken whole)
            end = bytes.size();
        }
        const QString line = QString::fromUtf8(bytes.constData() + start, end - start);
        if (!line.trimmed().isEmpty())
            lines.append(line);
        start = end + 1;
    }
    return lines;
}

AnnotationFormat sniffText(const QByteArray& bytes) {
    const QStringList sample = firstLines(bytes, 20);
    if (sample.isEmpty())
        return AnnotationFormat::Unknown;
    if (std::all_of(sample.cbegin(), sample.cend(), isYoloLine))
        return AnnotationFormat::Yolo;
    // Only the first record decides. A quote that never closes there still makes this a CSV file: its
    // reader then says where the quote opens, which "cannot tell the format" would not. Later records
    // are not parsed (a quoted field may run past the sample).
    const QString sampleText = sample.join(u'\n');
    CsvRecordReader reader(sampleText);
    CsvRecord record;
    if (!reader.next(record))
        return reader.error().isEmpty() ? AnnotationFormat::Unknown : AnnotationFormat::Csv;
    QStringList first = record.fields;
    if (!first.isEmpty() && first[0].startsWith(QChar(0xFEFF)))
        first[0].remove(0, 1);
    if (isCsvHeader(first)) {
        const CsvColumns columns = csvColumnsFromHeader(first);
        if (!columns.validate())
            return AnnotationFormat::Unknown;
        return columns.isCentreScale() ? AnnotationFormat::CentreScale : AnnotationFormat::Csv;
    }
    if (first.size() == 4)
        return AnnotationFormat::CentreScale;
    return first.size() == 5 || first.size() == 6 ? AnnotationFormat::Csv : AnnotationFormat::Unknown;
}

bool hasFileWithSuffix(const QDir& dir, const QString& suffix) {
    return !dir.entryList({QStringLiteral("*.") + suffix}, QDir::Files).isEmpty();
}

AnnotationFormat sniffFolder(const QDir& dir, int depth) {
    for (const char* name : {"data.yaml", "data.yml", "classes.txt"}) {
        if (dir.exists(QLatin1String(name)))
            return AnnotationFormat::Yolo;
    }
    if (QFileInfo(dir.filePath(QStringLiteral("labels"))).isDir())
        return AnnotationFormat::Yolo;
    if (hasFileWithSuffix(QDir(dir.filePath(QStringLiteral("Annotations"))), QStringLiteral("xml")) ||
        hasFileWithSuffix(dir, QStringLiteral("xml")))
        return AnnotationFormat::Voc;
    const QStringList jsons = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    // A sample is enough to tell, and keeps detection quick in folders of many thousand files.
    for (const QString& json : jsons.mid(0, kSampleFiles)) {
        if (sniffJson(head(dir.filePath(json), 1 << 20)) == AnnotationFormat::LabelMe)
            return AnnotationFormat::LabelMe;
    }
    const QStringList texts = dir.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
    for (const QString& text : texts.mid(0, kSampleFiles)) {
        if (!text.startsWith(QStringLiteral("readme"), Qt::CaseInsensitive) &&
            sniffText(head(dir.filePath(text), 64 << 10)) == AnnotationFormat::Yolo)
            return AnnotationFormat::Yolo;
    }
    if (depth > 0) {
        for (const QString& sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            const AnnotationFormat found = sniffFolder(QDir(dir.filePath(sub)), depth - 1);
            if (found != AnnotationFormat::Unknown)
                return found;
        }
    }
    return AnnotationFormat::Unknown;
}

} // namespace

QString annotationFormatName(AnnotationFormat format) {
    switch (format) {
    case AnnotationFormat::Auto:
        return QStringLiteral("auto");
    case AnnotationFormat::Unknown:
        return QStringLiteral("unknown");
    case AnnotationFormat::Csv:
        return QStringLiteral("csv");
    case AnnotationFormat::CentreScale:
        return QStringLiteral("centre-scale");
    case AnnotationFormat::Voc:
        return QStringLiteral("voc");
    case AnnotationFormat::Coco:
        return QStringLiteral("coco");
    case AnnotationFormat::Yolo:
        return QStringLiteral("yolo");
    case AnnotationFormat::LabelMe:
        return QStringLiteral("labelme");
    }
    return QStringLiteral("unknown");
}

QStringList annotationFormatNames() {
    return {QStringLiteral("csv"),  QStringLiteral("centre-scale"), QStringLiteral("voc"),
            QStringLiteral("coco"), QStringLiteral("yolo"),         QStringLiteral("labelme")};
}

std::optional<AnnotationFormat> parseAnnotationFormat(const QString& name) {
    const QString key = name.trimmed().toLower();
    if (key == u"auto")
        return AnnotationFormat::Auto;
    if (key == u"csv")
        return AnnotationFormat::Csv;
    if (key == u"centre-scale" || key == u"center-scale" || key == u"centre_scale" || key == u"center_scale")
        return AnnotationFormat::CentreScale;
    if (key == u"voc" || key == u"pascal-voc" || key == u"pascal_voc" || key == u"xml")
        return AnnotationFormat::Voc;
    if (key == u"coco")
        return AnnotationFormat::Coco;
    if (key == u"yolo" || key == u"darknet")
        return AnnotationFormat::Yolo;
    if (key == u"labelme")
        return AnnotationFormat::LabelMe;
    return std::nullopt;
}

AnnotationFormat detectAnnotationFormat(const QString& path) {
    const QFileInfo info(path);
    if (info.isDir())
        return sniffFolder(QDir(path), 1);
    if (!info.isFile())
        return AnnotationFormat::Unknown;
    const QString suffix = info.suffix().toLower();
    if (suffix == u"yaml" || suffix == u"yml" ||
        info.fileName().compare(u"classes.txt", Qt::CaseInsensitive) == 0)
        return AnnotationFormat::Yolo;
    const QByteArray bytes = head(path);
    const QByteArray start = bytes.left(256).trimmed();
    const QByteArray body = start.startsWith("\xEF\xBB\xBF") ? start.mid(3).trimmed() : start;
    if (body.startsWith('{'))
        return sniffJson(bytes);
    if (body.startsWith('<'))
        return bytes.contains("<annotation") ? AnnotationFormat::Voc : AnnotationFormat::Unknown;
    return sniffText(bytes);
}

} // namespace cropdeck
