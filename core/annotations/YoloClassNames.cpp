// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/YoloClassNames.h"

namespace cropdeck {
namespace {

// Removes a '#' comment that is not inside quotes.
QString withoutComment(const QString& line) {
    QChar quote;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'\'' || c == u'"')
            quote = c;
        else if (c == u'#' && (i == 0 || line[i - 1].isSpace()))
            return line.left(i);
    }
    return line;
}

QString unquoted(const QString& raw) {
    QString value = raw.trimmed(); // not const: returned by move
    if (value.size() >= 2 && value.startsWith(u'\'') && value.endsWith(u'\''))
        return value.mid(1, value.size() - 2).replace(QStringLiteral("''"), QStringLiteral("'"));
    if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
        return value.mid(1, value.size() - 2)
            .replace(QStringLiteral("\\\""), QStringLiteral("\""))
            .replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
    return value;
}

// Splits "a, 'b, c', d" at commas outside quotes.
QStringList splitFlow(const QString& body) {
    QStringList items;
    QString current;
    QChar quote;
    for (const QChar c : body) {
        if (!quote.isNull() && c == quote)
            quote = QChar();
        else if (quote.isNull() && (c == u'\'' || c == u'"'))
            quote = c;
        else if (quote.isNull() && c == u',') {
            items << current;
            current.clear();
            continue;
        }
        current += c;
    }
    if (!current.trimmed().isEmpty())
        items << current;
    return items;
}

// "0: a" → (0, "a"); nullopt when the key is no number.
std::optional<std::pair<int, QString>> indexedName(const QString& item) {
    const qsizetype colon = item.indexOf(u':');
    if (colon < 0)
        return std::nullopt;
    bool ok = false;
    const int index = item.left(colon).trimmed().toInt(&ok);
    if (!ok || index < 0 || index > 100000)
        return std::nullopt;
    return std::make_pair(index, unquoted(item.mid(colon + 1)));
}

void placeName(QStringList& names, int index, const QString& name) {
    while (names.size() <= index)
        names << QString::number(names.size());
    names[index] = name;
}

class YamlReader {
public:
    explicit YamlReader(const QString& text)
        : m_lines(text.split(u'\n')) {}

    YoloDataYaml read() {
        for (m_index = 0; m_index < m_lines.size(); ++m_index) {
            const QString line = withoutComment(m_lines[m_index]);
            if (line.isEmpty() || line[0].isSpace())
                continue;
            const qsizetype colon = line.indexOf(u':');
            if (colon < 0)
                continue;
            const QString key = line.left(colon).trimmed();
            const QString value = line.mid(colon + 1).trimmed();
            if (key == u"names")
                readNames(value);
            else if (key == u"nc")
                readCount(value);
            else if (key == u"path" || key == u"train" || key == u"val" || key == u"test")
                m_result.paths.insert(key, value.startsWith(u'[') ? unquotedItems(value).join(u';')
                                                                  : unquoted(value));
        }
        return m_result;
    }

private:
    void readCount(const QString& value) {
        bool ok = false;
        const int count = value.toInt(&ok);
        if (ok && count >= 0)
            m_result.nc = count;
        else
            m_result.problems << QStringLiteral("line %1: nc: %2 is not a count").arg(m_index + 1).arg(value);
    }

    // A flow collection may continue over several lines until its closing bracket. Only the new line is
    // searched for it: searching the whole gathered text each time made a list left open over a
    // million lines take hours.
    QString gatherFlow(QString value, QChar close) {
        bool closed = value.contains(close);
        while (!closed && m_index + 1 < m_lines.size()) {
            const QString line = withoutComment(m_lines[++m_index]).trimmed();
            closed = line.contains(close);
            value += u' ' + line;
        }
        return value;
    }

    QStringList flowItems(const QString& value) {
        const qsizetype end = value.lastIndexOf(value.startsWith(u'[') ? u']' : u'}');
        return splitFlow(value.mid(1, end < 0 ? -1 : end - 1));
    }

    QStringList unquotedItems(const QString& value) {
        QStringList items;
        for (const QString& item : flowItems(gatherFlow(value, u']')))
            items << unquoted(item);
        return items;
    }

    void readNames(const QString& value) {
        if (value.startsWith(u'['))
            m_result.names << unquotedItems(value);
        else if (value.startsWith(u'{')) {
            for (const QString& item : flowItems(gatherFlow(value, u'}')))
                addIndexed(item);
        } else if (value.isEmpty())
            readBlock();
        else
            m_result.problems << QStringLiteral("line %1: names: expected a list").arg(m_index + 1);
    }

    void addIndexed(const QString& item) {
        if (const auto entry = indexedName(item))
            placeName(m_result.names, entry->first, entry->second);
        else
            m_result.problems
                << QStringLiteral("line %1: '%2' is not 'number: name'").arg(m_index + 1).arg(item.trimmed());
    }

    void readBlock() {
        while (m_index + 1 < m_lines.size()) {
            const QString line = withoutComment(m_lines[m_index + 1]);
            if (line.trimmed().isEmpty()) {
                ++m_index;
                continue;
            }
            if (!line[0].isSpace() && !line.startsWith(u'-'))
                return;
            ++m_index;
            const QString item = line.trimmed();
            if (item.startsWith(u'-'))
                m_result.names << unquoted(item.mid(1));
            else
                addIndexed(item);
        }
    }

    QStringList m_lines;
    qsizetype m_index = 0;
    YoloDataYaml m_result;
};

} // namespace

YoloDataYaml parseYoloDataYaml(const QString& text) {
    return YamlReader(text).read();
}

QStringList parseYoloClassesTxt(const QString& text) {
    QStringList names;
    for (const QString& line : text.split(u'\n'))
        names << line.trimmed();
    while (!names.isEmpty() && names.last().isEmpty())
        names.removeLast();
    return names;
}

QString yoloYamlNames(const QStringList& names) {
    QStringList quoted;
    for (QString name : names)
        quoted << u'\'' + name.replace(u'\'', QStringLiteral("''")) + u'\'';
    return u'[' + quoted.join(QStringLiteral(", ")) + u']';
}

} // namespace cropdeck
