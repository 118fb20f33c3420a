// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/AnnotationSetJson.h"

#include "batch/JsonObjectReader.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

namespace cropdeck {
namespace {

constexpr double kMaxCoordinate = 1e9; // far beyond any image; refuses garbage before geometry sees it

QJsonArray numbers(std::initializer_list<double> values) {
    QJsonArray array;
    for (double value : values)
        array.append(value);
    return array;
}

QJsonObject windowToJson(const CropWindow& window) {
    QJsonObject json{{"label", window.label}, {"id", window.id}};
    if (window.kind == CropWindow::Kind::Box)
        json.insert("box",
                    numbers({window.box.x(), window.box.y(), window.box.width(), window.box.height()}));
    else
        json.insert("square", numbers({window.square.x, window.square.y, window.square.scale}));
    if (!window.extras.isEmpty())
        json.insert("extras", QJsonObject::fromVariantMap(window.extras));
    return json;
}

QJsonObject imageToJson(const ImageEntry& image) {
    QJsonArray windows;
    for (const CropWindow& window : image.windows)
        windows.append(windowToJson(window));
    QJsonObject json{{"path", image.path}, {"windows", windows}};
    if (image.declaredSize.isValid())
        json.insert("declared_size",
                    numbers({double(image.declaredSize.width()), double(image.declaredSize.height())}));
    if (!image.extras.isEmpty())
        json.insert("extras", QJsonObject::fromVariantMap(image.extras));
    return json;
}

// An array of exactly `count` finite numbers, each within [low, high].
Status readNumbers(JsonObjectReader& reader, const char* key, qsizetype count, double low, double high,
                   QList<double>& out) {
    QJsonArray array;
    if (Status read = reader.array(key, array); !read)
        return read;
    if (array.size() != count)
        return reader.invalid(key, QStringLiteral("expected %1 numbers").arg(count));
    out.clear();
    for (const auto& value : array) {
        const double number = value.toDouble(std::nan(""));
        if (!value.isDouble() || !std::isfinite(number) || number < low || number > high)
            return reader.invalid(
                key, QStringLiteral("expected %1 numbers from %2 to %3").arg(count).arg(low).arg(high));
        out.append(number);
    }
    return {};
}

Result<JsonObjectReader> elementReader(const QJsonValue& value, const QString& path) {
    if (!value.isObject()) {
        Error error =
            makeError(ErrorKind::Invalid, QStringLiteral("key \"%1\": expected an object").arg(path));
        error.setting = path;
        return error;
    }
    return JsonObjectReader(value.toObject(), path);
}

Status readExtras(JsonObjectReader& reader, QVariantMap& out) {
    QJsonObject extras;
    if (Status read = reader.rawObject("extras", extras); !read)
        return read;
    out = extras.toVariantMap();
    return {};
}

Result<CropWindow> windowFromJson(JsonObjectReader reader) {
    CropWindow window;
    const bool box = reader.has("box");
    if (box == reader.has("square"))
        return reader.invalid("box", QStringLiteral("a window has either \"box\" or \"square\""));
    QList<double> values;
    if (box) {
        if (Status read = readNumbers(reader, "box", 4, -kMaxCoordinate, kMaxCoordinate, values); !read)
            return read.error();
        if (values[2] < 0 || values[3] < 0)
            return reader.invalid("box", QStringLiteral("width and height must not be negative"));
        window.box = QRectF(values[0], values[1], values[2], values[3]);
    } else {
        if (Status read = readNumbers(reader, "square", 3, 0.0, 1.0, values); !read)
            return read.error();
        window.kind = CropWindow::Kind::NormalizedSquare;
        window.square = {values[0], values[1], values[2]};
    }
    if (Status read = reader.text("label", window.label); !read)
        return read.error();
    if (Status read = reader.text("id", window.id); !read)
        return read.error();
    if (Status read = readExtras(reader, window.extras); !read)
        return read.error();
    if (Status finished = reader.finish(); !finished)
        return finished.error();
    return window;
}

Result<ImageEntry> imageFromJson(JsonObjectReader reader) {
    ImageEntry image;
    if (Status read = reader.text("path", image.path); !read)
        return read.error();
    if (image.path.isEmpty())
        return reader.invalid("path", QStringLiteral("every image needs a path"));
    if (reader.has("declared_size")) {
        QList<double> size;
        if (Status read = readNumbers(reader, "declared_size", 2, 1, std::numeric_limits<int>::max(), size);
            !read)
            return read.error();
        if (std::floor(size[0]) != size[0] || std::floor(size[1]) != size[1])
            return reader.invalid("declared_size", QStringLiteral("expected whole pixels"));
        image.declaredSize = QSize(int(size[0]), int(size[1]));
    }
    if (Status read = readExtras(reader, image.extras); !read)
        return read.error();
    QJsonArray windows;
    if (Status read = reader.array("windows", windows); !read)
        return read.error();
    for (qsizetype i = 0; i < windows.size(); ++i) {
        Result<JsonObjectReader> element = elementReader(windows[i], reader.elementPath("windows", i));
        if (!element)
            return element.error();
        Result<CropWindow> window = windowFromJson(std::move(element.value()));
        if (!window)
            return window.error();
        image.windows.append(std::move(window.value()));
    }
    if (Status finished = reader.finish(); !finished)
        return finished.error();
    return image;
}

} // namespace

QJsonObject annotationSetToJson(const AnnotationSet& set) {
    QJsonArray images;
    for (const ImageEntry& image : set.images)
        images.append(imageToJson(image));
    QJsonObject json{{"format", set.format},
                     {"source_file", set.sourceFile},
                     {"image_root", set.imageRoot},
                     {"stored_coordinates", set.coordinatesOnStoredPixels},
                     {"classes", QJsonArray::fromStringList(set.classes)},
                     {"window_size", set.normalizedWindowSize},
                     {"max_fraction", set.normalizedMaxFraction},
                     {"images", images}};
    if (!set.extras.isEmpty())
        json.insert("extras", QJsonObject::fromVariantMap(set.extras));
    return json;
}

Result<AnnotationSet> annotationSetFromJson(const QJsonObject& json, const QString& path) {
    JsonObjectReader reader(json, path);
    AnnotationSet set;
    if (Status read = reader.text("format", set.format); !read)
        return read.error();
    if (Status read = reader.text("source_file", set.sourceFile); !read)
        return read.error();
    if (Status read = reader.text("image_root", set.imageRoot); !read)
        return read.error();
    if (Status read = reader.boolean("stored_coordinates", set.coordinatesOnStoredPixels); !read)
        return read.error();
    if (Status read = reader.integer("window_size", 0, 1 << 20, set.normalizedWindowSize); !read)
        return read.error();
    if (Status read = reader.number("max_fraction", 0.0, 1.0, set.normalizedMaxFraction); !read)
        return read.error();
    if (Status read = readExtras(reader, set.extras); !read)
        return read.error();
    QJsonArray classes;
    if (Status read = reader.array("classes", classes); !read)
        return read.error();
    for (const auto& name : classes) {
        if (!name.isString())
            return reader.invalid("classes", QStringLiteral("expected an array of strings"));
        set.classes.append(name.toString());
    }
    QJsonArray images;
    if (Status read = reader.array("images", images); !read)
        return read.error();
    for (qsizetype i = 0; i < images.size(); ++i) {
        Result<JsonObjectReader> element = elementReader(images[i], reader.elementPath("images", i));
        if (!element)
            return element.error();
        Result<ImageEntry> image = imageFromJson(std::move(element.value()));
        if (!image)
            return image.error();
        set.images.append(std::move(image.value()));
    }
    if (Status finished = reader.finish(); !finished)
        return finished.error();
    return set;
}

} // namespace cropdeck
