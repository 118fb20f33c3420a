// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/JsonObjectReader.h"

#include <cmath>

namespace cropdeck {

JsonObjectReader::JsonObjectReader(QJsonObject object, QString path)
    : m_object(std::move(object))
    , m_path(std::move(path)) {}

QString JsonObjectReader::keyPath(const QString& key) const {
    return m_path.isEmpty() ? key : m_path + u'.' + key;
}

Error JsonObjectReader::invalid(const char* key, const QString& problem) const {
    Error error = makeError(ErrorKind::Invalid,
                            QStringLiteral("key \"%1\": %2").arg(keyPath(QString::fromUtf8(key)), problem));
    error.setting = keyPath(QString::fromUtf8(key));
    return error;
}

bool JsonObjectReader::has(const char* key) const {
    return m_object.contains(QString::fromUtf8(key));
}

const QJsonValue* JsonObjectReader::take(const char* key) {
    const QString name = QString::fromUtf8(key);
    m_read.insert(name);
    if (!m_object.contains(name))
        return nullptr;
    m_current = m_object.value(name);
    return &m_current;
}

Status JsonObjectReader::text(const char* key, QString& out) {
    const QJsonValue* value = take(key);
    if (!value)
        return {};
    if (!value->isString())
        return invalid(key, QStringLiteral("expected a string"));
    out = value->toString();
    return {};
}

Status JsonObjectReader::boolean(const char* key, bool& out) {
    const QJsonValue* value = take(key);
    if (!value)
        return {};
    if (!value->isBool())
        return invalid(key, QStringLiteral("expected true or false"));
    out = value->toBool();
    return {};
}

Status JsonObjectReader::number(const char* key, double low, double high, double& out) {
    const QJsonValue* value = take(key);
    if (!value)
        return {};
    const double number = value->toDouble(std::nan(""));
    if (!value->isDouble() || !std::isfinite(number))
        return invalid(key, QStringLiteral("expected a number"));
    if (number < low || number > high)
        return invalid(key, QStringLiteral("%1 is out of range (%2 to %3)").arg(number).arg(low).arg(high));
    out = number;
    return {};
}

Status JsonObjectReader::integer(const char* key, qint64 low, qint64 high, qint64& out) {
    double value = 0;
    if (Status read = number(key, double(low), double(high), value); !read || !has(key))
        return read;
    if (std::floor(value) != value)
        return invalid(key, QStringLiteral("expected an integer, not %1").arg(value));
    out = qint64(value);
    return {};
}

Status JsonObjectReader::integer(const char* key, int low, int high, int& out) {
    qint64 value = out;
    if (Status read = integer(key, qint64(low), qint64(high), value); !read)
        return read;
    out = int(value);
    return {};
}

Result<JsonObjectReader> JsonObjectReader::object(const char* key) {
    const QJsonValue* value = take(key);
    if (!value)
        return JsonObjectReader(QJsonObject(), keyPath(QString::fromUtf8(key)));
    if (!value->isObject())
        return invalid(key, QStringLiteral("expected an object"));
    return JsonObjectReader(value->toObject(), keyPath(QString::fromUtf8(key)));
}

Status JsonObjectReader::rawObject(const char* key, QJsonObject& out) {
    const QJsonValue* value = take(key);
    if (!value)
        return {};
    if (!value->isObject())
        return invalid(key, QStringLiteral("expected an object"));
    out = value->toObject();
    return {};
}

Status JsonObjectReader::array(const char* key, QJsonArray& out) {
    const QJsonValue* value = take(key);
    if (!value)
        return {};
    if (!value->isArray())
        return invalid(key, QStringLiteral("expected an array"));
    out = value->toArray();
    return {};
}

QString JsonObjectReader::elementPath(const char* key, qsizetype index) const {
    return keyPath(QStringLiteral("%1[%2]").arg(QString::fromUtf8(key)).arg(index));
}

Status JsonObjectReader::finish() const {
    for (auto it = m_object.begin(); it != m_object.end(); ++it)
        if (!m_read.contains(it.key()))
            return makeError(ErrorKind::Invalid, QStringLiteral("unknown key \"%1\"").arg(keyPath(it.key())));
    return {};
}

} // namespace cropdeck
