// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Manifest.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace cropdeck {

QByteArray manifestLine(const ManifestEntry& entry) {
    QJsonObject object{{"source", entry.source}, {"window", entry.window}, {"index", entry.index},
                       {"output", entry.output}, {"status", entry.status}, {"bytes", double(entry.bytes)}};
    if (!entry.error.isEmpty())
        object.insert("error", entry.error);
    if (!entry.note.isEmpty())
        object.insert("note", entry.note);
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

Status ManifestWriter::open(const QString& path) {
    std::lock_guard lock(m_mutex);
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append))
        return makeError(
            ErrorKind::Io,
            QStringLiteral("%1: cannot open the manifest for writing: %2").arg(path, m_file.errorString()));
    return Status::success();
}

Status ManifestWriter::append(const ManifestEntry& entry) {
    const QByteArray line = manifestLine(entry);
    std::lock_guard lock(m_mutex);
    // One write of the whole line, then flush: a crash can tear at most the line being written.
    if (m_file.write(line) != line.size() || !m_file.flush())
        return makeError(ErrorKind::Io, QStringLiteral("%1: cannot append to the manifest: %2")
                                            .arg(m_file.fileName(), m_file.errorString()));
    return Status::success();
}

void ManifestWriter::close() {
    std::lock_guard lock(m_mutex);
    m_file.close();
}

Result<FinishedOutputs> readFinishedOutputs(const QString& manifestPath, const QString& outputDir) {
    FinishedOutputs finished;
    QFile file(manifestPath);
    if (!file.exists())
        return finished;
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorKind::Io,
            QStringLiteral("%1: cannot read the manifest: %2").arg(manifestPath, file.errorString()));
    const QDir dir(outputDir);
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            ++finished.malformedLines;
            continue;
        }
        const QJsonObject object = document.object();
        const QString output = object.value("output").toString();
        if (object.value("status").toString() != u"ok" || output.isEmpty())
            continue;
        const QFileInfo info(dir.filePath(output));
        if (info.isFile() && info.size() == qint64(object.value("bytes").toDouble()))
            finished.outputs.insert(output);
    }
    return finished;
}

} // namespace cropdeck
