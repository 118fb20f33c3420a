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

// No box list has this many columns; a record with more is refused, so that a file of nothing but
// delimiters cannot turn each byte into a field (a QString each, some 50 times the memory).
inline constexpr int kMaxCsvFields = 1000;

// Reads records one at a time, so that a reader keeps one record in memory, not the whole table.
// A stray quote inside an unquoted field is kept as a character. Unquoted fields are trimmed of
// surrounding spaces; quoted fields are kept exactly. `text` must outlive the reader.
class CsvRecordReader {
public:
    explicit CsvRecordReader(QStringView text);

    // The next record; false at the end or on an error: a quoted field that is never closed (error()
    // names the line and field where its quote opens), or a record of more than kMaxCsvFields fields
    // (error() then says "line N: ...").
    bool next(CsvRecord& record);
    const QString& error() const { return m_error; }
    QChar delimiter() const { return m_delimiter; }

private:
    bool atLineEnd() const;
    void consumeLineEnd();
    void skipBlankLines();
    bool readField(QString& field, int fieldNumber);
    bool readQuoted(QString& field, int fieldNumber);

    QStringView m_text;
    QChar m_delimiter;
    qsizetype m_pos = 0;
    int m_line = 1;
    QString m_error;
};

// Every record of decoded text; nullopt (and *error set as CsvRecordReader::error()) on an error.
std::optional<CsvTable> parseCsv(QStringView text, QString* error);

// One field written so that parseCsv() reads it back: quoted when it holds the delimiter, a quote, a
// line break or surrounding spaces.
QString csvField(const QString& value, QChar delimiter = u',');

} // namespace cropdeck
