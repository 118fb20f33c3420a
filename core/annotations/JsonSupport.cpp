// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/JsonSupport.h"

#include "annotations/BoxConventions.h"
#include "annotations/TextFile.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace cropdeck {

Result<QJsonObject> readJsonObject(const QString& path, qint64 maxBytes) {
    Result<QByteArray> bytes = readBoundedFile(path, maxBytes);
    if (!bytes)
        return bytes.error();
    // A UTF-8 byte-order mark is legal in files but not to Qt's parser.
    const qsizetype skip = bytes->startsWith("\xEF\xBB\xBF") ? 3 : 0;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(skip ? bytes->mid(skip) : *bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(ErrorKind::Corrupt, QStringLiteral("%1:%2: malformed JSON: %3")
                                                 .arg(path)
                                                 .arg(lineAtOffset(*bytes, error.offset + skip))
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

QString jsonId(const QJsonValue& value) {
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return formatCoordinate(value.toDouble());
    return QString();
}

} // namespace cropdeck
