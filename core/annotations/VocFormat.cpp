// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/VocFormat.h"

#include "annotations/BoxConventions.h"
#include "annotations/FolderScan.h"
#include "annotations/IssueLog.h"
#include "annotations/NumberParse.h"
#include "annotations/ReaderSupport.h"
#include "annotations/TextFile.h"
#include "annotations/WriterSupport.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace cropdeck {
namespace {

struct VocDocument {
    QString filename;
    QSize declaredSize;
    QVariantMap imageExtras;
    QList<CropWindow> windows;
};

// Reads one <annotation> document. Content problems become issues; malformed XML ends the parse.
class VocParser {
public:
    VocParser(const QString& file, const ReadOptions& options, IssueLog& log)
        : m_file(file)
        , m_options(options)
        , m_log(log) {}

    std::optional<VocDocument> parse(const QByteArray& bytes) {
        m_xml.addData(bytes);
        VocDocument document;
        if (nextStartElement()) {
            if (m_xml.name() != u"annotation")
                return fail(QStringLiteral("root element is <%1>, not <annotation>").arg(m_xml.name()));
            if (m_xml.attributes().hasAttribute(QStringLiteral("verified")))
                document.imageExtras.insert(QStringLiteral("voc.verified"),
                                            m_xml.attributes().value(QStringLiteral("verified")).toString());
            readAnnotation(document);
        }
        if (m_xml.hasError())
            return fail(m_xml.errorString());
        if (document.filename.isEmpty() && m_fatal.isEmpty())
            return fail(QStringLiteral("no <filename>: cannot tell which image this file annotates"));
        return document;
    }

    const QString& fatal() const { return m_fatal; }
    int fatalLine() const { return m_fatalLine; }

private:
    std::optional<VocDocument> fail(const QString& message) {
        m_fatal = message;
        m_fatalLine = int(m_xml.lineNumber());
        return std::nullopt;
    }

    // Every token is read here, so that nesting is counted: Qt's parser keeps some 200 bytes a level, and
    // a file of nothing but "<a>" would otherwise cost 60 times its size.
    QXmlStreamReader::TokenType next() {
        const QXmlStreamReader::TokenType type = m_xml.readNext();
        if (type == QXmlStreamReader::StartElement && ++m_depth > kMaxDepth)
            m_xml.raiseError(QStringLiteral("elements nested deeper than %1").arg(kMaxDepth));
        else if (type == QXmlStreamReader::EndElement)
            --m_depth;
        return m_xml.hasError() ? QXmlStreamReader::Invalid : type;
    }

    // As QXmlStreamReader::readNextStartElement(): true at the next child, false at the parent's end.
    bool nextStartElement() {
        for (QXmlStreamReader::TokenType type = next(); type != QXmlStreamReader::Invalid; type = next()) {
            if (type == QXmlStreamReader::EndElement || type == QXmlStreamReader::EndDocument)
                return false;
            if (type == QXmlStreamReader::StartElement)
                return true;
        }
        return false;
    }

    // As QXmlStreamReader::skipCurrentElement().
    void skipElement() {
        for (int depth = 1; depth > 0;) {
            const QXmlStreamReader::TokenType type = next();
            if (type == QXmlStreamReader::Invalid)
                return;
            if (type == QXmlStreamReader::StartElement)
                ++depth;
            else if (type == QXmlStreamReader::EndElement)
                --depth;
        }
    }

    // The current element's own text, trimmed; child elements are skipped.
    QString text() {
        QString result;
        for (QXmlStreamReader::TokenType type = next();
             type != QXmlStreamReader::Invalid && type != QXmlStreamReader::EndElement; type = next()) {
            if (type == QXmlStreamReader::Characters || type == QXmlStreamReader::EntityReference)
                result += m_xml.text();
            else if (type == QXmlStreamReader::StartElement)
                skipElement();
        }
        return result.trimmed();
    }

    int line() const { return int(m_xml.lineNumber()); }

    void readAnnotation(VocDocument& document) {
        QString pathText;
        int objectIndex = 0;
        while (nextStartElement()) {
            const QStringView name = m_xml.name();
            if (name == u"filename")
                document.filename = text();
            else if (name == u"folder" || name == u"path" || name == u"segmented")
                document.imageExtras.insert(QStringLiteral("voc.") + name.toString(), text());
            else if (name == u"size")
                readSize(document);
            else if (name == u"source")
                readSource(document);
            else if (name == u"object")
                readObject(document, objectIndex++);
            else
                skipElement();
        }
    }

    void readSource(VocDocument& document) {
        while (nextStartElement()) {
            if (m_xml.name() == u"database")
                document.imageExtras.insert(QStringLiteral("voc.database"), text());
            else
                skipElement();
        }
    }

    std::optional<int> sizeValue(const QString& element) {
        const int at = line();
        const QString value = text();
        QString why;
        const std::optional<int> parsed = parseCount(value, kMaxDeclaredSide, &why);
        if (!parsed)
            m_log.error(m_file, at, element, why + QStringLiteral("; declared size ignored"));
        return parsed;
    }

    void readSize(VocDocument& document) {
        std::optional<int> width, height;
        bool bad = false;
        while (nextStartElement()) {
            const QStringView name = m_xml.name();
            if (name == u"width")
                bad |= !(width = sizeValue(QStringLiteral("size/width")));
            else if (name == u"height")
                bad |= !(height = sizeValue(QStringLiteral("size/height")));
            else if (name == u"depth")
                document.imageExtras.insert(QStringLiteral("voc.depth"), text());
            else
                skipElement();
        }
        if (bad || !width || !height)
            return;
        if (*width == 0 || *height == 0) {
            m_log.warn(m_file, line(), QStringLiteral("size"),
                       QStringLiteral("declares %1×%2; taken as no declared size").arg(*width).arg(*height));
            return;
        }
        document.declaredSize = QSize(*width, *height);
    }

    void readObject(VocDocument& document, int index) {
        const QString element = QStringLiteral("object[%1]").arg(index + 1);
        const int startLine = line();
        CropWindow window;
        std::optional<Corners> corners;
        bool sawBox = false;
        while (nextStartElement()) {
            const QStringView name = m_xml.name();
            if (name == u"name")
                window.label = text();
            else if (name == u"pose" || name == u"truncated" || name == u"difficult" || name == u"occluded")
                window.extras.insert(QStringLiteral("voc.") + name.toString(), text());
            else if (name == u"bndbox") {
                sawBox = true;
                corners = readBndBox(element + QStringLiteral("/bndbox"));
            } else
                skipElement();
        }
        if (!sawBox)
            return m_log.error(m_file, startLine, element,
                               QStringLiteral("'%1' has no <bndbox>; object skipped").arg(window.label));
        if (!corners)
            return;
        window.box = boxFromCorners(*corners, m_options.vocCorners);
        if (window.box.width() < 0 || window.box.height() < 0)
            return m_log.error(
                m_file, startLine, element,
                QStringLiteral("xmax/ymax lie before xmin/ymin (%1,%2 to %3,%4); object skipped")
                    .arg(formatCoordinate(corners->x1), formatCoordinate(corners->y1),
                         formatCoordinate(corners->x2), formatCoordinate(corners->y2)));
        if (window.box.isEmpty())
            m_log.warn(m_file, startLine, element, QStringLiteral("zero-size box"));
        document.windows.append(window);
    }

    std::optional<Corners> readBndBox(const QString& element) {
        std::optional<double> values[4];
        static constexpr const char* names[4] = {"xmin", "ymin", "xmax", "ymax"};
        bool bad = false;
        while (nextStartElement()) {
            int slot = -1;
            for (int i = 0; i < 4; ++i) {
                if (m_xml.name() == QLatin1String(names[i]))
                    slot = i;
            }
            if (slot < 0) {
                skipElement();
                continue;
            }
            const int at = line();
            QString why;
            values[slot] = parseNumber(text(), kMaxPixelCoordinate, &why);
            if (!values[slot]) {
                bad = true;
                m_log.error(m_file, at, element + u'/' + QLatin1String(names[slot]),
                            why + QStringLiteral("; object skipped"));
            }
        }
        for (int i = 0; i < 4 && !bad; ++i) {
            if (!values[i]) {
                bad = true;
                m_log.error(m_file, line(), element,
                            QStringLiteral("<%1> is missing; object skipped").arg(QLatin1String(names[i])));
            }
        }
        if (bad)
            return std::nullopt;
        return Corners{*values[0], *values[1], *values[2], *values[3]};
    }

    QString m_file;
    const ReadOptions& m_options;
    IssueLog& m_log;
    // VOC files are four levels deep; tools that add attributes go a few more.
    static constexpr int kMaxDepth = 256;

    QXmlStreamReader m_xml;
    int m_depth = 0;
    QString m_fatal;
    int m_fatalLine = 0;
};

// XML without a byte-order mark or an encoding declaration is UTF-8 (or UTF-16, which the parser tells
// from the NUL next to the first '<'). Checked here because the parser's own complaint ("incorrectly
// encoded content") does not say which byte or what to do.
Status checkXmlEncoding(const QByteArray& bytes, const QString& file) {
    if (startsWithUtf16Bom(bytes) || (bytes.size() >= 2 && (bytes.at(0) == '\0' || bytes.at(1) == '\0')))
        return Status::success();
    const qsizetype bom = bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    if (bytes.mid(bom, 5) == "<?xml") {
        const qsizetype end = bytes.indexOf("?>", bom);
        if (bytes.mid(bom, end < 0 ? 200 : end - bom).contains("encoding"))
            return Status::success();
    }
    return checkUtf8Text(bytes, file);
}

// Where <filename> paths resolve: the first candidate folder that holds the first image, else the folder
// of a <path> that exists on this machine, else the first candidate that exists.
QString findImageRoot(const QString& base, const VocDocument& first, IssueLog& log, const QString& file) {
    QStringList candidates;
    const QString folder = first.imageExtras.value(QStringLiteral("voc.folder")).toString();
    if (!folder.isEmpty() && !isForeignAbsolutePath(folder))
        candidates << base + QStringLiteral("/../") + folder;
    candidates << base + QStringLiteral("/../JPEGImages") << base + QStringLiteral("/../images") << base;
    for (const QString& candidate : candidates) {
        if (QFileInfo::exists(QDir(candidate).filePath(first.filename)))
            return QDir::cleanPath(candidate);
    }
    const QString written =
        normalizedAnnotationPath(first.imageExtras.value(QStringLiteral("voc.path")).toString());
    if (written.endsWith(u'/' + first.filename) && QFileInfo::exists(written))
        return written.left(written.size() - first.filename.size() - 1);
    for (const QString& candidate : candidates) {
        if (QFileInfo(candidate).isDir()) {
            log.warn(
                file, 0, QString(),
                QStringLiteral("image %1 not found near the annotations; image paths taken relative to %2 "
                               "(set the image folder if that is wrong)")
                    .arg(first.filename, QDir::cleanPath(candidate)));
            return QDir::cleanPath(candidate);
        }
    }
    return QDir::cleanPath(base);
}

QString imagePathOf(const VocDocument& document, IssueLog& log, const QString& file) {
    QString path = normalizedAnnotationPath(document.filename); // not const: returned by move
    if (!isForeignAbsolutePath(path))
        return path;
    QString name = path.mid(path.lastIndexOf(u'/') + 1);
    log.warn(file, 0, QStringLiteral("filename"),
             QStringLiteral("absolute path %1; using the file name %2").arg(document.filename, name));
    return name;
}

void addDocument(ImageIndex& index, VocDocument document, IssueLog& log, const QString& file) {
    const QString path = imagePathOf(document, log, file);
    const bool merged = index.contains(path);
    ImageEntry& image = index.entry(path);
    if (merged)
        log.warn(file, 0, QString(),
                 QStringLiteral("a second annotation file for %1; boxes merged").arg(path));
    else {
        image.declaredSize = document.declaredSize;
        image.extras = std::move(document.imageExtras);
    }
    image.windows.append(std::move(document.windows));
}

} // namespace

Result<AnnotationSet> readVocAnnotations(const QString& path, const ReadOptions& options,
                                         QList<AnnotationIssue>* issues) {
    const bool folder = QFileInfo(path).isDir();
    QStringList files{path};
    if (folder) {
        Result<QStringList> listed = listFilesRecursively(path, {QStringLiteral("xml")}, options.maxFiles);
        if (!listed)
            return listed.error();
        if (listed->isEmpty())
            return makeError(ErrorKind::NotFound, QStringLiteral("%1: no .xml annotation files").arg(path));
        files = *listed;
    }
    AnnotationSet set;
    set.sourceFile = path;
    set.format = QStringLiteral("voc");
    IssueLog log(issues, options.maxIssues);
    ImageIndex index(set);
    const QString base = folder ? QFileInfo(path).absoluteFilePath() : QFileInfo(path).absolutePath();
    for (const QString& file : files) {
        Result<QByteArray> bytes = readBoundedFile(file, options.maxFileBytes);
        if (!bytes && !folder)
            return bytes.error();
        if (!bytes) {
            log.error(file, 0, QString(), bytes.error().message + QStringLiteral("; file skipped"));
            continue;
        }
        if (Status encoding = checkXmlEncoding(*bytes, file); !encoding) {
            if (!folder)
                return encoding.error();
            log.error(file, 0, QString(), encoding.error().message + QStringLiteral("; file skipped"));
            continue;
        }
        VocParser parser(file, options, log);
        std::optional<VocDocument> document = parser.parse(*bytes);
        if (!document && !folder)
            return makeError(
                ErrorKind::Corrupt,
                QStringLiteral("%1:%2: %3").arg(file).arg(parser.fatalLine()).arg(parser.fatal()));
        if (!document) {
            log.error(file, parser.fatalLine(), QString(), parser.fatal() + QStringLiteral("; file skipped"));
            continue;
        }
        if (set.imageRoot.isEmpty())
            set.imageRoot =
                options.imageRoot.isEmpty() ? findImageRoot(base, *document, log, file) : options.imageRoot;
        addDocument(index, std::move(*document), log, file);
    }
    if (set.imageRoot.isEmpty())
        set.imageRoot = options.imageRoot.isEmpty() ? base : options.imageRoot;
    log.finish();
    assignWindowIds(set);
    return set;
}

namespace {

void writeTextElement(QXmlStreamWriter& xml, const QVariantMap& extras, const char* key,
                      const QString& fallback) {
    const QString name = QLatin1String(key);
    const auto it = extras.constFind(QStringLiteral("voc.") + name);
    xml.writeTextElement(name, it != extras.cend() ? it->toString() : fallback);
}

QString coordinate(double value) {
    return formatCoordinate(value);
}

void writeObject(QXmlStreamWriter& xml, const QRectF& box, const CropWindow& window,
                 const WriteOptions& options) {
    xml.writeStartElement(QStringLiteral("object"));
    xml.writeTextElement(QStringLiteral("name"), window.label);
    writeTextElement(xml, window.extras, "pose", QStringLiteral("Unspecified"));
    writeTextElement(xml, window.extras, "truncated", QStringLiteral("0"));
    writeTextElement(xml, window.extras, "difficult", QStringLiteral("0"));
    if (window.extras.contains(QStringLiteral("voc.occluded")))
        writeTextElement(xml, window.extras, "occluded", QString());
    const Corners c = cornersFromBox(box, options.vocCorners);
    xml.writeStartElement(QStringLiteral("bndbox"));
    xml.writeTextElement(QStringLiteral("xmin"), coordinate(c.x1));
    xml.writeTextElement(QStringLiteral("ymin"), coordinate(c.y1));
    xml.writeTextElement(QStringLiteral("xmax"), coordinate(c.x2));
    xml.writeTextElement(QStringLiteral("ymax"), coordinate(c.y2));
    xml.writeEndElement();
    xml.writeEndElement();
}

QByteArray documentFor(const AnnotationSet& set, const ImageEntry& image, const QString& imageFolder,
                       const WriteOptions& options, LossLog& losses) {
    QByteArray bytes;
    QXmlStreamWriter xml(&bytes);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(-1);
    xml.writeStartElement(QStringLiteral("annotation"));
    if (image.extras.contains(QStringLiteral("voc.verified")))
        xml.writeAttribute(QStringLiteral("verified"),
                           image.extras.value(QStringLiteral("voc.verified")).toString());
    writeTextElement(xml, image.extras, "folder", QFileInfo(imageFolder).fileName());
    xml.writeTextElement(QStringLiteral("filename"), imagePathUnder(set, image, imageFolder));
    writeTextElement(xml, image.extras, "path",
                     set.imageRoot.isEmpty() ? image.path : absoluteImagePath(set, image));
    xml.writeStartElement(QStringLiteral("source"));
    writeTextElement(xml, image.extras, "database", QStringLiteral("Unknown"));
    xml.writeEndElement();
    const std::optional<QSize> size = imageSizeFor(set, image, options);
    if (!size)
        losses.note(QStringLiteral("image sizes written as 0×0 because they are unknown"));
    xml.writeStartElement(QStringLiteral("size"));
    xml.writeTextElement(QStringLiteral("width"), QString::number(size ? size->width() : 0));
    xml.writeTextElement(QStringLiteral("height"), QString::number(size ? size->height() : 0));
    if (image.extras.contains(QStringLiteral("voc.depth")))
        writeTextElement(xml, image.extras, "depth", QString());
    xml.writeEndElement();
    writeTextElement(xml, image.extras, "segmented", QStringLiteral("0"));
    for (const CropWindow& window : image.windows) {
        std::optional<QRectF> box = windowBox(set, image, window, options, losses);
        if (!box)
            continue;
        if (options.vocWholePixels && !isWholePixelBox(*box)) {
            losses.note(QStringLiteral("boxes rounded to whole pixels (write with decimals to keep them)"));
            box = QRectF(roundedBox(*box));
        }
        writeObject(xml, *box, window, options);
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return bytes;
}

} // namespace

Status writeVocAnnotations(const AnnotationSet& set, const QString& path, const WriteOptions& options,
                           QStringList* lossReport) {
    if (QFileInfo(path).exists() && !QFileInfo(path).isDir())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("%1: VOC output is a folder (one XML per image), and "
                                        "this is a file")
                             .arg(path));
    LossLog losses(QStringLiteral("voc"));
    losses.noteForeignExtras(set, QStringLiteral("voc."));
    noteNonIndexIds(set, losses);
    const QString imageFolder = commonImageFolder(set);
    QSet<QString> used;
    for (const ImageEntry& image : set.images) {
        const QString name =
            annotationFilePathFor(imagePathUnder(set, image, imageFolder), QStringLiteral(".xml"), used);
        const QByteArray document = documentFor(set, image, imageFolder, options, losses);
        if (Status status = writeFileAtomically(QDir(path).filePath(name), document); !status)
            return status;
    }
    losses.appendTo(lossReport);
    return Status::success();
}

} // namespace cropdeck
