// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the readers and writers: bounded file reads, text decoding with a line number for the
// first bad byte.

#include "Result.h"
#include "io/AtomicFileWriter.h" // writers use writeFileAtomically

#include <QByteArray>
#include <QString>

namespace cropdeck {

// The whole file, or NotFound / Io / TooLarge (over maxBytes) naming the file.
Result<QByteArray> readBoundedFile(const QString& path, qint64 maxBytes);

// UTF-8 with or without a byte-order mark, or UTF-16 with one. Anything else (Latin-1, Windows-1252,
// UTF-16 without a byte-order mark, a binary file) is Corrupt, naming the line of the first byte that is
// not UTF-8 text (see checkUtf8Text()).
Result<QString> decodeText(const QByteArray& bytes, const QString& path);

// Success when `bytes` is UTF-8 (a byte-order mark allowed) without NUL bytes; otherwise Corrupt naming
// the line and offset of the first bad byte. A NUL is reported as what it nearly always means: UTF-16
// saved without a byte-order mark, or no text file at all. For parsers that take bytes (JSON, XML).
Status checkUtf8Text(const QByteArray& bytes, const QString& path);

// True when the bytes start with a UTF-16 byte-order mark.
bool startsWithUtf16Bom(const QByteArray& bytes);

// 1-based line of a byte offset (JSON parse errors give offsets).
int lineAtOffset(const QByteArray& bytes, qint64 offset);

} // namespace cropdeck
