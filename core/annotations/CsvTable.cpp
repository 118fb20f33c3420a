// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/CsvTable.h"

namespace cropdeck {
namespace {

QChar guessDelimiter(QStringView text) {
    qsizetype end = 0;
    while (end < text.size() && text[end] != u'\n' && text[end] != u'\r')
        ++end;
    const QStringView first = text.left(end);
    if (first.contains(u','))
        return u',';
    if (first.contains(u';'))
        return u';';
    if (first.contains(u'\t'))
        return u'\t';
    return u',';
}

} // namespace

CsvRecordReader::CsvRecordReader(QStringView text)
    : m_text(text)
    , m_delimiter(guessDelimiter(text)) {}

bool CsvRecordReader::next(CsvRecord& record) {
    skipBlankLines();
    if (m_pos >= m_text.size() || !m_error.isEmpty())
        return false;
    record.line = m_line;
    // The record's strings are reused from one record to the next (a large box list has millions of
    // fields): a field keeps its buffer unless the caller still shares it.
    qsizetype count = 0;
    const auto endRecord = [&] {
        record.fields.resize(count);
        return true;
    };
    for (;;) {
        if (count == kMaxCsvFields) {
            m_error = QStringLiteral("line %1: more than %2 fields; not a list of boxes")
                          .arg(record.line)
                          .arg(kMaxCsvFields);
            return false;
        }
        if (count == record.fields.size())
            record.fields.emplaceBack();
        if (!readField(record.fields[count], int(count) + 1))
            return false;
        ++count;
        if (m_pos >= m_text.size())
            return endRecord();
        const QChar c = m_text[m_pos];
        if (c == m_delimiter) {
            ++m_pos;
            continue;
        }
        consumeLineEnd();
        return endRecord();
    }
}

bool CsvRecordReader::atLineEnd() const {
    return m_text[m_pos] == u'\n' || m_text[m_pos] == u'\r';
}

void CsvRecordReader::consumeLineEnd() {
    if (m_text[m_pos] == u'\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == u'\n')
        ++m_pos;
    ++m_pos;
    ++m_line;
}

void CsvRecordReader::skipBlankLines() {
    while (m_pos < m_text.size() && atLineEnd())
        consumeLineEnd();
}

bool CsvRecordReader::readField(QString& field, int fieldNumber) {
    qsizetype start = m_pos;
    while (m_pos < m_text.size() && m_text[m_pos] == u' ')
        ++m_pos;
    if (m_pos < m_text.size() && m_text[m_pos] == u'"')
        return readQuoted(field, fieldNumber);
    m_pos = start;
    while (m_pos < m_text.size() && m_text[m_pos] != m_delimiter && !atLineEnd())
        ++m_pos;
    const QStringView text = m_text.mid(start, m_pos - start).trimmed();
    field.setUnicode(text.data(), text.size());
    return true;
}

bool CsvRecordReader::readQuoted(QString& field, int fieldNumber) {
    const int startLine = m_line;
    ++m_pos;
    field.resize(0);
    for (;;) {
        if (m_pos >= m_text.size()) {
            m_error = QStringLiteral("line %1: field %2 opens a quote that is never closed")
                          .arg(startLine)
                          .arg(fieldNumber);
            return false;
        }
        const QChar c = m_text[m_pos++];
        if (c == u'"') {
            if (m_pos < m_text.size() && m_text[m_pos] == u'"') {
                field += u'"';
                ++m_pos;
                continue;
            }
            break;
        }
        if (c == u'\n' || (c == u'\r' && (m_pos >= m_text.size() || m_text[m_pos] != u'\n')))
            ++m_line;
        field += c;
    }
    // Text after the closing quote (`"a"b`) is kept rather than refused, as spreadsheets do.
    const qsizetype tail = m_pos;
    while (m_pos < m_text.size() && m_text[m_pos] != m_delimiter && !atLineEnd())
        ++m_pos;
    field += m_text.mid(tail, m_pos - tail).trimmed();
    return true;
}

std::optional<CsvTable> parseCsv(QStringView text, QString* error) {
    CsvRecordReader reader(text);
    CsvTable table;
    table.delimiter = reader.delimiter();
    CsvRecord record;
    while (reader.next(record))
        table.records.append(record);
    if (!reader.error().isEmpty()) {
        if (error)
            *error = reader.error();
        return std::nullopt;
    }
    return table;
}

QString csvField(const QString& value, QChar delimiter) {
    const bool needsQuotes = value.contains(delimiter) || value.contains(u'"') || value.contains(u'\n') ||
                             value.contains(u'\r') || value.startsWith(u' ') || value.endsWith(u' ');
    if (!needsQuotes)
        return value;
    QString quoted = value;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

} // namespace cropdeck
