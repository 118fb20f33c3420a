// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/CocoFormat.h"

#include "annotations/BoxConventions.h"
#include "annotations/IssueLog.h"
#include "annotations/JsonSupport.h"
#include "annotations/NumberParse.h"
#include "annotations/ReaderSupport.h"
#include "annotations/TextFile.h"
#include "annotations/WriterSupport.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>

namespace cropdeck {
namespace {

const QString kPrefix = QStringLiteral("coco.");

class CocoReader {
public:
    CocoReader(const QString& file, IssueLog& log)
        : m_file(file)
        , m_log(log) {}

    void readCategories(const QJsonArray& categories, AnnotationSet& set) {
        for (qsizetype i = 0; i < categories.size(); ++i) {
            const QJsonObject category = categories[i].toObject();
            const QString id = jsonId(category.value(QStringLiteral("id")));
            const QString element = QStringLiteral("categories[%1]").arg(i);
            if (id.isEmpty() || m_categories.contains(id)) {
                m_log.error(m_file, 0, element,
                            id.isEmpty()
                                ? QStringLiteral("no id; category ignored")
                                : QStringLiteral("id %1 used twice; second category ignored").arg(id));
                continue;
            }
            const QString name = category.value(QStringLiteral("name")).toString();
            if (m_names.contains(name))
                m_log.warn(m_file, 0, element, QStringLiteral("name '%1' used by two categories").arg(name));
            m_names.insert(name);
            m_categories.insert(id, name);
            set.classes << name;
        }
    }

    void readImages(const QJsonArray& images, AnnotationSet& set) {
        for (qsizetype i = 0; i < images.size(); ++i) {
            const QString element = QStringLiteral("images[%1]").arg(i);
            const QJsonObject object = images[i].toObject();
            const QString id = jsonId(object.value(QStringLiteral("id")));
            const QString fileName =
                normalizedAnnotationPath(object.value(QStringLiteral("file_name")).toString());
            if (id.isEmpty() || fileName.isEmpty() || m_images.contains(id)) {
                m_log.error(m_file, 0, element,
                            id.isEmpty()         ? QStringLiteral("no id; image skipped")
                            : fileName.isEmpty() ? QStringLiteral("no file_name; image skipped")
                                                 : QStringLiteral("id %1 used twice; image skipped").arg(id));
                continue;
            }
            ImageEntry image{fileName,
                             declaredSize(object, element),
                             {},
                             extrasExcept(kPrefix, object, {"file_name", "width", "height"})};
            m_images.insert(id, set.images.size());
            set.images.append(image);
        }
    }

    void readAnnotations(const QJsonArray& annotations, AnnotationSet& set) {
        for (qsizetype i = 0; i < annotations.size(); ++i) {
            const QString element = QStringLiteral("annotations[%1]").arg(i);
            const QJsonObject object = annotations[i].toObject();
            const QString imageId = jsonId(object.value(QStringLiteral("image_id")));
            const auto image = m_images.constFind(imageId);
            if (image == m_images.cend()) {
                m_log.error(m_file, 0, element + QStringLiteral(".image_id"),
                            QStringLiteral("no image with id '%1'; annotation skipped").arg(imageId));
                continue;
            }
            std::optional<QRectF> box = readBox(object.value(QStringLiteral("bbox")), element);
            if (!box)
                continue;
            CropWindow window;
            window.box = *box;
            window.id =
                uniqueId(object.value(QStringLiteral("id")), *image, set.images[*image].path, element);
            window.label = label(object.value(QStringLiteral("category_id")), element);
            window.extras = extrasExcept(kPrefix, object, {"id", "image_id", "category_id", "bbox"});
            set.images[*image].windows.append(window);
        }
    }

private:
    QSize declaredSize(const QJsonObject& object, const QString& element) {
        const QJsonValue width = object.value(QStringLiteral("width"));
        const QJsonValue height = object.value(QStringLiteral("height"));
        if (width.isUndefined() && height.isUndefined())
            return QSize();
        QString why;
        const std::optional<double> w = jsonNumber(width, kMaxDeclaredSide, &why);
        const std::optional<double> h = w ? jsonNumber(height, kMaxDeclaredSide, &why) : std::nullopt;
        if (!w || !h || *w < 0 || *h < 0 || std::floor(*w) != *w || std::floor(*h) != *h) {
            m_log.error(m_file, 0, element,
                        QStringLiteral("width/height %1; declared size ignored")
                            .arg(why.isEmpty() ? QStringLiteral("are not whole numbers >= 0") : why));
            return QSize();
        }
        return *w > 0 && *h > 0 ? QSize(int(*w), int(*h)) : QSize();
    }

    std::optional<QRectF> readBox(const QJsonValue& value, const QString& element) {
        const QJsonArray bbox = value.toArray();
        if (bbox.size() != 4) {
            m_log.error(m_file, 0, element + QStringLiteral(".bbox"),
                        QStringLiteral("expected [x, y, width, height]; annotation skipped"));
            return std::nullopt;
        }
        double v[4];
        for (int k = 0; k < 4; ++k) {
            QString why;
            const std::optional<double> number = jsonNumber(bbox[k], kMaxPixelCoordinate, &why);
            if (!number) {
                m_log.error(m_file, 0, element + QStringLiteral(".bbox[%1]").arg(k),
                            why + QStringLiteral("; annotation skipped"));
                return std::nullopt;
            }
            v[k] = *number;
        }
        if (v[2] < 0 || v[3] < 0) {
            m_log.error(m_file, 0, element + QStringLiteral(".bbox"),
                        QStringLiteral("negative size %1 × %2; annotation skipped").arg(v[2]).arg(v[3]));
            return std::nullopt;
        }
        if (v[2] == 0 || v[3] == 0)
            m_log.warn(m_file, 0, element + QStringLiteral(".bbox"), QStringLiteral("zero-size box"));
        return QRectF(v[0], v[1], v[2], v[3]);
    }

    // Window ids name output files, so two boxes of one image must not share one: a repeated id is
    // dropped and the box numbered like a box without id.
    QString uniqueId(const QJsonValue& value, qsizetype image, const QString& path, const QString& element) {
        QString id = jsonId(value); // not const: returned by move
        if (id.isEmpty())
            return id;
        QSet<QString>& used = m_windowIds[image];
        if (!used.contains(id)) {
            used.insert(id);
            return id;
        }
        m_log.warn(m_file, 0, element + QStringLiteral(".id"),
                   QStringLiteral("id %1 used twice in image %2; this box gets a new id").arg(id, path));
        return QString();
    }

    QString label(const QJsonValue& categoryId, const QString& element) {
        QString id = jsonId(categoryId); // not const: returned by move
        const auto it = m_categories.constFind(id);
        if (it != m_categories.cend())
            return *it;
        m_log.warn(m_file, 0, element + QStringLiteral(".category_id"),
                   QStringLiteral("no category with id '%1'; box labelled '%1'").arg(id));
        return id;
    }

    QString m_file;
    IssueLog& m_log;
    QHash<QString, QString> m_categories;        // id → name
    QSet<QString> m_names;                       // category names (a list search is quadratic)
    QHash<QString, qsizetype> m_images;          // id → index in the set
    QHash<qsizetype, QSet<QString>> m_windowIds; // image index → annotation ids read for it
};

} // namespace

Result<AnnotationSet> readCocoAnnotations(const QString& path, const ReadOptions& options,
                                          QList<AnnotationIssue>* issues) {
    Result<QJsonObject> root = readJsonObject(path, options.maxFileBytes);
    if (!root)
        return root.error();
    if (!root->value(QStringLiteral("images")).isArray())
        return makeError(ErrorKind::Corrupt,
                         QStringLiteral("%1: no \"images\" array: not a COCO file").arg(path));
    AnnotationSet set;
    set.sourceFile = path;
    set.format = QStringLiteral("coco");
    set.imageRoot = options.imageRoot.isEmpty() ? QFileInfo(path).absolutePath() : options.imageRoot;
    set.extras = extrasExcept(kPrefix, *root, {"images", "annotations"});
    IssueLog log(issues, options.maxIssues);
    CocoReader reader(path, log);
    reader.readCategories(root->value(QStringLiteral("categories")).toArray(), set);
    reader.readImages(root->value(QStringLiteral("images")).toArray(), set);
    reader.readAnnotations(root->value(QStringLiteral("annotations")).toArray(), set);
    log.finish();
    assignWindowIds(set);
    return set;
}

namespace {

// Category name → id for writing, and the categories array.
struct CategoryTable {
    QHash<QString, qint64> ids;
    QJsonArray array;
};

CategoryTable categoriesFor(const AnnotationSet& set) {
    QStringList labels = set.classes;
    QSet<QString> seen(labels.cbegin(), labels.cend());
    for (const ImageEntry& image : set.images) {
        for (const CropWindow& window : image.windows) {
            if (!seen.contains(window.label)) {
                seen.insert(window.label);
                labels << window.label;
            }
        }
    }
    CategoryTable table;
    const QJsonArray original =
        QJsonValue::fromVariant(set.extras.value(kPrefix + QStringLiteral("categories"))).toArray();
    for (const auto& value : original) {
        const QJsonObject category = value.toObject();
        const QString name = category.value(QStringLiteral("name")).toString();
        if (category.value(QStringLiteral("id")).isDouble() && !table.ids.contains(name))
            table.ids.insert(name, qint64(category.value(QStringLiteral("id")).toDouble()));
    }
    const bool complete =
        std::all_of(labels.cbegin(), labels.cend(), [&](const QString& l) { return table.ids.contains(l); });
    if (complete && !original.isEmpty()) {
        table.array = original;
        return table;
    }
    table = CategoryTable();
    qint64 next = 1;
    for (const QString& label : labels) {
        table.ids.insert(label, next);
        table.array.append(QJsonObject{{QStringLiteral("id"), next++},
                                       {QStringLiteral("name"), label},
                                       {QStringLiteral("supercategory"), QStringLiteral("none")}});
    }
    return table;
}

// Whole-number ids when they are all present and unique, else 1, 2, 3, ...
QList<qint64> idsOrSequence(const QStringList& ids) {
    QList<qint64> result;
    QSet<qint64> seen;
    for (const QString& id : ids) {
        bool ok = false;
        const qint64 value = id.toLongLong(&ok);
        if (!ok || seen.contains(value))
            break;
        seen.insert(value);
        result << value;
    }
    if (result.size() == ids.size())
        return result;
    result.clear();
    for (qsizetype i = 0; i < ids.size(); ++i)
        result << i + 1;
    return result;
}

void insertExtras(QJsonObject& object, const QVariantMap& extras, std::initializer_list<const char*> skip) {
    for (auto it = extras.cbegin(); it != extras.cend(); ++it) {
        if (!it.key().startsWith(kPrefix))
            continue;
        const QString key = it.key().mid(kPrefix.size());
        if (std::none_of(skip.begin(), skip.end(), [&](const char* k) { return key == QLatin1String(k); }))
            object.insert(key, QJsonValue::fromVariant(*it));
    }
}

QJsonObject annotationObject(qint64 id, qint64 imageId, qint64 categoryId, const QRectF& box,
                             const CropWindow& window) {
    QJsonObject object{{QStringLiteral("id"), id},
                       {QStringLiteral("image_id"), imageId},
                       {QStringLiteral("category_id"), categoryId},
                       {QStringLiteral("bbox"), QJsonArray{box.x(), box.y(), box.width(), box.height()}}};
    insertExtras(object, window.extras, {"id", "image_id", "category_id", "bbox"});
    // A polygon's area is not its box's; keep a given area only while a segmentation backs it.
    const QJsonValue segmentation = object.value(QStringLiteral("segmentation"));
    const bool hasShape =
        (segmentation.isArray() && !segmentation.toArray().isEmpty()) || segmentation.isObject();
    if (!hasShape || !object.contains(QStringLiteral("area")))
        object.insert(QStringLiteral("area"), box.width() * box.height());
    if (!object.contains(QStringLiteral("segmentation")))
        object.insert(QStringLiteral("segmentation"), QJsonArray());
    if (!object.contains(QStringLiteral("iscrowd")))
        object.insert(QStringLiteral("iscrowd"), 0);
    return object;
}

} // namespace

Status writeCocoAnnotations(const AnnotationSet& set, const QString& path, const WriteOptions& options,
                            QStringList* lossReport) {
    LossLog losses(QStringLiteral("coco"));
    losses.noteForeignExtras(set, kPrefix);
    const CategoryTable categories = categoriesFor(set);
    QStringList imageIds, windowIds;
    for (const ImageEntry& image : set.images) {
        imageIds << image.extras.value(kPrefix + QStringLiteral("id")).toString();
        for (const CropWindow& window : image.windows)
            windowIds << window.id;
    }
    const QList<qint64> imageNumbers = idsOrSequence(imageIds);
    const QList<qint64> windowNumbers = idsOrSequence(windowIds);
    const QString folder = writtenPathsFolder(path, options);
    QJsonArray images, annotations;
    qsizetype windowIndex = 0;
    for (qsizetype i = 0; i < set.images.size(); ++i) {
        const ImageEntry& image = set.images[i];
        const std::optional<QSize> size = imageSizeFor(set, image, options);
        if (!size)
            losses.note(QStringLiteral("image width/height written as 0 because they are unknown"));
        QJsonObject object{{QStringLiteral("id"), imageNumbers[i]},
                           {QStringLiteral("file_name"), imagePathRelativeTo(set, image, folder)},
                           {QStringLiteral("width"), size ? size->width() : 0},
                           {QStringLiteral("height"), size ? size->height() : 0}};
        insertExtras(object, image.extras, {"id", "file_name", "width", "height"});
        images.append(object);
        for (const CropWindow& window : image.windows) {
            const qint64 id = windowNumbers[windowIndex++];
            if (const std::optional<QRectF> box = windowBox(set, image, window, options, losses))
                annotations.append(
                    annotationObject(id, imageNumbers[i], categories.ids.value(window.label), *box, window));
        }
    }
    QJsonObject root;
    insertExtras(root, set.extras, {"images", "annotations", "categories"});
    root.insert(QStringLiteral("categories"), categories.array);
    root.insert(QStringLiteral("images"), images);
    root.insert(QStringLiteral("annotations"), annotations);
    if (Status status = writeFileAtomically(path, QJsonDocument(root).toJson(QJsonDocument::Indented));
        !status)
        return status;
    losses.appendTo(lossReport);
    return Status::success();
}

} // namespace cropdeck
