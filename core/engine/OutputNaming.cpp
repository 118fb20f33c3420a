// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/OutputNaming.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

namespace cropdeck {
namespace {

struct Placeholder {
    const char16_t* name;
    OutputNamer::Part part;
};

constexpr Placeholder kPlaceholders[] = {
    {u"stem", OutputNamer::Part::Stem},   {u"name", OutputNamer::Part::Name},
    {u"ext", OutputNamer::Part::Ext},     {u"index", OutputNamer::Part::Index},
    {u"id", OutputNamer::Part::Id},       {u"label", OutputNamer::Part::Label},
    {u"image", OutputNamer::Part::Image}, {u"dir", OutputNamer::Part::Dir}};

const QStringList& knownPlaceholders() {
    static const QStringList names = [] {
        QStringList list;
        for (const Placeholder& placeholder : kPlaceholders)
            list << QString::fromUtf16(placeholder.name);
        return list;
    }();
    return names;
}

// Part::Text for a name that is no placeholder (validated templates have none).
OutputNamer::Part partNamed(QStringView name) {
    for (const Placeholder& placeholder : kPlaceholders)
        if (name == QStringView(placeholder.name))
            return placeholder.part;
    return OutputNamer::Part::Text;
}

bool isReservedWindowsName(const QString& text) {
    // Every reserved name is three letters, a digit maybe, then nothing or a dot: most texts are settled
    // without the expression.
    if (text.size() < 3 || (text.size() > 4 && text.at(3) != u'.' && text.at(4) != u'.'))
        return false;
    static const QRegularExpression reserved(QStringLiteral("^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\\..*)?$"),
                                             QRegularExpression::CaseInsensitiveOption);
    return reserved.match(text).hasMatch();
}

} // namespace

Status validateNameTemplate(const QString& nameTemplate) {
    if (nameTemplate.trimmed().isEmpty())
        return makeError(ErrorKind::Invalid, QStringLiteral("the output name template is empty"));
    if (nameTemplate.startsWith(u'/') || nameTemplate.contains(QLatin1String("..")) ||
        QRegularExpression(QStringLiteral("^[A-Za-z]:")).match(nameTemplate).hasMatch())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("the output name template \"%1\" must be a relative path inside the "
                                        "output folder")
                             .arg(nameTemplate));
    qsizetype pos = 0;
    while (pos < nameTemplate.size()) {
        const QChar c = nameTemplate.at(pos);
        if (c == u'}')
            return makeError(
                ErrorKind::Invalid,
                QStringLiteral("unbalanced '}' at position %1 of the output name template \"%2\"")
                    .arg(pos + 1)
                    .arg(nameTemplate));
        if (c != u'{') {
            ++pos;
            continue;
        }
        const qsizetype close = nameTemplate.indexOf(u'}', pos);
        if (close < 0)
            return makeError(
                ErrorKind::Invalid,
                QStringLiteral("unclosed '{' in the output name template \"%1\"").arg(nameTemplate));
        const QString name = nameTemplate.mid(pos + 1, close - pos - 1);
        if (!knownPlaceholders().contains(name))
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("unknown placeholder {%1} in the output name template \"%2\" "
                                            "(known: {%3})")
                                 .arg(name, nameTemplate, knownPlaceholders().join(QStringLiteral("}, {"))));
        pos = close + 1;
    }
    return Status::success();
}

QString expandNameTemplate(const QString& nameTemplate, const OutputNameFields& fields) {
    OutputNamer namer(nameTemplate);
    namer.setImage(fields.sourceRelativePath, fields.imageIndex, fields.extension);
    return namer.name(fields.label, fields.windowId, fields.windowIndex);
}

OutputNamer::OutputNamer(const QString& nameTemplate) {
    qsizetype pos = 0;
    while (pos < nameTemplate.size()) {
        const qsizetype open = nameTemplate.indexOf(u'{', pos);
        const qsizetype close = open < 0 ? -1 : nameTemplate.indexOf(u'}', open);
        if (close < 0) {
            m_segments.push_back({Part::Text, nameTemplate.mid(pos)});
            break;
        }
        if (open > pos)
            m_segments.push_back({Part::Text, nameTemplate.mid(pos, open - pos)});
        m_segments.push_back({partNamed(QStringView(nameTemplate).mid(open + 1, close - open - 1)), {}});
        pos = close + 1;
    }
}

void OutputNamer::setImage(const QString& sourceRelativePath, int imageIndex, const QString& extension) {
    const QFileInfo source(sourceRelativePath);
    m_stem = sanitizeFileNameComponent(source.completeBaseName());
    m_name = sanitizeFileNameComponent(source.fileName());
    m_ext = sanitizeFileNameComponent(extension);
    m_image = QString::number(imageIndex);
    // {dir}: each folder component sanitised, ".." dropped so an output never escapes the output folder.
    QStringList folders;
    for (const QString& part : source.path().split(u'/', Qt::SkipEmptyParts))
        if (part != u"." && part != u"..")
            folders << sanitizeFileNameComponent(part);
    m_dir = folders.join(u'/');
}

QString OutputNamer::name(const QString& label, const QString& windowId, int windowIndex) const {
    QString result;
    for (const Segment& segment : m_segments) {
        switch (segment.part) {
        case Part::Text:
            result += segment.text;
            break;
        case Part::Stem:
            result += m_stem;
            break;
        case Part::Name:
            result += m_name;
            break;
        case Part::Ext:
            result += m_ext;
            break;
        case Part::Index:
            result += QString::number(windowIndex);
            break;
        case Part::Id:
            result += sanitizeFileNameComponent(windowId.isEmpty() ? QString::number(windowIndex) : windowId);
            break;
        case Part::Label:
            if (label != m_lastLabel) { // labels repeat: sanitise each one once
                m_lastLabel = label;
                m_lastLabelValue =
                    sanitizeFileNameComponent(label.isEmpty() ? QStringLiteral("unlabeled") : label);
            }
            result += m_lastLabelValue;
            break;
        case Part::Image:
            result += m_image;
            break;
        case Part::Dir:
            result += m_dir;
            break;
        }
    }
    // Collapse empty folder components that an empty {dir} leaves behind.
    if (result.startsWith(u'/') || result.endsWith(u'/') || result.contains(QLatin1String("//")))
        result = result.split(u'/', Qt::SkipEmptyParts).join(u'/');
    return result;
}

QString sanitizeFileNameComponent(const QString& text) {
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const bool forbidden = c.unicode() < 0x20 || c == u'/' || c == u'\\' || c == u':' || c == u'*' ||
                               c == u'?' || c == u'"' || c == u'<' || c == u'>' || c == u'|' ||
                               c.unicode() == 0x7f;
        out += forbidden ? u'_' : c;
    }
    while (out.startsWith(u'.') || out.startsWith(u' '))
        out.remove(0, 1);
    while (out.endsWith(u'.') || out.endsWith(u' '))
        out.chop(1);
    if (out.isEmpty())
        return QStringLiteral("_");
    if (isReservedWindowsName(out))
        out.prepend(u'_');
    return out.left(200);
}

} // namespace cropdeck
