// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/LabelMeFormat.h"

#include "annotations/BoxConventions.h"
#include "annotations/FolderScan.h"
#include "annotations/IssueLog.h"
#include "annotations/JsonSupport.h"
#include "annotations/NumberParse.h"
#include "annotations/ReaderSupport.h"
#include "annotations/TextFile.h"
#include "annotations/WriterSupport.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace cropdeck {
namespace {

const QString kPrefix = QStringLiteral("labelme.");
constexpr const char* kShapeTypes[] = {"rectangle", "polygon", "circle", "line",
                                       "linestrip", "points",  "mask"};

// A circle is its centre and a point on its edge.
QRectF circleBox(const QList<QPointF>& points) {
    const QPointF d = points[1] - points[0];
    const double r = std::hypot(d.x(), d.y());
    return QRectF(points[0].x() - r, points[0].y() - r, 2 * r, 2 * r);
}

QRectF shapeBox(const QString& type, const QList<QPointF>& points) {
    if (type == u"rectangle" && points.size() == 2)
        return boxFromPoints(points[0], points[1]);
    if (type == u"circle")
        return circleBox(points);
    return boundingBoxOf(points);
}

class ShapeReader {
public:
    ShapeReader(const QString& file, const ReadOptions& options, IssueLog& log)
        : m_file(file)
        , m_options(options)
        , m_log(log) {}

    void read(const QJsonArray& shapes, ImageEntry& image) {
        for (qsizetype i = 0; i < shapes.size(); ++i) {
            if (std::optional<CropWindow> window =
                    readShape(shapes[i].toObject(), QStringLiteral("shapes[%1]").arg(i)))
                image.windows.append(*window);
        }
    }

private:
    std::optional<QList<QPointF>> points(const QJsonValue& value, const QString& element) {
        QList<QPointF> result;
        const QJsonArray array = value.toArray();
        for (qsizetype k = 0; k < array.size(); ++k) {
            const QJsonArray pair = array[k].toArray();
            QString why;
            const std::optional<double> x =
                pair.size() == 2 ? jsonNumber(pair[0], kMaxPixelCoordinate, &why) : std::nullopt;
            const std::optional<double> y = x ? jsonNumber(pair[1], kMaxPixelCoordinate, &why) : std::nullopt;
            if (!x || !y) {
                m_log.error(m_file, 0, element + QStringLiteral(".points[%1]").arg(k),
                            (why.isEmpty() ? QStringLiteral("not an [x, y] pair") : why) +
                                QStringLiteral("; shape skipped"));
                return std::nullopt;
            }
            result << QPointF(*x, *y);
        }
        return result;
    }

    std::optional<CropWindow> readShape(const QJsonObject& shape, const QString& element) {
        const QString type = shape.value(QStringLiteral("shape_type")).toString(QStringLiteral("polygon"));
        const QString label = shape.value(QStringLiteral("label")).toString();
        if (std::none_of(std::begin(kShapeTypes), std::end(kShapeTypes),
                         [&](const char* t) { return type == QLatin1String(t); })) {
            m_log.error(m_file, 0, element,
                        QStringLiteral("'%1' shape of '%2' cannot be a box; skipped").arg(type, label));
            return std::nullopt;
        }
        const std::optional<QList<QPointF>> pts = points(shape.value(QStringLiteral("points")), element);
        if (!pts)
            return std::nullopt;
        const qsizetype needed =
            type == u"rectangle" || type == u"circle" || type == u"line" || type == u"mask" ? 2 : 1;
        if (pts->size() < needed || (type == u"circle" && pts->size() != 2)) {
            m_log.error(
                m_file, 0, element,
                QStringLiteral("%1 needs %2 points, has %3; skipped").arg(type).arg(needed).arg(pts->size()));
            return std::nullopt;
        }
        if (type == u"points" && pts->size() == 1) {
            m_log.error(m_file, 0, element, QStringLiteral("point '%1' has no area; skipped").arg(label));
            return std::nullopt;
        }
        const bool rectangle = type == u"rectangle" && pts->size() == 2;
        if (!rectangle && m_options.shapes == ShapePolicy::Report) {
            m_log.error(m_file, 0, element,
                        QStringLiteral("%1 '%2' skipped (shapes are reported, not boxed)").arg(type, label));
            return std::nullopt;
        }
        CropWindow window;
        window.label = label;
        window.box = shapeBox(type, *pts);
        window.extras = extrasExcept(kPrefix, shape, {"label", "points", "shape_type"});
        if (!rectangle) {
            window.extras.insert(kPrefix + QStringLiteral("shape_type"), type);
            window.extras.insert(kPrefix + QStringLiteral("points"),
                                 shape.value(QStringLiteral("points")).toVariant());
        }
        if (window.box.isEmpty())
            m_log.warn(m_file, 0, element, QStringLiteral("zero-size box"));
        return window;
    }

    QString m_file;
    const ReadOptions& m_options;
    IssueLog& m_log;
};

QSize declaredSize(const QJsonObject& root, const QString& file, IssueLog& log) {
    const QJsonValue width = root.value(QStringLiteral("imageWidth"));
    const QJsonValue height = root.value(QStringLiteral("imageHeight"));
    if ((width.isNull() || width.isUndefined()) && (height.isNull() || height.isUndefined()))
        return QSize();
    QString why;
    const std::optional<double> w = jsonNumber(width, kMaxDeclaredSide, &why);
    const std::optional<double> h = w ? jsonNumber(height, kMaxDeclaredSide, &why) : std::nullopt;
    if (!w || !h || *w <= 0 || *h <= 0 || std::floor(*w) != *w || std::floor(*h) != *h) {
        log.error(file, 0, QStringLiteral("imageWidth/imageHeight"),
                  QStringLiteral("%1; declared size ignored")
                      .arg(why.isEmpty() ? QStringLiteral("not whole numbers > 0") : why));
        return QSize();
    }
    return QSize(int(*w), int(*h));
}

QString imagePathFor(const QJsonObject& root, const QString& file, const QDir& base, IssueLog& log) {
    QString written = normalizedAnnotationPath(root.value(QStringLiteral("imagePath")).toString());
    if (isForeignAbsolutePath(written)) {
        const QString name = written.mid(written.lastIndexOf(u'/') + 1);
        log.warn(
            file, 0, QStringLiteral("imagePath"),
            QStringLiteral("absolute path %1; using the file name %2 next to the JSON").arg(written, name));
        written = name;
    }
    if (written.isEmpty())
        return QString();
    return QDir::cleanPath(base.relativeFilePath(QFileInfo(file).absoluteDir().filePath(written)));
}

void readOne(const QJsonObject& root, const QString& file, const QDir& base, ImageIndex& index,
             const ReadOptions& options, IssueLog& log) {
    const QString path = imagePathFor(root, file, base, log);
    if (path.isEmpty())
        return log.error(file, 0, QStringLiteral("imagePath"), QStringLiteral("missing; file skipped"));
    if (index.contains(path))
        log.warn(file, 0, QString(),
                 QStringLiteral("a second annotation file for %1; shapes merged").arg(path));
    ImageEntry& image = index.entry(path);
    image.declaredSize = declaredSize(root, file, log);
    image.extras.insert(
        extrasExcept(kPrefix, root, {"shapes", "imagePath", "imageData", "imageWidth", "imageHeight"}));
    const QJsonValue data = root.value(QStringLiteral("imageData"));
    if (data.isString() && !data.toString().isEmpty()) {
        image.extras.insert(kPrefix + QStringLiteral("imageDataEmbedded"), true);
        if (options.keepEmbeddedImageData)
            image.extras.insert(kPrefix + QStringLiteral("imageData"), data.toString());
    }
    ShapeReader(file, options, log).read(root.value(QStringLiteral("shapes")).toArray(), image);
}

} // namespace

Result<AnnotationSet> readLabelMeAnnotations(const QString& path, const ReadOptions& options,
                                             QList<AnnotationIssue>* issues) {
    const bool folder = QFileInfo(path).isDir();
    QStringList files{QFileInfo(path).absoluteFilePath()};
    if (folder) {
        Result<QStringList> listed = listFilesRecursively(path, {QStringLiteral("json")}, options.maxFiles);
        if (!listed)
            return listed.error();
        files = *listed;
    }
    AnnotationSet set;
    set.sourceFile = path;
    set.format = QStringLiteral("labelme");
    const QString base = folder ? QFileInfo(path).absoluteFilePath() : QFileInfo(path).absolutePath();
    set.imageRoot = options.imageRoot.isEmpty() ? base : options.imageRoot;
    IssueLog log(issues, options.maxIssues);
    ImageIndex index(set);
    int read = 0;
    for (const QString& file : files) {
        Result<QJsonObject> root = readJsonObject(file, options.maxFileBytes);
        if (root && !root->value(QStringLiteral("shapes")).isArray())
            root = makeError(ErrorKind::Corrupt,
                             QStringLiteral("%1: no \"shapes\" array: not a LabelMe file").arg(file));
        if (!root && !folder)
            return root.error();
        if (!root) {
            log.warn(file, 0, QString(), root.error().message + QStringLiteral("; skipped"));
            continue;
        }
        readOne(*root, file, QDir(set.imageRoot), index, options, log);
        ++read;
    }
    if (read == 0)
        return makeError(ErrorKind::NotFound, QStringLiteral("%1: no LabelMe JSON files").arg(path));
    log.finish();
    assignWindowIds(set);
    return set;
}

namespace {

QJsonArray pointArray(const QList<QPointF>& points) {
    QJsonArray array;
    for (const QPointF& p : points)
        array.append(QJsonArray{p.x(), p.y()});
    return array;
}

// The shape kept from a LabelMe read, when its box is still the window's box.
std::optional<QJsonObject> keptShape(const CropWindow& window, const QRectF& box) {
    const QString type = window.extras.value(kPrefix + QStringLiteral("shape_type")).toString();
    const QJsonArray array =
        QJsonValue::fromVariant(window.extras.value(kPrefix + QStringLiteral("points"))).toArray();
    if (type.isEmpty() || array.isEmpty())
        return std::nullopt;
    QList<QPointF> points;
    for (const auto& pair : array)
        points << QPointF(pair.toArray().at(0).toDouble(), pair.toArray().at(1).toDouble());
    if ((type == u"circle" && points.size() != 2) || shapeBox(type, points) != box)
        return std::nullopt;
    return QJsonObject{{QStringLiteral("shape_type"), type}, {QStringLiteral("points"), array}};
}

QJsonObject shapeObject(const CropWindow& window, const QRectF& box) {
    QJsonObject shape =
        keptShape(window, box)
            .value_or(QJsonObject{
                {QStringLiteral("shape_type"), QStringLiteral("rectangle")},
                {QStringLiteral("points"),
                 pointArray({box.topLeft(), QPointF(box.x() + box.width(), box.y() + box.height())})}});
    shape.insert(QStringLiteral("label"), window.label);
    for (auto it = window.extras.cbegin(); it != window.extras.cend(); ++it) {
        const QString key = it.key().mid(kPrefix.size());
        if (it.key().startsWith(kPrefix) && key != u"shape_type" && key != u"points")
            shape.insert(key, QJsonValue::fromVariant(*it));
    }
    if (!shape.contains(QStringLiteral("group_id")))
        shape.insert(QStringLiteral("group_id"), QJsonValue::Null);
    if (!shape.contains(QStringLiteral("flags")))
        shape.insert(QStringLiteral("flags"), QJsonObject());
    return shape;
}

QJsonObject imageObject(const AnnotationSet& set, const ImageEntry& image, const QString& jsonFile,
                        const WriteOptions& options, LossLog& losses) {
    QJsonObject root{{QStringLiteral("version"), QStringLiteral("5.2.1")},
                     {QStringLiteral("flags"), QJsonObject()}};
    for (auto it = image.extras.cbegin(); it != image.extras.cend(); ++it) {
        const QString key = it.key().mid(kPrefix.size());
        if (it.key().startsWith(kPrefix) && key != u"imageDataEmbedded" && key != u"imageData")
            root.insert(key, QJsonValue::fromVariant(*it));
    }
    const QString data = image.extras.value(kPrefix + QStringLiteral("imageData")).toString();
    if (data.isEmpty() && image.extras.value(kPrefix + QStringLiteral("imageDataEmbedded")).toBool())
        losses.note(
            QStringLiteral("embedded image data not kept (it was not read); imageData written as null"));
    root.insert(QStringLiteral("imageData"),
                data.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(data));
    root.insert(QStringLiteral("imagePath"),
                imagePathRelativeTo(set, image, QFileInfo(jsonFile).absolutePath()));
    const std::optional<QSize> size = imageSizeFor(set, image, options);
    if (!size)
        losses.note(QStringLiteral("imageWidth/imageHeight written as null because they are unknown"));
    root.insert(QStringLiteral("imageWidth"),
                size ? QJsonValue(size->width()) : QJsonValue(QJsonValue::Null));
    root.insert(QStringLiteral("imageHeight"),
                size ? QJsonValue(size->height()) : QJsonValue(QJsonValue::Null));
    QJsonArray shapes;
    for (const CropWindow& window : image.windows) {
        if (const std::optional<QRectF> box = windowBox(set, image, window, options, losses))
            shapes.append(shapeObject(window, *box));
    }
    root.insert(QStringLiteral("shapes"), shapes);
    return root;
}

} // namespace

Status writeLabelMeAnnotations(const AnnotationSet& set, const QString& path, const WriteOptions& options,
                               QStringList* lossReport) {
    if (QFileInfo(path).exists() && !QFileInfo(path).isDir())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("%1: LabelMe output is a folder (one JSON per image), "
                                        "and this is a file")
                             .arg(path));
    LossLog losses(QStringLiteral("labelme"));
    losses.noteForeignExtras(set, kPrefix);
    noteNonIndexIds(set, losses);
    const QString imageFolder = commonImageFolder(set);
    QSet<QString> used;
    for (const ImageEntry& image : set.images) {
        const QString file = QDir(path).absoluteFilePath(
            annotationFilePathFor(imagePathUnder(set, image, imageFolder), QStringLiteral(".json"), used));
        const QJsonObject root = imageObject(set, image, file, options, losses);
        if (Status status = writeFileAtomically(file, QJsonDocument(root).toJson(QJsonDocument::Indented));
            !status)
            return status;
    }
    losses.appendTo(lossReport);
    return Status::success();
}

} // namespace cropdeck
