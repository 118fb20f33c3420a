// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Reads the members of one JSON object into typed values, naming the key in every error
// (`key "crop.bounds": expected one of …`), and refuses keys nobody read. Internal to core/batch.

#include "Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>

namespace cropdeck {

class JsonObjectReader {
public:
    JsonObjectReader(QJsonObject object, QString path);

    // Each getter leaves `out` unchanged when the key is absent.
    Status text(const char* key, QString& out);
    Status boolean(const char* key, bool& out);
    Status integer(const char* key, qint64 low, qint64 high, qint64& out);
    Status integer(const char* key, int low, int high, int& out);
    Status number(const char* key, double low, double high, double& out);
    // A string parsed by one of SettingNames.h's functions.
    template <typename T, typename Parse> Status named(const char* key, Parse parse, T& out) {
        QString value;
        if (Status read = text(key, value); !read || !has(key))
            return read;
        Result<T> parsed = parse(value);
        if (!parsed)
            return invalid(key, QStringLiteral("\"%1\": %2").arg(value, parsed.error().message));
        out = *parsed;
        return {};
    }
    // A nested object; absent gives an empty object.
    Result<JsonObjectReader> object(const char* key);
    // A nested object or array taken whole (free-form data such as a format's extra fields, or a list
    // the caller reads element by element with elementPath()).
    Status rawObject(const char* key, QJsonObject& out);
    Status array(const char* key, QJsonArray& out);

    // "images[3]" under this object's path: how errors name an element of an array.
    QString elementPath(const char* key, qsizetype index) const;

    bool has(const char* key) const;
    // An error for every key that no getter asked for.
    Status finish() const;
    Error invalid(const char* key, const QString& problem) const;

private:
    QString keyPath(const QString& key) const;
    const QJsonValue* take(const char* key);

    QJsonObject m_object;
    QString m_path;
    QSet<QString> m_read;
    QJsonValue m_current;
};

} // namespace cropdeck
