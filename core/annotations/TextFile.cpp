// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/TextFile.h"

#include "io/FileReading.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <algorithm>
#include <cstring>

namespace cropdeck {
namespace {

// Offset of the first byte that breaks UTF-8 (overlongs, surrogates and code points past U+10FFFF
// included) or is NUL, or -1 when the text is valid.
qsizetype firstInvalidUtf8(const QByteArray& bytes) {
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.constData());
    const qsizetype size = bytes.size();
    for (qsizetype i = 0; i < size;) {
        const unsigned char lead = data[i];
        int length = 0;
        unsigned char low = 0x80, high = 0xBF;
        if (lead == 0)
            return i;
        if (lead < 0x80)
            length = 1;
        else if (lead >= 0xC2 && lead <= 0xDF)
            length = 2;
        else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else
            return i;
        if (i + length > size)
            return i;
        for (int k = 1; k < length; ++k) {
            const unsigned char next = data[i + k];
            if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF))
                return i;
        }
        i += length;
    }
    return -1;
}

bool startsWith(const QByteArray& bytes, const char* prefix, int length) {
    return bytes.size() >= length && memcmp(bytes.constData(), prefix, size_t(length)) == 0;
}

} // namespace

Result<QByteArray> readBoundedFile(const QString& path, qint64 maxBytes) {
    // Only regular files: a FIFO would block here forever (see openForReading).
    QFile file;
    if (Status opened = openForReading(file, path); !opened)
        return opened.error();
    const qint64 size = file.size();
    if (size > maxBytes)
        return makeError(ErrorKind::TooLarge, QStringLiteral("%1: %2 bytes is over the %3-byte limit for "
                                                             "annotation files")
                                                  .arg(path)
                                                  .arg(size)
                                                  .arg(maxBytes));
    // QIODevice::read(n) allocates n bytes up front, so read the size the file has, then go on in
    // chunks in case it grew since the check.
    QByteArray bytes = file.read(size);
    while (file.error() == QFileDevice::NoError) {
        const QByteArray chunk = file.read(qMin<qint64>(1 << 20, maxBytes + 1 - bytes.size()));
        if (chunk.isEmpty())
            break;
        bytes += chunk;
        if (bytes.size() > maxBytes)
            return makeError(
                ErrorKind::TooLarge,
                QStringLiteral("%1: over the %2-byte limit for annotation files").arg(path).arg(maxBytes));
    }
    if (file.error() != QFileDevice::NoError)
        return makeError(ErrorKind::Io, QStringLiteral("%1: read failed: %2").arg(path, file.errorString()));
    return bytes;
}

Result<QString> decodeText(const QByteArray& bytes, const QString& path) {
    if (startsWithUtf16Bom(bytes)) {
        const bool little = bytes.at(0) == '\xFF';
        QStringDecoder decoder(little ? QStringConverter::Utf16LE : QStringConverter::Utf16BE);
        QString text = decoder(bytes.mid(2));
        if (decoder.hasError())
            return makeError(ErrorKind::Corrupt, QStringLiteral("%1: broken UTF-16 text").arg(path));
        return text;
    }
    if (Status status = checkUtf8Text(bytes, path); !status)
        return status.error();
    const int bom = startsWith(bytes, "\xEF\xBB\xBF", 3) ? 3 : 0;
    return QString::fromUtf8(bytes.constData() + bom, bytes.size() - bom);
}

Status checkUtf8Text(const QByteArray& bytes, const QString& path) {
    const qsizetype bad = firstInvalidUtf8(bytes);
    if (bad < 0)
        return Status::success();
    const QString where = QStringLiteral("%1:%2: ").arg(path).arg(lineAtOffset(bytes, bad));
    if (bytes.at(bad) == '\0')
        return makeError(ErrorKind::Corrupt,
                         where + QStringLiteral("NUL byte at offset %1: UTF-16 text without a byte-order "
                                                "mark, or not a text file; save the file as UTF-8")
                                     .arg(bad));
    return makeError(ErrorKind::Corrupt,
                     where + QStringLiteral("not UTF-8 text (byte 0x%1 at offset %2); save the file as UTF-8")
                                 .arg(quint8(bytes.at(bad)), 2, 16, QLatin1Char('0'))
                                 .arg(bad));
}

bool startsWithUtf16Bom(const QByteArray& bytes) {
    return startsWith(bytes, "\xFF\xFE", 2) || startsWith(bytes, "\xFE\xFF", 2);
}

int lineAtOffset(const QByteArray& bytes, qint64 offset) {
    const qint64 end = qBound<qint64>(0, offset, bytes.size());
    return 1 + int(std::count(bytes.constBegin(), bytes.constBegin() + end, '\n'));
}

} // namespace cropdeck
