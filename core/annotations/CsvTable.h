// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the CSV-based readers: RFC 4180 records with the line each starts on. Quoted fields may
// hold commas, doubled quotes and line breaks; CRLF, LF and CR line ends are all accepted; blank lines
// are skipped. The delimiter is ',' unless the first line has none but has ';' or a tab (spreadsheets in
// many locales save that way).

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cropdeck {

struct CsvRecord {
    int line = 0; // 1-based line the record starts on
    QStringList fields;
};

struct CsvTable {
    QList<CsvRecord> records;
    QChar delimiter = u',';
};

// Splits decoded text into records. Fails only on an unterminated quoted field (returns nullopt and
// sets *error to "line N: ..."); a stray quote inside an unquoted field is kept as a character. Unquoted
// fields are trimmed of surrounding spaces; quoted fields are kept exactly.
std::optional<CsvTable> parseCsv(QStringView text, QString* error);

// One field written so that parseCsv() reads it back: quoted when it holds the delimiter, a quote, a
// line break or surrounding spaces.
QString csvField(const QString& value, QChar delimiter = u',');

} // namespace cropdeck
