// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Manifest.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <charconv>

namespace cropdeck {
namespace {

bool endsMidLine(const QString& path) {
    QFile file(path);
    if (file.size() <= 0 || !file.open(QIODevice::ReadOnly) || !file.seek(file.size() - 1))
        return false;
    char last = '\n';
    return file.getChar(&last) && last != '\n';
}

// QFile's reason when it has one; otherwise the OS's (errno is still that of the failing call).
QString writeFailureReason(const QFile& file, int savedErrno) {
    if (file.error() != QFileDevice::NoError)
        return file.errorString();
    return qt_error_string(savedErrno ? savedErrno : EIO);
}

OutputInputs inputsFrom(const QJsonObject& object) {
    OutputInputs inputs;
    inputs.settingsDigest = object.value("settings").toString();
    inputs.window = object.value("box").toString();
    inputs.source.bytes = qint64(object.value("source_bytes").toDouble(-1));
    inputs.source.modifiedMs = qint64(object.value("source_mtime_ms").toDouble(-1));
    return inputs;
}

} // namespace

// Written by hand rather than through QJsonObject: a dense batch records thousands of lines a second,
// and building a JSON document per line cost as much CPU as encoding the crops. The bytes are those
// QJsonDocument::toJson(Compact) gives (keys in its sorted order, integers without a fraction, the
// same escapes), which test_manifest checks, so old and new manifests read alike.
namespace {

void appendKey(QByteArray& line, const char* key) {
    line += line.endsWith('{') ? "\"" : ",\""; // the first key follows the line's '{'
    line += key;
    line += "\":";
}

// JSON's escapes for the bytes that need one; everything else is copied in runs (a manifest line is
// some 250 bytes, nearly all plain).
void appendEscaped(QByteArray& line, char c) {
    static constexpr char kHex[] = "0123456789abcdef";
    switch (c) {
    case '"':
        line += "\\\"";
        break;
    case '\\':
        line += "\\\\";
        break;
    case '\b':
        line += "\\b";
        break;
    case '\f':
        line += "\\f";
        break;
    case '\n':
        line += "\\n";
        break;
    case '\r':
        line += "\\r";
        break;
    case '\t':
        line += "\\t";
        break;
    default: {
        const auto byte = static_cast<unsigned char>(c);
        line += "\\u00";
        line += kHex[byte >> 4];
        line += kHex[byte & 15];
    }
    }
}

void appendString(QByteArray& line, const char* key, const QString& value) {
    appendKey(line, key);
    line += '"';
    const QByteArray utf8 = value.toUtf8();
    const char* run = utf8.constData();
    const char* const end = run + utf8.size();
    for (const char* p = run; p != end; ++p) {
        const auto byte = static_cast<unsigned char>(*p);
        if (byte >= 0x20 && byte != '"' && byte != '\\')
            continue;
        line.append(run, p - run);
        appendEscaped(line, *p);
        run = p + 1;
    }
    line.append(run, end - run);
    line += '"';
}

void appendInteger(QByteArray& line, const char* key, qint64 value) {
    appendKey(line, key);
    char digits[24];
    line.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr - digits);
}

} // namespace

QByteArray manifestLine(const ManifestEntry& entry) {
    QByteArray line;
    appendManifestLine(line, entry);
    return line;
}

void appendManifestLine(QByteArray& line, const ManifestEntry& entry) {
    line.reserve(line.size() + 320);
    line += '{';
    // Alphabetical, as QJsonObject orders them.
    const bool known = entry.inputs.isKnown();
    if (known)
        appendString(line, "box", entry.inputs.window);
    appendInteger(line, "bytes", entry.bytes);
    if (!entry.damage.isEmpty())
        appendString(line, "damaged", entry.damage);
    if (!entry.error.isEmpty())
        appendString(line, "error", entry.error);
    appendInteger(line, "index", entry.index);
    if (!entry.note.isEmpty())
        appendString(line, "note", entry.note);
    appendString(line, "output", entry.output);
    if (known)
        appendString(line, "settings", entry.inputs.settingsDigest);
    appendString(line, "source", entry.source);
    if (known) {
        appendInteger(line, "source_bytes", entry.inputs.source.bytes);
        appendInteger(line, "source_mtime_ms", entry.inputs.source.modifiedMs);
    }
    appendString(line, "status", entry.status);
    appendString(line, "window", entry.window);
    line += "}\n";
}

Status ManifestWriter::open(const QString& path) {
    std::lock_guard lock(m_mutex);
    m_tornTail = endsMidLine(path);
    m_file.setFileName(path);
    // Unbuffered: each append is one write() whose failure is reported with its own reason.
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
        return makeError(
            ErrorKind::Io,
            QStringLiteral("%1: cannot open the manifest for writing: %2").arg(path, m_file.errorString()));
    return Status::success();
}

Status ManifestWriter::append(const ManifestEntry& entry) {
    return append(std::vector<ManifestEntry>{entry});
}

Status ManifestWriter::append(const std::vector<ManifestEntry>& entries) {
    if (entries.empty())
        return Status::success();
    QByteArray line;
    for (const ManifestEntry& entry : entries)
        appendManifestLine(line, entry);
    std::lock_guard lock(m_mutex);
    const QByteArray bytes = m_tornTail ? '\n' + line : line;
    m_file.unsetError();
    errno = 0;
    if (m_file.write(bytes) != bytes.size()) {
        const int savedErrno = errno;
        m_tornTail = true; // part of the line may be on disk
        return makeError(ErrorKind::Io, QStringLiteral("%1: cannot append to the manifest: %2")
                                            .arg(m_file.fileName(), writeFailureReason(m_file, savedErrno)));
    }
    m_tornTail = false;
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
        if (output.isEmpty())
            continue;
        // The latest line of an output decides: a later failure means the file is not known to be good.
        finished.outputs.remove(output);
        if (object.value("status").toString() != u"ok")
            continue;
        // Written from damaged data (--fail-on none): not known to be good, so --resume crops it again.
        if (object.contains("damaged"))
            continue;
        const QFileInfo info(dir.filePath(output));
        if (info.isFile() && info.size() == qint64(object.value("bytes").toDouble()))
            finished.outputs.insert(output, inputsFrom(object));
    }
    return finished;
}

} // namespace cropdeck
