// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/CsvLayout.h"

#include "annotations/IssueLog.h"
#include "annotations/NumberParse.h"

#include <algorithm>
#include <initializer_list>

namespace cropdeck {
namespace {

int indexOfName(const QStringList& header, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        for (int i = 0; i < header.size(); ++i) {
            if (header[i].trimmed().compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
                return i;
        }
    }
    return -1;
}

QString nameAt(const QStringList& header, int index) {
    return index < 0 ? QString() : header[index].trimmed();
}

// A column reference from a mapping: a header name, or a 1-based number for files without a header.
int findColumn(const CsvLayout& layout, const QString& reference) {
    if (reference.isEmpty())
        return -1;
    for (int i = 0; i < layout.header.size(); ++i) {
        if (layout.header[i].trimmed().compare(reference, Qt::CaseInsensitive) == 0)
            return i;
    }
    bool ok = false;
    const int number = reference.toInt(&ok);
    return ok && number >= 1 && number <= 1000 ? number - 1 : -2;
}

Result<CsvLayout> fromMapping(CsvLayout layout, const QString& file) {
    struct Slot {
        const char* key;
        const QString* reference;
        int* index;
    };
    const CsvColumns& c = layout.columns;
    const Slot entries[] = {{"path", &c.path, &layout.path},
                            {"x", &c.x, &layout.x},
                            {"y", &c.y, &layout.y},
                            {"w", &c.w, &layout.w},
                            {"h", &c.h, &layout.h},
                            {"x2", &c.x2, &layout.x2},
                            {"y2", &c.y2, &layout.y2},
                            {"label", &c.label, &layout.label},
                            {"image_width", &c.imageWidth, &layout.imageWidth},
                            {"image_height", &c.imageHeight, &layout.imageHeight},
                            {"scale", &c.scale, &layout.scale}};
    for (const Slot& slot : entries) {
        *slot.index = findColumn(layout, *slot.reference);
        if (*slot.index == -2)
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("%1: no column '%2' for %3 (columns: %4)")
                                 .arg(file, *slot.reference, QLatin1String(slot.key),
                                      layout.header.isEmpty() ? QStringLiteral("no header")
                                                              : layout.header.join(QStringLiteral(", "))));
    }
    return layout;
}

bool isNumber(const QString& text) {
    bool ok = false;
    text.trimmed().toDouble(&ok);
    return ok;
}

CsvColumns columnsFromCount(qsizetype count) {
    CsvColumns columns;
    columns.hasHeader = false;
    columns.path = QStringLiteral("1");
    columns.x = QStringLiteral("2");
    columns.y = QStringLiteral("3");
    if (count == 4) {
        columns.scale = QStringLiteral("4");
        return columns;
    }
    columns.w = QStringLiteral("4");
    columns.h = QStringLiteral("5");
    if (count >= 6)
        columns.label = QStringLiteral("6");
    return columns;
}

} // namespace

CsvColumns csvColumnsFromHeader(const QStringList& header) {
    CsvColumns c;
    c.path = nameAt(header, indexOfName(header, {"path", "filename", "file_name", "file", "image",
                                                 "image_path", "imagepath", "image_name", "img"}));
    if (c.path.isEmpty())
        return CsvColumns();
    c.label = nameAt(header, indexOfName(header, {"label", "class", "class_name", "category", "name"}));
    const int xmin = indexOfName(header, {"xmin", "x_min"});
    const int x1 = indexOfName(header, {"x1"});
    if (xmin >= 0 || x1 >= 0) {
        const bool voc = xmin >= 0;
        c.x = nameAt(header, voc ? xmin : x1);
        c.y = nameAt(header, indexOfName(header, voc ? std::initializer_list<const char*>{"ymin", "y_min"}
                                                     : std::initializer_list<const char*>{"y1"}));
        c.x2 = nameAt(header, indexOfName(header, voc ? std::initializer_list<const char*>{"xmax", "x_max"}
                                                      : std::initializer_list<const char*>{"x2"}));
        c.y2 = nameAt(header, indexOfName(header, voc ? std::initializer_list<const char*>{"ymax", "y_max"}
                                                      : std::initializer_list<const char*>{"y2"}));
        c.imageWidth = nameAt(header, indexOfName(header, {"width", "image_width", "img_width"}));
        c.imageHeight = nameAt(header, indexOfName(header, {"height", "image_height", "img_height"}));
        c.corners = voc ? CornerConvention::OneBasedInclusive : CornerConvention::ZeroBasedEdges;
        return c;
    }
    c.x = nameAt(header, indexOfName(header, {"x", "left"}));
    c.y = nameAt(header, indexOfName(header, {"y", "top"}));
    c.scale = nameAt(header, indexOfName(header, {"scale"}));
    if (c.scale.isEmpty()) {
        c.w = nameAt(header, indexOfName(header, {"w", "width"}));
        c.h = nameAt(header, indexOfName(header, {"h", "height"}));
    }
    c.imageWidth = nameAt(header, indexOfName(header, {"image_width", "img_width"}));
    c.imageHeight = nameAt(header, indexOfName(header, {"image_height", "img_height"}));
    return c;
}

bool isCsvHeader(const QStringList& record) {
    if (record.size() < 2 || csvColumnsFromHeader(record).isEmpty())
        return false;
    return std::none_of(record.cbegin() + 1, record.cend(), isNumber);
}

int CsvLayout::requiredFields() const {
    return 1 + std::max({path, x, y, w, h, x2, y2, label, imageWidth, imageHeight, scale});
}

QString CsvLayout::columnName(int index) const {
    if (index >= 0 && index < header.size())
        return u'\'' + header[index].trimmed() + u'\'';
    return QStringLiteral("column %1").arg(index + 1);
}

Result<CsvLayout> resolveCsvLayout(const CsvTable& table, const CsvColumns& requested, const QString& file) {
    if (table.records.isEmpty())
        return makeError(ErrorKind::Corrupt, QStringLiteral("%1: empty CSV file").arg(file));
    CsvLayout layout;
    const QStringList& first = table.records.first().fields;
    const bool header = requested.isEmpty() ? isCsvHeader(first) : requested.hasHeader;
    if (header) {
        layout.header = first;
        layout.firstRecord = 1;
    }
    if (!requested.isEmpty()) {
        if (Status status = requested.validate(); !status)
            return makeError(ErrorKind::Invalid, file + QStringLiteral(": ") + status.error().message);
        layout.columns = requested;
    } else if (header) {
        layout.columns = csvColumnsFromHeader(first);
        if (Status status = layout.columns.validate(); !status)
            return makeError(
                ErrorKind::Invalid,
                QStringLiteral("%1:%2: the header (%3) does not name a box layout: expected "
                               "path,x,y,w,h[,label], filename,width,height,class,xmin,ymin,xmax,"
                               "ymax or path,x,y,scale; give the columns by hand (--csv-columns)")
                    .arg(file)
                    .arg(table.records.first().line)
                    .arg(first.join(u',')));
    } else {
        if (first.size() < 4 || first.size() > 6)
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("%1:%2: no header and %3 columns: expected path,x,y,scale (4), "
                                            "path,x,y,w,h (5) or path,x,y,w,h,label (6)")
                                 .arg(file)
                                 .arg(table.records.first().line)
                                 .arg(first.size()));
        layout.columns = columnsFromCount(first.size());
    }
    return fromMapping(std::move(layout), file);
}

CsvRow::CsvRow(const CsvRecord& record, const CsvLayout& layout, const QString& file, IssueLog& log)
    : m_record(record)
    , m_layout(layout)
    , m_file(file)
    , m_log(log) {}

bool CsvRow::complete() {
    const int needed = m_layout.requiredFields();
    if (m_record.fields.size() >= needed)
        return true;
    error(QStringLiteral("%1 field(s), but the layout needs %2 (up to %3); line skipped")
              .arg(m_record.fields.size())
              .arg(needed)
              .arg(m_layout.columnName(needed - 1)));
    return false;
}

QString CsvRow::text(int index) const {
    return index >= 0 && index < m_record.fields.size() ? m_record.fields[index] : QString();
}

std::optional<double> CsvRow::number(int index, double maxMagnitude) {
    QString why;
    const std::optional<double> value = parseNumber(text(index), maxMagnitude, &why);
    if (!value) {
        m_failed = true;
        m_log.error(m_file, m_record.line, m_layout.columnName(index),
                    why + QStringLiteral("; line skipped"));
    }
    return value;
}

std::optional<int> CsvRow::count(int index, int maxValue) {
    QString why;
    const std::optional<int> value = parseCount(text(index), maxValue, &why);
    if (!value) {
        m_failed = true;
        m_log.error(m_file, m_record.line, m_layout.columnName(index),
                    why + QStringLiteral("; line skipped"));
    }
    return value;
}

void CsvRow::error(const QString& message) {
    m_failed = true;
    m_log.error(m_file, m_record.line, QString(), message);
}

void CsvRow::warn(const QString& message) {
    m_log.warn(m_file, m_record.line, QString(), message);
}

} // namespace cropdeck
