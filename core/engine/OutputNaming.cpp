// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/OutputNaming.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

namespace cropdeck {
namespace {

const QStringList& knownPlaceholders()
{
    static const QStringList names = {"stem", "name", "ext", "index", "id", "label", "image", "dir"};
    return names;
}

bool isReservedWindowsName(const QString& text)
{
    static const QRegularExpression reserved(QStringLiteral("^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\\..*)?$"),
                                             QRegularExpression::CaseInsensitiveOption);
    return reserved.match(text).hasMatch();
}

QString placeholderValue(const QString& name, const OutputNameFields& fields)
{
    const QFileInfo source(fields.sourceRelativePath);
    if (name == u"stem")
        return sanitizeFileNameComponent(source.completeBaseName());
    if (name == u"name")
        return sanitizeFileNameComponent(source.fileName());
    if (name == u"ext")
        return sanitizeFileNameComponent(fields.extension);
    if (name == u"index")
        return QString::number(fields.windowIndex);
    if (name == u"id")
        return sanitizeFileNameComponent(fields.windowId.isEmpty() ? QString::number(fields.windowIndex)
                                                                    : fields.windowId);
    if (name == u"label")
        return sanitizeFileNameComponent(fields.label.isEmpty() ? QStringLiteral("unlabeled") : fields.label);
    if (name == u"image")
        return QString::number(fields.imageIndex);
    // {dir}: each folder component sanitised, ".." dropped so an output never escapes the output folder.
    QStringList parts;
    const QString dir = source.path();
    for (const QString& part : dir.split(u'/', Qt::SkipEmptyParts))
        if (part != u"." && part != u"..")
            parts << sanitizeFileNameComponent(part);
    return parts.join(u'/');
}

} // namespace

Status validateNameTemplate(const QString& nameTemplate)
{
    if (nameTemplate.trimmed().isEmpty())
        return makeError(ErrorKind::Invalid, QStringLiteral("the output name template is empty"));
    if (nameTemplate.startsWith(u'/') || nameTemplate.contains(QLatin1String("..")) ||
        QRegularExpression(QStringLiteral("^[A-Za-z]:")).match(nameTemplate).hasMatch())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("the output name template \"%1\" must be a relative path inside the "
                                        "output folder").arg(nameTemplate));
    qsizetype pos = 0;
    while (pos < nameTemplate.size()) {
        const QChar c = nameTemplate.at(pos);
        if (c == u'}')
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("unbalanced '}' at position %1 of the output name template \"%2\"")
                                 .arg(pos + 1).arg(nameTemplate));
        if (c != u'{') {
            ++pos;
            continue;
        }
        const qsizetype close = nameTemplate.indexOf(u'}', pos);
        if (close < 0)
            return makeError(ErrorKind::Invalid,
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

QString expandNameTemplate(const QString& nameTemplate, const OutputNameFields& fields)
{
    QString result;
    qsizetype pos = 0;
    while (pos < nameTemplate.size()) {
        const qsizetype open = nameTemplate.indexOf(u'{', pos);
        if (open < 0) {
            result += nameTemplate.mid(pos);
            break;
        }
        const qsizetype close = nameTemplate.indexOf(u'}', open);
        result += nameTemplate.mid(pos, open - pos);
        result += placeholderValue(nameTemplate.mid(open + 1, close - open - 1), fields);
        pos = close + 1;
    }
    // Collapse empty folder components that an empty {dir} leaves behind.
    QStringList parts = result.split(u'/', Qt::SkipEmptyParts);
    return parts.join(u'/');
}

QString sanitizeFileNameComponent(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const bool forbidden = c.unicode() < 0x20 || c == u'/' || c == u'\\' || c == u':' || c == u'*' ||
                               c == u'?' || c == u'"' || c == u'<' || c == u'>' || c == u'|' || c.unicode() == 0x7f;
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
