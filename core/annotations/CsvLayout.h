// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the CSV-based readers: which column index holds what, decided from the user's mapping,
// from the header names, or (files without a header) from the number of columns.

#include "Result.h"
#include "annotations/CsvColumns.h"
#include "annotations/CsvTable.h"

#include <optional>

namespace cropdeck {

struct CsvLayout {
    CsvColumns columns; // the mapping in use (the user's, or the one the header implied)
    int path = -1;
    int x = -1;
    int y = -1;
    int w = -1;
    int h = -1;
    int x2 = -1;
    int y2 = -1;
    int label = -1;
    int imageWidth = -1;
    int imageHeight = -1;
    int scale = -1;
    int firstRecord = 0; // 1 when record 0 is the header
    QStringList header;  // names for messages (empty without a header)

    int requiredFields() const;          // highest index used + 1
    QString columnName(int index) const; // "'xmin'" or "column 5"
};

class IssueLog;

// One data record read through a layout; every problem becomes an issue naming file, line and column.
class CsvRow {
public:
    CsvRow(const CsvRecord& record, const CsvLayout& layout, const QString& file, IssueLog& log);

    // False (and an error issue) when the record has fewer fields than the layout needs.
    bool complete();
    QString text(int index) const;
    // Parsed number, or nullopt after logging an error; `failed()` then becomes true.
    std::optional<double> number(int index, double maxMagnitude);
    std::optional<int> count(int index, int maxValue);
    void error(const QString& message);
    void warn(const QString& message);
    bool failed() const { return m_failed; }
    int line() const { return m_record.line; }

private:
    const CsvRecord& m_record;
    const CsvLayout& m_layout;
    const QString& m_file;
    IssueLog& m_log;
    bool m_failed = false;
};

// The mapping a header implies: recognised names (any case) are path/filename/file/image,
// x/y/w/h/width/height, xmin/ymin/xmax/ymax (VOC corners, as xml_to_csv writes them),
// x1/y1/x2/y2 (pixel-edge corners), label/class/name/category, scale. Empty when no path column.
CsvColumns csvColumnsFromHeader(const QStringList& header);

// True when the record is a header rather than data (some field is a recognised column name and the
// numeric columns do not parse as numbers).
bool isCsvHeader(const QStringList& record);

// The layout for a table. Errors (Invalid) name the file and the column that is missing.
Result<CsvLayout> resolveCsvLayout(const CsvTable& table, const CsvColumns& requested, const QString& file);

} // namespace cropdeck
