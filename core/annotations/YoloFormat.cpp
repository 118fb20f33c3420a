// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/YoloFormat.h"

#include "annotations/BoxConventions.h"
#include "annotations/FolderScan.h"
#include "annotations/ImagePaths.h"
#include "annotations/IssueLog.h"
#include "annotations/NumberParse.h"
#include "annotations/ReaderSupport.h"
#include "annotations/TextFile.h"
#include "annotations/WriterSupport.h"
#include "annotations/YoloClassNames.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QStringTokenizer>

#include <cmath>

namespace cropdeck {
namespace {

const QString kPrefix = QStringLiteral("yolo.");
constexpr int kMaxClassId = 1'000'000;
// A polygon of 50,000 points with full-precision coordinates still fits.
constexpr qsizetype kMaxLineLength = 1 << 21;

// train/images/a.jpg and train/labels/a.txt both give "train/a".
QString pairingKey(const QString& relativePath) {
    QStringList parts = relativePath.split(u'/');
    QString name = parts.takeLast();
    for (qsizetype i = parts.size() - 1; i >= 0; --i) {
        if (parts[i] == u"images" || parts[i] == u"labels") {
            parts.removeAt(i);
            break;
        }
    }
    const qsizetype dot = name.lastIndexOf(u'.');
    parts << (dot > 0 ? name.left(dot) : name);
    return parts.join(u'/');
}

bool isLabelFolderFile(const QString& relativePath) {
    const QStringList parts = relativePath.split(u'/');
    return parts.mid(0, parts.size() - 1).contains(QStringLiteral("labels"));
}

bool isSidecarText(const QString& fileName) {
    const QString lower = fileName.toLower();
    return lower == u"classes.txt" || lower.startsWith(QStringLiteral("readme")) || lower == u"obj.names";
}

struct Dataset {
    QString root;       // folder labels are searched in, and class files next to
    QString imageRoot;  // folder images are searched in
    QStringList labels; // absolute paths
};

Result<Dataset> locateDataset(const QString& path, const ReadOptions& options) {
    const QFileInfo info(path);
    Dataset dataset;
    if (info.isDir())
        dataset.root = info.absoluteFilePath();
    else if (!info.exists())
        return makeError(ErrorKind::NotFound, QStringLiteral("%1: no such file or folder").arg(path));
    else {
        dataset.root = info.absolutePath();
        const QString suffix = info.suffix().toLower();
        if (suffix == u"txt" && !isSidecarText(info.fileName())) {
            dataset.labels << info.absoluteFilePath();
            if (QFileInfo(dataset.root).fileName() == u"labels")
                dataset.root = QFileInfo(dataset.root).absolutePath();
        }
    }
    dataset.imageRoot = options.imageRoot.isEmpty() ? dataset.root : QDir(options.imageRoot).absolutePath();
    if (!dataset.labels.isEmpty())
        return dataset;
    Result<QStringList> texts = listFilesRecursively(dataset.root, {QStringLiteral("txt")}, options.maxFiles);
    if (!texts)
        return texts.error();
    const QDir root(dataset.root);
    for (const QString& file : *texts) {
        if (isLabelFolderFile(root.relativeFilePath(file)))
            dataset.labels << file;
    }
    if (dataset.labels.isEmpty()) {
        for (const QString& file : *texts) {
            if (!isSidecarText(QFileInfo(file).fileName()))
                dataset.labels << file;
        }
    }
    return dataset;
}

// The decoded text of a small side file (classes.txt, data.yaml); nullopt when it does not exist.
std::optional<QString> readSideFile(const QString& path, IssueLog& log) {
    if (!QFileInfo(path).isFile())
        return std::nullopt;
    Result<QByteArray> bytes = readBoundedFile(path, 16 << 20);
    Result<QString> text = bytes ? decodeText(*bytes, path) : Result<QString>(bytes.error());
    if (!text) {
        log.error(path, 0, QString(), text.error().message);
        return std::nullopt;
    }
    return *text;
}

// Roboflow writes split paths such as "../valid/images" that do not match the folders it ships; say so
// (the folders on disk decide, so nothing else depends on these paths).
void checkSplitPaths(const YoloDataYaml& yaml, const QString& folder, const QString& yamlFile,
                     IssueLog& log) {
    const QDir base(QDir(folder).filePath(yaml.paths.value(QStringLiteral("path"))));
    for (auto it = yaml.paths.cbegin(); it != yaml.paths.cend(); ++it) {
        if (it.key() == u"path")
            continue;
        for (const QString& split : it.value().split(u';', Qt::SkipEmptyParts)) {
            const QString clean = QDir::cleanPath(split);
            const QString stripped = clean.startsWith(QStringLiteral("../")) ? clean.mid(3) : clean;
            if (!QFileInfo(base.filePath(clean)).isDir() && !QFileInfo(base.filePath(stripped)).isDir())
                log.warn(
                    yamlFile, 0, it.key(),
                    QStringLiteral("%1 does not exist here; images are taken from the folders found on disk")
                        .arg(split));
        }
    }
}

std::optional<QStringList> namesFromYaml(const QString& folder, IssueLog& log) {
    QString yamlFile = QDir(folder).filePath(QStringLiteral("data.yaml"));
    if (!QFileInfo::exists(yamlFile))
        yamlFile = QDir(folder).filePath(QStringLiteral("data.yml"));
    const std::optional<QString> text = readSideFile(yamlFile, log);
    if (!text)
        return std::nullopt;
    const YoloDataYaml yaml = parseYoloDataYaml(*text);
    for (const QString& problem : yaml.problems)
        log.warn(yamlFile, 0, QString(), problem);
    if (yaml.nc && *yaml.nc != yaml.names.size())
        log.warn(yamlFile, 0, QStringLiteral("nc"),
                 QStringLiteral("nc: %1 but %2 name(s) listed; the names count")
                     .arg(*yaml.nc)
                     .arg(yaml.names.size()));
    checkSplitPaths(yaml, folder, yamlFile, log);
    return yaml.names;
}

// Class names: options, else classes.txt, else data.yaml, looked for in the dataset folder then its parent.
QStringList classNames(const Dataset& dataset, const ReadOptions& options, IssueLog& log) {
    if (!options.classNames.isEmpty())
        return options.classNames;
    for (const QString& folder : {dataset.root, QFileInfo(dataset.root).absolutePath()}) {
        const QString classesFile = QDir(folder).filePath(QStringLiteral("classes.txt"));
        const std::optional<QString> text = readSideFile(classesFile, log);
        const std::optional<QStringList> fromText =
            text ? std::optional(parseYoloClassesTxt(*text)) : std::nullopt;
        const std::optional<QStringList> fromYaml = namesFromYaml(folder, log);
        if (fromText && fromYaml && *fromText != *fromYaml)
            log.warn(classesFile, 0, QString(),
                     QStringLiteral("classes.txt and data.yaml list different names; using classes.txt"));
        if (fromText)
            return *fromText;
        if (fromYaml)
            return *fromYaml;
    }
    return {};
}

struct PendingRow {
    int line = 0;
    int classId = 0;
    QList<double> values; // 4 (box) or 2n (polygon)
    std::optional<double> confidence;
};

class LabelReader {
public:
    LabelReader(const QString& file, const QStringList& names, const ReadOptions& options, IssueLog& log)
        : m_file(file)
        , m_names(names)
        , m_options(options)
        , m_log(log) {}

    QList<PendingRow> parse(const QString& text) {
        QList<PendingRow> rows;
        static const QRegularExpression space(QStringLiteral("\\s+"));
        // Line by line, as views: a list of every line (or of every token of a huge line) would take many
        // times the file's size.
        int number = 0;
        for (const QStringView line : qTokenize(text, u'\n')) {
            ++number;
            if (line.size() > kMaxLineLength) {
                m_log.error(
                    m_file, number, QString(),
                    QStringLiteral("%1 characters, longer than any label line (limit %2); line skipped")
                        .arg(line.size())
                        .arg(kMaxLineLength));
                continue;
            }
            const QStringList tokens = line.toString().split(space, Qt::SkipEmptyParts);
            if (!tokens.isEmpty())
                parseLine(number, tokens, rows);
        }
        return rows;
    }

    void convert(const QList<PendingRow>& rows, QSize size, ImageEntry& image) {
        for (const PendingRow& row : rows) {
            CropWindow window;
            window.label = label(row);
            if (row.confidence)
                window.extras.insert(kPrefix + QStringLiteral("confidence"), *row.confidence);
            if (row.values.size() == 4) {
                window.box =
                    boxFromNormalized({row.values[0], row.values[1], row.values[2], row.values[3]}, size);
            } else {
                window.box = polygonBox(row.values, size);
                window.extras.insert(kPrefix + QStringLiteral("polygon"),
                                     QVariant::fromValue(toVariantList(row.values)));
            }
            const QRectF& b = window.box;
            if (std::max({std::abs(b.left()), std::abs(b.top()), std::abs(b.right()), std::abs(b.bottom())}) >
                kMaxPixelCoordinate) {
                m_log.error(m_file, row.line, QString(),
                            QStringLiteral("the box lies more than %1 pixels away; line skipped")
                                .arg(kMaxPixelCoordinate));
                continue;
            }
            image.windows.append(window);
        }
    }

private:
    static QVariantList toVariantList(const QList<double>& values) {
        QVariantList list;
        for (double v : values)
            list << v;
        return list;
    }

    void parseLine(int line, const QStringList& tokens, QList<PendingRow>& rows) {
        const qsizetype n = tokens.size();
        const bool box = n == 5 || n == 6;
        const bool polygon = n >= 7 && n % 2 == 1;
        if (!box && !polygon)
            return m_log.error(
                m_file, line, QString(),
                QStringLiteral("%1 values: expected 'class cx cy w h' or a polygon 'class x1 y1 x2 y2 "
                               "x3 y3 ...'; line skipped")
                    .arg(n));
        if (polygon && m_options.shapes == ShapePolicy::Report)
            return m_log.error(m_file, line, QString(),
                               QStringLiteral("polygon row skipped (shapes are reported, not boxed)"));
        QString why;
        const std::optional<int> classId = parseCount(tokens[0], kMaxClassId, &why);
        if (!classId)
            return m_log.error(m_file, line, QStringLiteral("class"), why + QStringLiteral("; line skipped"));
        PendingRow row{line, *classId, {}, {}};
        const qsizetype valueCount = box ? 4 : n - 1;
        for (qsizetype k = 1; k <= valueCount; ++k) {
            const std::optional<double> value = parseNumber(tokens[k], kMaxFraction, &why);
            if (!value)
                return m_log.error(m_file, line, QStringLiteral("value %1").arg(k + 1),
                                   why + QStringLiteral("; line skipped"));
            row.values << *value;
        }
        if (n == 6) {
            row.confidence = parseNumber(tokens[5], kMaxFraction, &why);
            if (!row.confidence)
                return m_log.error(m_file, line, QStringLiteral("value 6"),
                                   why + QStringLiteral("; line skipped"));
        }
        if (!checkValues(row, box))
            return;
        rows << row;
    }

    bool checkValues(const PendingRow& row, bool box) {
        if (box && (row.values[2] < 0 || row.values[3] < 0)) {
            m_log.error(m_file, row.line, QString(),
                        QStringLiteral("negative width or height; line skipped"));
            return false;
        }
        if (box && (row.values[2] == 0 || row.values[3] == 0))
            m_log.warn(m_file, row.line, QString(), QStringLiteral("zero-size box"));
        const bool outside =
            std::any_of(row.values.cbegin(), row.values.cend(), [](double v) { return v < 0 || v > 1; });
        if (outside)
            m_log.warn(m_file, row.line, QString(),
                       QStringLiteral("values outside [0, 1]: the box reaches past the image"));
        return true;
    }

    QRectF polygonBox(const QList<double>& values, QSize size) const {
        QList<QPointF> points;
        for (qsizetype k = 0; k + 1 < values.size(); k += 2)
            points << QPointF(values[k] * size.width(), values[k + 1] * size.height());
        const QRectF box = boundingBoxOf(points);
        const double x = roundToMicroPixel(box.x()), y = roundToMicroPixel(box.y());
        return QRectF(x, y, roundToMicroPixel(box.right()) - x, roundToMicroPixel(box.bottom()) - y);
    }

    QString label(const PendingRow& row) {
        if (row.classId < m_names.size())
            return m_names[row.classId];
        if (!m_names.isEmpty())
            m_log.warn(m_file, row.line, QStringLiteral("class"),
                       QStringLiteral("class %1 is past the %2 listed name(s); box labelled '%1'")
                           .arg(row.classId)
                           .arg(m_names.size()));
        return QString::number(row.classId);
    }

    QString m_file;
    const QStringList& m_names;
    const ReadOptions& m_options;
    IssueLog& m_log;
};

void readLabelFile(const QString& file, const QString& imagePath, ImageEntry& image, const QStringList& names,
                   const ReadOptions& options, IssueLog& log) {
    Result<QByteArray> bytes = readBoundedFile(file, options.maxFileBytes);
    Result<QString> text = bytes ? decodeText(*bytes, file) : Result<QString>(bytes.error());
    if (!text)
        return log.error(file, 0, QString(), text.error().message + QStringLiteral("; file skipped"));
    LabelReader reader(file, names, options, log);
    const QList<PendingRow> rows = reader.parse(*text);
    if (rows.isEmpty())
        return;
    const std::optional<QSize> size = options.imageSize ? options.imageSize(imagePath) : std::nullopt;
    if (!size || size->isEmpty())
        return log.error(
            file, 0, QString(),
            QStringLiteral("size of %1 unknown, so the fractions cannot become pixels; %2 box(es) skipped")
                .arg(imagePath)
                .arg(rows.size()));
    image.declaredSize = *size;
    reader.convert(rows, *size, image);
}

} // namespace

Result<AnnotationSet> readYoloAnnotations(const QString& path, const ReadOptions& options,
                                          QList<AnnotationIssue>* issues) {
    Result<Dataset> dataset = locateDataset(path, options);
    if (!dataset)
        return dataset.error();
    Result<QStringList> images =
        listFilesRecursively(dataset->imageRoot, knownImageExtensions(), options.maxFiles);
    if (!images)
        return images.error();
    AnnotationSet set;
    set.sourceFile = path;
    set.format = QStringLiteral("yolo");
    set.imageRoot = dataset->imageRoot;
    IssueLog log(issues, options.maxIssues);
    set.classes = classNames(*dataset, options, log);
    if (set.classes.isEmpty() && !dataset->labels.isEmpty())
        log.warn(path, 0, QString(),
                 QStringLiteral("no classes.txt or data.yaml names: boxes are labelled with class numbers"));

    const QDir labelRoot(dataset->root), imageRoot(dataset->imageRoot);
    QHash<QString, QString> labelsByKey;
    for (const QString& label : dataset->labels)
        labelsByKey.insert(pairingKey(labelRoot.relativeFilePath(label)), label);
    QSet<QString> seenKeys;
    for (const QString& image : *images) {
        const QString relative = imageRoot.relativeFilePath(image);
        const QString key = pairingKey(relative);
        if (seenKeys.contains(key)) {
            log.warn(image, 0, QString(),
                     QStringLiteral("another image has the same name; this one gets no labels"));
            set.images.append(ImageEntry{relative, QSize(), {}, {}});
            continue;
        }
        seenKeys.insert(key);
        set.images.append(ImageEntry{relative, QSize(), {}, {}});
        if (const QString label = labelsByKey.take(key); !label.isEmpty())
            readLabelFile(label, image, set.images.last(), set.classes, options, log);
    }
    QStringList orphans = labelsByKey.values();
    orphans.sort();
    for (const QString& label : orphans)
        log.warn(label, 0, QString(),
                 QStringLiteral("no image for this label file under %1; skipped").arg(dataset->imageRoot));
    log.finish();
    assignWindowIds(set);
    return set;
}

namespace {

// Class ids for writing: see writeYoloAnnotations() in the header.
struct ClassTable {
    QStringList names;
    QHash<QString, int> ids;
};

ClassTable classTableFor(const AnnotationSet& set, LossLog& losses) {
    ClassTable table{set.classes, {}};
    for (int i = 0; i < table.names.size(); ++i)
        table.ids.insert(table.names[i], i);
    QStringList numeric;
    for (const ImageEntry& image : set.images) {
        for (const CropWindow& window : image.windows) {
            if (table.ids.contains(window.label) || numeric.contains(window.label))
                continue;
            bool isNumber = false;
            const int number = window.label.toInt(&isNumber);
            if (isNumber && number >= set.classes.size() && number <= kMaxClassId &&
                QString::number(number) == window.label) {
                numeric << window.label;
                continue;
            }
            QString name = window.label;
            if (name.isEmpty() || name.contains(u'\n') || name.contains(u'\r')) {
                losses.note(
                    QStringLiteral("labels that cannot be a classes.txt line (empty, line breaks) renamed"));
                name = name.isEmpty() ? QStringLiteral("unlabeled") : name.simplified();
            }
            if (!table.ids.contains(name)) {
                table.ids.insert(name, int(table.names.size()));
                table.names << name;
            }
            table.ids.insert(window.label, table.ids.value(name));
        }
    }
    for (const QString& label : numeric) {
        const int number = label.toInt();
        if (number >= table.names.size())
            table.ids.insert(label, number);
        else {
            table.ids.insert(label, int(table.names.size()));
            table.names << label;
        }
    }
    return table;
}

QString labelPathFor(const QString& relativeImagePath) {
    QString path = normalizedAnnotationPath(relativeImagePath);
    if (isForeignAbsolutePath(path) || path.startsWith(QStringLiteral("../")))
        path = path.mid(path.lastIndexOf(u'/') + 1);
    QStringList parts = path.split(u'/');
    QString name = parts.takeLast();
    const qsizetype images = parts.lastIndexOf(QStringLiteral("images"));
    if (images >= 0)
        parts[images] = QStringLiteral("labels");
    else
        parts.prepend(QStringLiteral("labels"));
    const qsizetype dot = name.lastIndexOf(u'.');
    parts << (dot > 0 ? name.left(dot) : name) + QStringLiteral(".txt");
    return parts.join(u'/');
}

// The polygon kept from a YOLO read, when its bounding box is still the window's box.
std::optional<QString> keptPolygon(const CropWindow& window, const QRectF& box, QSize size) {
    const QVariantList values = window.extras.value(kPrefix + QStringLiteral("polygon")).toList();
    if (values.size() < 6 || values.size() % 2 != 0)
        return std::nullopt;
    QList<QPointF> points;
    QStringList text;
    for (qsizetype k = 0; k + 1 < values.size(); k += 2) {
        points << QPointF(values[k].toDouble() * size.width(), values[k + 1].toDouble() * size.height());
        text << formatCoordinate(values[k].toDouble()) << formatCoordinate(values[k + 1].toDouble());
    }
    const QRectF fit = boundingBoxOf(points);
    auto close = [](double a, double b) {
        return std::abs(a - b) <= 1e-6;
    };
    if (!close(fit.x(), box.x()) || !close(fit.y(), box.y()) || !close(fit.right(), box.right()) ||
        !close(fit.bottom(), box.bottom()))
        return std::nullopt;
    return text.join(u' ');
}

QString labelLine(int classId, const CropWindow& window, const QRectF& box, QSize size) {
    QString line = QString::number(classId) + u' ';
    if (const std::optional<QString> polygon = keptPolygon(window, box, size))
        return line + *polygon;
    const NormalizedBox n = normalizedFromBox(box, size);
    line += QStringList{formatCoordinate(n.cx), formatCoordinate(n.cy), formatCoordinate(n.w),
                        formatCoordinate(n.h)}
                .join(u' ');
    const QVariant confidence = window.extras.value(kPrefix + QStringLiteral("confidence"));
    if (confidence.isValid())
        line += u' ' + formatCoordinate(confidence.toDouble());
    return line;
}

QByteArray labelFileFor(const AnnotationSet& set, const ImageEntry& image, const ClassTable& classes,
                        const WriteOptions& options, LossLog& losses) {
    QString text;
    if (image.windows.isEmpty())
        return QByteArray();
    const std::optional<QSize> size = imageSizeFor(set, image, options);
    if (!size) {
        losses.note(
            QStringLiteral("boxes skipped because their image's size is unknown (YOLO stores fractions)"),
            image.windows.size());
        return QByteArray();
    }
    for (const CropWindow& window : image.windows) {
        if (const std::optional<QRectF> box = windowBox(set, image, window, options, losses))
            text += labelLine(classes.ids.value(window.label), window, *box, *size) + u'\n';
    }
    return text.toUtf8();
}

} // namespace

Status writeYoloAnnotations(const AnnotationSet& set, const QString& path, const WriteOptions& options,
                            QStringList* lossReport) {
    if (QFileInfo(path).exists() && !QFileInfo(path).isDir())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("%1: YOLO output is a folder (labels/, classes.txt, "
                                        "data.yaml), and this is a file")
                             .arg(path));
    LossLog losses(QStringLiteral("yolo"));
    losses.noteForeignExtras(set, kPrefix);
    noteNonIndexIds(set, losses);
    const QDir out(path);
    const QString imageFolder = commonImageFolder(set);
    if (!imageFolder.isEmpty() && QDir::cleanPath(out.absolutePath()) != imageFolder)
        losses.note(
            QStringLiteral("YOLO keeps no image paths: read these labels back with the image folder %1")
                .arg(imageFolder));
    const ClassTable classes = classTableFor(set, losses);
    QSet<QString> written;
    for (const ImageEntry& image : set.images) {
        const QString labelPath = labelPathFor(imagePathUnder(set, image, imageFolder));
        if (written.contains(pathKey(labelPath))) {
            losses.note(QStringLiteral(
                "images sharing a name stem in one folder: only the first keeps a label file"));
            continue;
        }
        written.insert(pathKey(labelPath));
        if (Status status = writeFileAtomically(out.filePath(labelPath),
                                                labelFileFor(set, image, classes, options, losses));
            !status)
            return status;
    }
    const QString classesText = classes.names.isEmpty() ? QString() : classes.names.join(u'\n') + u'\n';
    if (Status status =
            writeFileAtomically(out.filePath(QStringLiteral("classes.txt")), classesText.toUtf8());
        !status)
        return status;
    const QString yaml =
        QStringLiteral("nc: %1\nnames: %2\n").arg(classes.names.size()).arg(yoloYamlNames(classes.names));
    if (Status status = writeFileAtomically(out.filePath(QStringLiteral("data.yaml")), yaml.toUtf8());
        !status)
        return status;
    losses.appendTo(lossReport);
    return Status::success();
}

} // namespace cropdeck
