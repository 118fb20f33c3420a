// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile annotation files in every format: absurd numbers (NaN, infinities, 1e300, negative sizes, a
// declared size of 3e9), files past the size limit, huge lines, deep nesting and wrong encodings. Each
// must end in an error or an issue that names the file, the line or element, and the problem; no box
// may come out of a bad value.

#include "AnnotationTestSupport.h"
#include "annotations/AnnotationIO.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

QByteArray voc(const char* xmin, const char* ymin, const char* xmax, const char* ymax,
               const char* width = "640", const char* height = "480") {
    return QByteArray("<annotation><filename>a.jpg</filename>\n<size><width>") + width + "</width><height>" +
           height + "</height></size>\n<object><name>a</name><bndbox><xmin>" + xmin + "</xmin><ymin>" + ymin +
           "</ymin><xmax>" + xmax + "</xmax><ymax>" + ymax + "</ymax></bndbox></object>\n</annotation>\n";
}

QByteArray coco(const char* bbox, const char* width = "640", const char* height = "480") {
    return QByteArray("{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\", \"width\": ") + width +
           ", \"height\": " + height +
           "}],\n\"annotations\": [{\"id\": 1, \"image_id\": 1, \"bbox\": " + bbox + "}]}\n";
}

QByteArray labelme(const char* points, const char* width = "640", const char* height = "480") {
    return QByteArray("{\"shapes\": [{\"label\": \"a\", \"points\": ") + points +
           ", \"shape_type\": \"rectangle\"}],\n\"imagePath\": \"a.jpg\", \"imageWidth\": " + width +
           ", \"imageHeight\": " + height + "}\n";
}

// A good line first, so that the bad one's line number is checked.
QByteArray yolo(const char* line) {
    return QByteArray("0 0.5 0.5 0.1 0.1\n") + line + "\n";
}

QByteArray csv(const char* row) {
    return QByteArray("path,x,y,w,h,image_width,image_height\n") + row + "\n";
}

QByteArray centreScale(const char* row) {
    return QByteArray("path,x,y,scale\n") + row + "\n";
}

QByteArray utf16(const QString& text, bool littleEndian) {
    QByteArray bytes;
    for (const QChar c : text) {
        const char high = char(c.unicode() >> 8), low = char(c.unicode() & 0xFF);
        bytes.append(littleEndian ? low : high);
        bytes.append(littleEndian ? high : low);
    }
    return bytes;
}

// Where each format's input goes, relative to a fresh folder, and which path the reader is given.
struct Layout {
    QString file;     // the annotation file
    bool readsFolder; // YOLO: the reader is given the folder
};

Layout layoutOf(AnnotationFormat format) {
    switch (format) {
    case AnnotationFormat::Voc:
        return {QStringLiteral("annotation.xml"), false};
    case AnnotationFormat::Coco:
        return {QStringLiteral("annotations.json"), false};
    case AnnotationFormat::LabelMe:
        return {QStringLiteral("image.json"), false};
    case AnnotationFormat::Yolo:
        return {QStringLiteral("labels/a.txt"), true};
    case AnnotationFormat::CentreScale:
        return {QStringLiteral("list.csv"), false};
    default:
        return {QStringLiteral("boxes.csv"), false};
    }
}

// The error's message, or every issue's text, one a line.
QString outcome(const Result<AnnotationSet>& set, const QList<AnnotationIssue>& issues) {
    return set ? issueText(issues) : QStringLiteral("error: ") + set.error().message;
}

bool mentions(const Result<AnnotationSet>& set, const QList<AnnotationIssue>& issues,
              const QStringList& parts) {
    if (set)
        return hasIssue(issues, parts);
    return std::all_of(parts.cbegin(), parts.cend(),
                       [&](const QString& part) { return set.error().message.contains(part); });
}

} // namespace

class TestAdversarialAnnotations : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_cases = 0;

    // Writes `bytes` as the format's file in a fresh folder (YOLO: beside images/a.jpg, 640×480) and reads
    // it with the format forced.
    Result<AnnotationSet> read(AnnotationFormat format, const QByteArray& bytes,
                               QList<AnnotationIssue>* issues, ReadOptions options = {}) {
        const QString folder = QStringLiteral("case%1").arg(++m_cases);
        const Layout layout = layoutOf(format);
        const QString file = writeFixture(m_dir, folder + u'/' + layout.file, bytes);
        if (format == AnnotationFormat::Yolo)
            writeFixture(m_dir, folder + QStringLiteral("/images/a.jpg"), QByteArray());
        options.format = format;
        options.imageSize = constantSize(QSize(640, 480));
        return readAnnotations(layout.readsFolder ? m_dir.filePath(folder) : file, options, issues);
    }

    static void addColumns() {
        QTest::addColumn<int>("format");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("expected"); // all in the error message, or in one issue
    }

    static void row(const char* tag, AnnotationFormat format, const QByteArray& bytes,
                    const QStringList& expected) {
        QTest::newRow(tag) << int(format) << bytes << expected;
    }

private slots:
    // A bad value drops its box (and only its box: the boxes of good lines stay), with an issue saying
    // where and why.
    void absurdNumbers_data() {
        addColumns();
        QTest::addColumn<int>("boxes");
        const auto voc3 = QStringLiteral("annotation.xml:3");
        const auto add = [](const char* tag, AnnotationFormat format, const QByteArray& bytes,
                            const QStringList& expected, int boxes) {
            QTest::newRow(tag) << int(format) << bytes << expected << boxes;
        };
        using F = AnnotationFormat;
        add("voc nan", F::Voc, voc("nan", "1", "5", "5"),
            {voc3, "object[1]/bndbox/xmin", "'nan' is not a number"}, 0);
        add("voc inf", F::Voc, voc("1", "1", "inf", "5"),
            {voc3, "object[1]/bndbox/xmax", "'inf' is out of range"}, 0);
        add("voc -inf", F::Voc, voc("1", "-inf", "5", "5"), {voc3, "bndbox/ymin", "'-inf' is out of range"},
            0);
        add("voc 1e300", F::Voc, voc("1", "1", "5", "1e300"),
            {voc3, "bndbox/ymax", "'1e300' is out of range"}, 0);
        add("voc 1e400", F::Voc, voc("1e400", "1", "5", "5"),
            {voc3, "bndbox/xmin", "'1e400' is out of range"}, 0);
        add("voc negative size", F::Voc, voc("10", "1", "5", "5"),
            {voc3, "object[1]", "xmax/ymax lie before xmin/ymin"}, 0);
        add("voc 3e9 width", F::Voc, voc("1", "1", "5", "5", "3000000000"),
            {"annotation.xml:2", "size/width", "'3000000000' is out of range"}, 1);
        add("voc negative width", F::Voc, voc("1", "1", "5", "5", "-640"),
            {"annotation.xml:2", "size/width", "'-640' is not a whole number >= 0"}, 1);

        add("coco 1e300", F::Coco, coco("[1, 2, 1e300, 4]"),
            {"annotations.json", "annotations[0].bbox[2]", "out of range"}, 0);
        add("coco -1e300", F::Coco, coco("[-1e300, 2, 3, 4]"),
            {"annotations.json", "annotations[0].bbox[0]", "out of range"}, 0);
        add("coco negative size", F::Coco, coco("[1, 2, -3, 4]"),
            {"annotations.json", "annotations[0].bbox", "negative size"}, 0);
        add("coco string number", F::Coco, coco("[1, \"2\", 3, 4]"),
            {"annotations.json", "annotations[0].bbox[1]", "not a number"}, 0);
        add("coco NaN literal", F::Coco, coco("[NaN, 2, 3, 4]"), {"annotations.json:2", "malformed JSON"}, 0);
        add("coco 1e400", F::Coco, coco("[1e400, 2, 3, 4]"), {"annotations.json:2", "malformed JSON"}, 0);
        add("coco 3e9 width", F::Coco, coco("[1, 2, 3, 4]", "3e9"),
            {"annotations.json", "images[0]", "out of range"}, 1);
        add("coco negative width", F::Coco, coco("[1, 2, 3, 4]", "-640"),
            {"annotations.json", "images[0]", "not whole numbers >= 0"}, 1);

        add("labelme 1e300", F::LabelMe, labelme("[[1e300, 2], [3, 4]]"),
            {"image.json", "shapes[0].points[0]", "out of range"}, 0);
        add("labelme -1e300", F::LabelMe, labelme("[[1, 2], [3, -1e300]]"),
            {"image.json", "shapes[0].points[1]", "out of range"}, 0);
        add("labelme string number", F::LabelMe, labelme("[[1, 2], [\"3\", 4]]"),
            {"image.json", "shapes[0].points[1]", "not a number"}, 0);
        add("labelme 3e9 width", F::LabelMe, labelme("[[1, 2], [3, 4]]", "3e9"),
            {"image.json", "imageWidth/imageHeight", "out of range"}, 1);
        add("labelme negative width", F::LabelMe, labelme("[[1, 2], [3, 4]]", "-640"),
            {"image.json", "imageWidth/imageHeight", "not whole numbers > 0"}, 1);

        add("yolo nan", F::Yolo, yolo("0 nan 0.5 0.1 0.1"), {"a.txt:2", "value 2", "'nan' is not a number"},
            1);
        add("yolo inf", F::Yolo, yolo("0 0.5 inf 0.1 0.1"), {"a.txt:2", "value 3", "'inf' is out of range"},
            1);
        add("yolo 1e300", F::Yolo, yolo("0 0.5 0.5 1e300 0.1"),
            {"a.txt:2", "value 4", "'1e300' is out of range"}, 1);
        add("yolo negative size", F::Yolo, yolo("0 0.5 0.5 0.1 -0.1"),
            {"a.txt:2", "negative width or height"}, 1);
        add("yolo 3e9 class", F::Yolo, yolo("3000000000 0.5 0.5 0.1 0.1"),
            {"a.txt:2", "class", "'3000000000' is out of range"}, 1);
        add("yolo negative class", F::Yolo, yolo("-1 0.5 0.5 0.1 0.1"),
            {"a.txt:2", "class", "'-1' is not a whole number >= 0"}, 1);

        add("csv nan", F::Csv, csv("a.jpg,nan,2,3,4,,"), {"boxes.csv:2", "'x'", "'nan' is not a number"}, 0);
        add("csv -inf", F::Csv, csv("a.jpg,1,-inf,3,4,,"), {"boxes.csv:2", "'y'", "'-inf' is out of range"},
            0);
        add("csv 1e300", F::Csv, csv("a.jpg,1,2,1e300,4,,"),
            {"boxes.csv:2", "'w'", "'1e300' is out of range"}, 0);
        add("csv negative size", F::Csv, csv("a.jpg,1,2,3,-4,,"), {"boxes.csv:2", "negative box size"}, 0);
        add("csv 3e9 width", F::Csv, csv("a.jpg,1,2,3,4,3000000000,480"),
            {"boxes.csv:2", "'image_width'", "'3000000000' is out of range"}, 0);
        add("csv negative width", F::Csv, csv("a.jpg,1,2,3,4,-640,480"),
            {"boxes.csv:2", "'image_width'", "'-640' is not a whole number >= 0"}, 0);

        add("centre-scale nan", F::CentreScale, centreScale("a.jpg,nan,0.5,0.5"),
            {"list.csv:2", "'x'", "'nan' is not a number"}, 0);
        add("centre-scale inf", F::CentreScale, centreScale("a.jpg,0.5,0.5,inf"),
            {"list.csv:2", "'scale'", "'inf' is out of range"}, 0);
        add("centre-scale 1e300", F::CentreScale, centreScale("a.jpg,0.5,1e300,0.5"),
            {"list.csv:2", "'y'", "'1e300' is out of range"}, 0);
        add("centre-scale negative", F::CentreScale, centreScale("a.jpg,-0.5,0.5,0.5"),
            {"list.csv:2", "'x' = -0.5 is outside [0, 1]"}, 0);
        add("centre-scale scale 2", F::CentreScale, centreScale("a.jpg,0.5,0.5,2"),
            {"list.csv:2", "'scale' = 2 is outside [0, 1]"}, 0);
    }

    void absurdNumbers() {
        QFETCH(int, format);
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, expected);
        QFETCH(int, boxes);
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = read(AnnotationFormat(format), bytes, &issues);
        QVERIFY2(mentions(set, issues, expected), qPrintable(outcome(set, issues)));
        QCOMPARE(set ? set->windowCount() : 0, boxes);
        if (!set)
            return;
        for (const ImageEntry& image : set->images)
            QVERIFY2(!image.declaredSize.isValid() || image.declaredSize == QSize(640, 480),
                     qPrintable(image.path));
    }

    // A file over the limit is refused by its size, before a byte is read: a sparse 3 GiB file costs
    // neither disk nor memory here.
    void oversizedFiles_data() {
        QTest::addColumn<int>("format");
        for (const AnnotationFormat format :
             {AnnotationFormat::Voc, AnnotationFormat::Coco, AnnotationFormat::LabelMe,
              AnnotationFormat::Yolo, AnnotationFormat::Csv, AnnotationFormat::CentreScale})
            QTest::newRow(qPrintable(annotationFormatName(format))) << int(format);
    }

    void oversizedFiles() {
        QFETCH(int, format);
        const Layout layout = layoutOf(AnnotationFormat(format));
        const QString folder = m_dir.filePath(QStringLiteral("big%1").arg(format));
        const QString file =
            writeFixture(m_dir, QDir(m_dir.path()).relativeFilePath(folder) + u'/' + layout.file, {});
        if (!QFile::resize(file, qint64(3) << 30))
            QSKIP("this file system cannot hold a sparse 3 GiB file");
        if (AnnotationFormat(format) == AnnotationFormat::Yolo)
            writeFixture(m_dir, QDir(m_dir.path()).relativeFilePath(folder) + QStringLiteral("/images/a.jpg"),
                         {});
        ReadOptions options;
        options.format = AnnotationFormat(format);
        options.imageSize = constantSize(QSize(640, 480));
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            readAnnotations(layout.readsFolder ? folder : file, options, &issues);
        const QStringList expected{file, "3221225472 bytes is over the 2000000000-byte limit"};
        QVERIFY2(mentions(set, issues, expected), qPrintable(outcome(set, issues)));
        if (!set)
            QCOMPARE(set.error().kind, ErrorKind::TooLarge);
        QVERIFY(QFile::remove(file));
    }

    // A line of millions of fields is refused before it becomes millions of strings.
    void hugeLines_data() {
        addColumns();
        const QByteArray commas = QByteArray("a.jpg") + QByteArray(4 << 20, ',');
        row("csv", AnnotationFormat::Csv, commas, {"boxes.csv", "line 1: more than 1000 fields"});
        row("csv after the header", AnnotationFormat::Csv, "path,x,y,w,h\n" + commas,
            {"boxes.csv", "line 2: more than 1000 fields"});
        row("centre-scale", AnnotationFormat::CentreScale, commas,
            {"list.csv", "line 1: more than 1000 fields"});
        QByteArray numbers;
        for (int i = 0; i < (1 << 20); ++i)
            numbers += "0.5 ";
        row("yolo", AnnotationFormat::Yolo, yolo(numbers.constData()),
            {"a.txt:2", "4194304 characters, longer than any label line"});
        row("voc element text", AnnotationFormat::Voc,
            "<annotation><filename>" + QByteArray(4 << 20, 'a') +
                "</filename>\n<object><name>a</name></object>"
                "</annotation>",
            {"annotation.xml:2", "object[1]", "has no <bndbox>"});
    }

    void hugeLines() {
        QFETCH(int, format);
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, expected);
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = read(AnnotationFormat(format), bytes, &issues);
        QVERIFY2(mentions(set, issues, expected), qPrintable(outcome(set, issues).left(2000)));
    }

    // Qt's JSON parser stops at 1024 levels and the VOC reader at 256 (Qt's XML parser would go on,
    // at some 200 bytes a level); entities may not expand without end; a document left open ends in an
    // error naming the line.
    void deepNesting_data() {
        addColumns();
        row("labelme", AnnotationFormat::LabelMe,
            "{\"shapes\": " + QByteArray(5000, '[') + QByteArray(5000, ']') + ", \"imagePath\": \"a.jpg\"}",
            {"image.json:1", "malformed JSON", "too deeply nested"});
        row("coco", AnnotationFormat::Coco, "{\"images\": [" + QByteArray(5000, '{') + "\n",
            {"annotations.json:1", "malformed JSON"});
        row("coco within the limit", AnnotationFormat::Coco,
            "{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\"}], \"annotations\": [{\"id\": 1, "
            "\"image_id\": 1,"
            " \"bbox\": " +
                QByteArray(1000, '[') + QByteArray(1000, ']') + "}]}",
            {"annotations.json", "annotations[0].bbox", "expected [x, y, width, height]"});
        const auto nested = [](int levels) {
            QByteArray open, close;
            for (int i = 0; i < levels; ++i) {
                open += "<a>";
                close += "</a>";
            }
            return std::make_pair(open, close);
        };
        const auto [open200, close200] = nested(200);
        row("voc 200 levels", AnnotationFormat::Voc,
            "<annotation><filename>a.jpg</filename>" + open200 + close200 +
                "\n<object></object></annotation>",
            {"annotation.xml:2", "object[1]", "has no <bndbox>"});
        const auto [open100k, close100k] = nested(100000);
        row("voc 100000 levels", AnnotationFormat::Voc,
            "<annotation><filename>a.jpg</filename>" + open100k + close100k + "</annotation>",
            {"annotation.xml:1", "elements nested deeper than 256"});
        row("voc 100000 levels in a value", AnnotationFormat::Voc,
            "<annotation>\n<filename>" + open100k + close100k + "</filename></annotation>",
            {"annotation.xml:2", "elements nested deeper than 256"});
        row("voc left open", AnnotationFormat::Voc, "<annotation>\n<object><a>",
            {"annotation.xml:2", "Premature end of document"});
        QByteArray laughs = "<!DOCTYPE annotation [<!ENTITY l0 \"ha\">";
        for (int i = 1; i < 10; ++i)
            laughs += QByteArray("<!ENTITY l") + QByteArray::number(i) + " \"" +
                      QByteArray("&l").append(QByteArray::number(i - 1)).append(';').repeated(10) + "\">";
        row("voc entity expansion", AnnotationFormat::Voc,
            laughs + "]>\n<annotation><filename>&l9;</filename></annotation>",
            {"annotation.xml:2", "expansion limit"});
    }

    void deepNesting() {
        QFETCH(int, format);
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, expected);
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = read(AnnotationFormat(format), bytes, &issues);
        QVERIFY2(mentions(set, issues, expected), qPrintable(outcome(set, issues)));
    }

    // Text that is not UTF-8 is refused with the line and byte, and what to do; UTF-16 with a byte-order
    // mark is read (and, in XML, UTF-16 without one, which XML parsers tell from the first '<').
    void wrongEncodings_data() {
        addColumns();
        QTest::addColumn<int>("boxes");
        using F = AnnotationFormat;
        const auto add = [](const char* tag, F format, const QByteArray& bytes, const QStringList& expected,
                            int boxes) {
            QTest::newRow(tag) << int(format) << bytes << expected << boxes;
        };
        const QString csvText = QStringLiteral("path,x,y,w,h\nä.jpg,1,2,3,4\n");
        const QString cocoText =
            QStringLiteral("{\"images\": [{\"id\": 1, \"file_name\": \"ä.jpg\"}],\n"
                           "\"annotations\": [{\"id\": 1, \"image_id\": 1, \"bbox\": [1, 2, 3, 4]}]}");
        const QString labelmeText =
            QStringLiteral("{\"shapes\": [{\"label\": \"ä\", \"points\": [[1, 2], [3, 4]],"
                           " \"shape_type\": \"rectangle\"}],\n\"imagePath\": \"a.jpg\"}");
        const QString vocText = QString::fromUtf8(voc("1", "1", "5", "5")).replace("a.jpg", "ä.jpg");
        const QByteArray bomLE("\xFF\xFE"), bomBE("\xFE\xFF");
        const QString nul = QStringLiteral("NUL byte at offset 1: UTF-16 text without a byte-order mark");

        add("csv latin-1", F::Csv, csvText.toLatin1(),
            {"boxes.csv:2", "not UTF-8 text (byte 0xe4 at offset 13)"}, 0);
        add("csv utf-16le", F::Csv, utf16(csvText, true), {"boxes.csv:1", nul}, 0);
        add("csv utf-16be", F::Csv, utf16(csvText, false),
            {"boxes.csv:1", "NUL byte at offset 0: UTF-16 text without a byte-order mark"}, 0);
        add("csv utf-16be bom", F::Csv, bomBE + utf16(csvText, false), {}, 1);
        add("centre-scale utf-16le", F::CentreScale, utf16(QStringLiteral("a.jpg,0.5,0.5,0.5\n"), true),
            {"list.csv:1", nul}, 0);
        add("coco latin-1", F::Coco, cocoText.toLatin1(),
            {"annotations.json:1", "not UTF-8 text (byte 0xe4 at offset 36)"}, 0);
        add("coco utf-16le", F::Coco, utf16(cocoText, true), {"annotations.json:1", nul}, 0);
        add("coco utf-16le bom", F::Coco, bomLE + utf16(cocoText, true), {}, 1);
        add("labelme latin-1", F::LabelMe, labelmeText.toLatin1(),
            {"image.json:1", "not UTF-8 text (byte 0xe4"}, 0);
        add("labelme utf-16be", F::LabelMe, utf16(labelmeText, false),
            {"image.json:1", "NUL byte at offset 0: UTF-16 text without a byte-order mark"}, 0);
        add("labelme utf-16be bom", F::LabelMe, bomBE + utf16(labelmeText, false), {}, 1);
        add("voc latin-1", F::Voc, vocText.toLatin1(), {"annotation.xml:1", "not UTF-8 text (byte 0xe4"}, 0);
        add("voc latin-1 declared", F::Voc,
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + vocText.toLatin1(), {}, 1);
        add("voc utf-16le", F::Voc, utf16(vocText, true), {}, 1);
        add("voc utf-16be bom", F::Voc, bomBE + utf16(vocText, false), {}, 1);
        add("yolo utf-16le", F::Yolo, utf16(QStringLiteral("0 0.5 0.5 0.1 0.1\n"), true), {"a.txt:1", nul},
            0);
        add("yolo latin-1 comment", F::Yolo, "0 0.5 0.5 0.1 0.1\n# caf\xE9\n",
            {"a.txt:2", "not UTF-8 text (byte 0xe9 at offset 23)"}, 0);
    }

    void wrongEncodings() {
        QFETCH(int, format);
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, expected);
        QFETCH(int, boxes);
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = read(AnnotationFormat(format), bytes, &issues);
        if (expected.isEmpty())
            QVERIFY2(set, qPrintable(outcome(set, issues)));
        else
            QVERIFY2(mentions(set, issues, expected), qPrintable(outcome(set, issues)));
        QCOMPARE(set ? set->windowCount() : 0, boxes);
    }

    // Found by the fuzz seeds (regressions/coco): window ids name output files, so a repeated COCO id
    // gives the second box a fresh one instead of two crops that overwrite each other.
    void cocoRepeatedIdGetsANewOne() {
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            read(AnnotationFormat::Coco,
                 json("{'images': [{'id': 1, 'file_name': 'a.jpg'}], 'annotations': ["
                      "{'id': 5, 'image_id': 1, 'bbox': [1, 2, 3, 4]}, {'id': 5, 'image_id': 1, 'bbox': [5, "
                      "6, 7, 8]}]}"),
                 &issues);
        QVERIFY(set);
        QCOMPARE(set->images[0].windows.size(), 2);
        QCOMPARE(set->images[0].windows[0].id, QStringLiteral("5"));
        QCOMPARE(set->images[0].windows[1].id, QStringLiteral("0"));
        QCOMPARE(set->images[0].windows[1].box, QRectF(5, 6, 7, 8));
        QVERIFY2(
            hasIssue(issues,
                     {"annotations.json: warning: annotations[1].id: id 5 used twice in image a.jpg; this "
                      "box gets a new id"}),
            qPrintable(issueText(issues)));
    }

    // Category names were checked against a list: 100,000 categories (3 MB) took 104 s under ASan.
    void cocoManyCategories() {
        QByteArray categories;
        for (int i = 0; i < 100'000; ++i)
            categories +=
                "{\"id\": " + QByteArray::number(i) + ", \"name\": \"c" + QByteArray::number(i) + "\"}, ";
        categories += "{\"id\": 100000, \"name\": \"c7\"}";
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            read(AnnotationFormat::Coco, "{\"images\": [], \"categories\": [" + categories + "]}", &issues);
        QVERIFY(set);
        QCOMPARE(set->classes.size(), 100'001);
        QCOMPARE(set->classes.last(), QStringLiteral("c7"));
        QCOMPARE(issues.size(), 1);
        QVERIFY2(hasIssue(issues, {"categories[100000]: name 'c7' used by two categories"}),
                 qPrintable(issueText(issues)));
    }

    // Found by the fuzz seeds (regressions/csv): a zero side means "unknown", as in VOC files, not a
    // declared size of nothing.
    void csvZeroImageSizeIsNoSize() {
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = read(AnnotationFormat::Csv, csv("a.jpg,1,2,3,4,0,480"), &issues);
        QVERIFY(set);
        QCOMPARE(set->windowCount(), 1);
        QVERIFY(!set->images[0].declaredSize.isValid());
        QVERIFY2(
            hasIssue(issues, {"boxes.csv:2: warning: image size 0×480 declared; taken as no declared size"}),
            qPrintable(issueText(issues)));
    }

    // A names list left open runs to the end of data.yaml, every line a name. (Gathering it used to search
    // the whole gathered text for the bracket at each line, which took hours for such a list at the
    // 16 MiB limit for side files.)
    void yoloDataYamlListLeftOpen() {
        const QString folder = QStringLiteral("open-list");
        writeFixture(m_dir, folder + QStringLiteral("/labels/a.txt"), "1 0.5 0.5 0.1 0.1\n");
        writeFixture(m_dir, folder + QStringLiteral("/images/a.jpg"), {});
        writeFixture(m_dir, folder + QStringLiteral("/data.yaml"),
                     "names: [first,\n" + QByteArray("a,\n").repeated(100'000));
        ReadOptions options;
        options.format = AnnotationFormat::Yolo;
        options.imageSize = constantSize(QSize(640, 480));
        const Result<AnnotationSet> set = readAnnotations(m_dir.filePath(folder), options);
        QVERIFY(set);
        QCOMPARE(set->classes.size(), 100'001);
        QCOMPARE(set->classes.first(), QStringLiteral("first"));
        QCOMPARE(set->images[0].windows[0].label, QStringLiteral("a"));
    }

    // classes.txt and data.yaml are read as text too; a bad one is named and the labels fall back to
    // class numbers.
    void yoloSideFileEncodings() {
        const QString folder = QStringLiteral("side");
        writeFixture(m_dir, folder + QStringLiteral("/labels/a.txt"), "0 0.5 0.5 0.1 0.1\n");
        writeFixture(m_dir, folder + QStringLiteral("/images/a.jpg"), {});
        const QString classes = writeFixture(m_dir, folder + QStringLiteral("/classes.txt"), "caf\xE9\n");
        const QString yaml =
            writeFixture(m_dir, folder + QStringLiteral("/data.yaml"), utf16("names: [a]\n", true));
        ReadOptions options;
        options.format = AnnotationFormat::Yolo;
        options.imageSize = constantSize(QSize(640, 480));
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = readAnnotations(m_dir.filePath(folder), options, &issues);
        QVERIFY(set);
        QVERIFY2(hasIssue(issues, {classes + QStringLiteral(":1: not UTF-8 text (byte 0xe9 at offset 3)")}),
                 qPrintable(issueText(issues)));
        QVERIFY2(hasIssue(issues, {yaml + QStringLiteral(":1: NUL byte at offset 1")}),
                 qPrintable(issueText(issues)));
        QCOMPARE(set->windowCount(), 1);
        QCOMPARE(set->images[0].windows[0].label, QStringLiteral("0"));
    }
};

QTEST_GUILESS_MAIN(TestAdversarialAnnotations)
#include "test_adversarial_annotations.moc"
