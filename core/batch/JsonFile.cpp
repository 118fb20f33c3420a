// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/JsonFile.h"

#include "io/FileReading.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>

namespace cropdeck {

Result<QJsonObject> readJsonObjectFile(const QString& path, const QString& what, qint64 maxBytes) {
    if (!QFileInfo::exists(path))
        return makeError(ErrorKind::NotFound, QStringLiteral("%1: no such %2").arg(path, what));
    QFile file;
    // Only a regular file: a FIFO would block the caller forever.
    if (Status opened = openForReading(file, path); !opened)
        return opened.error(); // names the path and what it is
    if (file.size() > maxBytes)
        return makeError(ErrorKind::TooLarge, QStringLiteral("%1: too large for a %2").arg(path, what));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(ErrorKind::Corrupt, QStringLiteral("%1: not valid JSON at byte %2: %3")
                                                 .arg(path)
                                                 .arg(parseError.offset)
                                                 .arg(parseError.errorString()));
    if (!document.isObject())
        return makeError(ErrorKind::Corrupt, QStringLiteral("%1: expected a JSON object").arg(path));
    return document.object();
}

bool jsonFileStartsWithKey(const QString& path, const char* versionKey) {
    QFile file;
    if (!openForReading(file, path))
        return false;
    const QByteArray head = file.read(4096);
    return head.trimmed().startsWith('{') && head.contains('"' + QByteArray(versionKey) + '"');
}

QString resolvedAgainst(const QString& folder, const QString& path) {
    return path.isEmpty() || QDir::isAbsolutePath(path)
               ? path
               : QDir::cleanPath(QDir(folder).absoluteFilePath(path));
}

} // namespace cropdeck
