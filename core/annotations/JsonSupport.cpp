// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/JsonSupport.h"

#include "annotations/BoxConventions.h"
#include "annotations/TextFile.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>

namespace cropdeck {
namespace {

// The UTF-8 text Qt's parser takes, without a byte-order mark (legal in files, not to the parser).
// Windows tools save UTF-16 with a mark; anything else that is not UTF-8 is refused here, where the
// message can name the byte, rather than as "malformed JSON" somewhere after it.
Result<QByteArray> jsonUtf8(QByteArray bytes, const QString& path) {
    if (startsWithUtf16Bom(bytes)) {
        Result<QString> text = decodeText(bytes, path);
        if (!text)
            return text.error();
        return text->toUtf8();
    }
    if (Status status = checkUtf8Text(bytes, path); !status)
        return status.error();
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    return bytes;
}

} // namespace

Result<QJsonObject> readJsonObject(const QString& path, qint64 maxBytes) {
    Result<QByteArray> bytes = readBoundedFile(path, maxBytes);
    if (!bytes)
        return bytes.error();
    Result<QByteArray> utf8 = jsonUtf8(std::move(*bytes), path);
    if (!utf8)
        return utf8.error();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*utf8, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(ErrorKind::Corrupt, QStringLiteral("%1:%2: malformed JSON: %3")
                                                 .arg(path)
                                                 .arg(lineAtOffset(*utf8, error.offset))
                                                 .arg(error.errorString()));
    if (!document.isObject())
        return makeError(ErrorKind::Corrupt,
                         QStringLiteral("%1: the JSON is not an object ({...})").arg(path));
    return document.object();
}

std::optional<double> jsonNumber(const QJsonValue& value, double maxMagnitude, QString* why) {
    if (!value.isDouble()) {
        if (why)
            *why = value.isUndefined() ? QStringLiteral("missing") : QStringLiteral("not a number");
        return std::nullopt;
    }
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::abs(number) > maxMagnitude) {
        if (why)
            *why = QStringLiteral("%1 is out of range (limit %2)").arg(number).arg(maxMagnitude);
        return std::nullopt;
    }
    return number;
}

QVariantMap extrasExcept(const QString& prefix, const QJsonObject& object,
                         std::initializer_list<const char*> known) {
    QVariantMap extras;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (std::none_of(known.begin(), known.end(),
                         [&](const char* k) { return it.key() == QLatin1String(k); }))
            extras.insert(prefix + it.key(), it.value().toVariant());
    }
    return extras;
}

QString jsonId(const QJsonValue& value) {
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return formatCoordinate(value.toDouble());
    return QString();
}

} // namespace cropdeck
