// SPDX-License-Identifier: GPL-3.0-or-later
// The facade: format detection by content, overriding it, strict reading, errors for what cannot be read.

#include "AnnotationTestSupport.h"
#include "annotations/AnnotationIO.h"

#include <QTest>

using namespace cropdeck;
using namespace cropdeck::test;

Q_DECLARE_METATYPE(AnnotationFormat)

class TestAnnotationIO : public QObject {
    Q_OBJECT

private slots:
    void detectFiles_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<AnnotationFormat>("format");
        QTest::newRow("coco") << "a.json" << json("{'info': {}, 'images': [], 'annotations': []}")
                              << AnnotationFormat::Coco;
        QTest::newRow("coco, any name")
            << "export.txt" << json("\n {'categories': [], 'images': []}") << AnnotationFormat::Coco;
        QTest::newRow("labelme") << "a.json" << json("{'version': '5', 'shapes': [], 'imagePath': 'a.jpg'}")
                                 << AnnotationFormat::LabelMe;
        QTest::newRow("json with bom")
            << "b.json" << QByteArray("\xEF\xBB\xBF") + json("{'shapes': []}") << AnnotationFormat::LabelMe;
        QTest::newRow("other json") << "c.json" << json("{'hello': 1}") << AnnotationFormat::Unknown;
        QTest::newRow("voc") << "a.xml" << QByteArray("<annotation><filename>a.jpg</filename></annotation>")
                             << AnnotationFormat::Voc;
        QTest::newRow("voc with declaration, odd name")
            << "a.dat" << QByteArray("<?xml version=\"1.0\"?>\n<annotation/>") << AnnotationFormat::Voc;
        QTest::newRow("other xml") << "a.xml" << QByteArray("<svg/>") << AnnotationFormat::Unknown;
        QTest::newRow("csv plain") << "a.csv" << QByteArray("path,x,y,w,h,label\na.jpg,1,2,3,4,c\n")
                                   << AnnotationFormat::Csv;
        QTest::newRow("csv tensorflow")
            << "labels.csv"
            << QByteArray("filename,width,height,class,xmin,ymin,xmax,ymax\na.jpg,1,1,c,1,1,1,1\n")
            << AnnotationFormat::Csv;
        QTest::newRow("csv bom crlf")
            << "a.csv" << QByteArray("\xEF\xBB\xBFpath,x,y,w,h\r\na.jpg,1,2,3,4\r\n")
            << AnnotationFormat::Csv;
        QTest::newRow("csv no header") << "a.txt" << QByteArray("a.jpg,1,2,3,4\n") << AnnotationFormat::Csv;
        QTest::newRow("centre-scale") << "list.csv" << QByteArray("path,x,y,scale\na.jpg,0.1,0.2,0.3\n")
                                      << AnnotationFormat::CentreScale;
        QTest::newRow("centre-scale no header")
            << "list.txt" << QByteArray("a.jpg,0.1,0.2,0.3\n") << AnnotationFormat::CentreScale;
        QTest::newRow("yolo label file")
            << "a.txt" << QByteArray("0 0.5 0.5 0.1 0.1\n1 0.2 0.2 0.1 0.1") << AnnotationFormat::Yolo;
        QTest::newRow("data.yaml") << "data.yaml" << QByteArray("names: [a]\n") << AnnotationFormat::Yolo;
        QTest::newRow("classes.txt") << "classes.txt" << QByteArray("cat\n") << AnnotationFormat::Yolo;
        QTest::newRow("prose") << "notes.txt" << QByteArray("Hello there.\nNothing to see.\n")
                               << AnnotationFormat::Unknown;
        QTest::newRow("empty") << "empty.csv" << QByteArray() << AnnotationFormat::Unknown;
        QTest::newRow("binary") << "x.bin" << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                                << AnnotationFormat::Unknown;
    }

    void detectFiles() {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(AnnotationFormat, format);
        QTemporaryDir dir;
        QCOMPARE(detectAnnotationFormat(writeFixture(dir, name, content)), format);
    }

    void detectFolders_data() {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<AnnotationFormat>("format");
        QTest::newRow("xml files") << QStringList{"a.xml", "b.xml"} << AnnotationFormat::Voc;
        QTest::newRow("voc dataset root")
            << QStringList{"Annotations/a.xml", "JPEGImages/a.jpg"} << AnnotationFormat::Voc;
        QTest::newRow("yolo labels") << QStringList{"images/a.jpg", "labels/a.txt"} << AnnotationFormat::Yolo;
        QTest::newRow("yolo data.yaml")
            << QStringList{"data.yaml", "train/images/a.jpg"} << AnnotationFormat::Yolo;
        QTest::newRow("yolo splits") << QStringList{"train/images/a.jpg", "train/labels/a.txt"}
                                     << AnnotationFormat::Yolo;
        QTest::newRow("labelme") << QStringList{"a.jpg", "a.json"} << AnnotationFormat::LabelMe;
        QTest::newRow("nothing") << QStringList{"a.jpg"} << AnnotationFormat::Unknown;
    }

    void detectFolders() {
        QFETCH(QStringList, files);
        QFETCH(AnnotationFormat, format);
        QTemporaryDir dir;
        for (const QString& file : files) {
            QByteArray content = "x";
            if (file.endsWith(u".json"))
                content = json("{'shapes': [], 'imagePath': 'a.jpg'}");
            else if (file.endsWith(u".txt"))
                content = "0 0.5 0.5 0.1 0.1\n";
            else if (file.endsWith(u".xml"))
                content = "<annotation><filename>a.jpg</filename></annotation>";
            writeFixture(dir, file, content);
        }
        QCOMPARE(detectAnnotationFormat(dir.path()), format);
    }

    void formatNames() {
        for (const QString& name : annotationFormatNames()) {
            const std::optional<AnnotationFormat> format = parseAnnotationFormat(name);
            QVERIFY(format);
            QCOMPARE(annotationFormatName(*format), name);
        }
        QCOMPARE(parseAnnotationFormat(QStringLiteral("Center-Scale")), AnnotationFormat::CentreScale);
        QCOMPARE(parseAnnotationFormat(QStringLiteral("pascal-voc")), AnnotationFormat::Voc);
        QVERIFY(!parseAnnotationFormat(QStringLiteral("tiff")));
    }

    void overrideDetection() {
        QTemporaryDir dir;
        // Detected as a centre/scale list. Naming CSV reads it with the CSV reader (which reads both kinds of
        // list); naming VOC fails with that reader's own error instead of falling back to detection.
        const QString file = writeFixture(dir, QStringLiteral("list.txt"), "a.jpg,0.1,0.2,0.3\n");
        ReadOptions options;
        options.format = AnnotationFormat::Csv;
        Result<AnnotationSet> set = readAnnotations(file, options);
        QVERIFY(set);
        QCOMPARE(set->format, QStringLiteral("centre-scale")); // the CSV reader reads both kinds of list
        options.format = AnnotationFormat::Voc;
        set = readAnnotations(file, options);
        QVERIFY(!set);
        QCOMPARE(set.error().kind, ErrorKind::Corrupt);
    }

    void unknownFormatIsAnError() {
        QTemporaryDir dir;
        const Result<AnnotationSet> set =
            readAnnotations(writeFixture(dir, QStringLiteral("notes.txt"), "just words\n"), {});
        QVERIFY(!set);
        QCOMPARE(set.error().kind, ErrorKind::Unsupported);
        QVERIFY2(set.error().message.contains(u"notes.txt: cannot tell the annotation format"),
                 qPrintable(set.error().message));
        const Result<AnnotationSet> missing = readAnnotations(dir.filePath(QStringLiteral("nope.csv")), {});
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, ErrorKind::NotFound);
    }

    void strictReading() {
        QTemporaryDir dir;
        const QString file =
            writeFixture(dir, QStringLiteral("s.csv"), "path,x,y,w,h\na.jpg,1,2,3,4\nb.jpg,x,2,3,4\n");
        QList<AnnotationIssue> issues;
        Result<AnnotationSet> set = readAnnotations(file, {}, &issues);
        QVERIFY(set);
        QCOMPARE(issues.size(), 1);
        QVERIFY(hasErrors(issues));
        ReadOptions strict;
        strict.strict = true;
        issues.clear();
        set = readAnnotations(file, strict, &issues);
        QVERIFY(!set);
        QVERIFY2(set.error().message.contains(u"s.csv:3: 'x': 'x' is not a number"),
                 qPrintable(set.error().message));
        QCOMPARE(issues.size(), 1);
    }

    void issuesAreBounded() {
        QTemporaryDir dir;
        QByteArray csv = "path,x,y,w,h\n";
        for (int i = 0; i < 5000; ++i)
            csv += "a.jpg,bad,2,3,4\n";
        ReadOptions options;
        options.maxIssues = 10;
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            readAnnotations(writeFixture(dir, QStringLiteral("many.csv"), csv), options, &issues);
        QVERIFY(set);
        QCOMPARE(issues.size(), 11);
        QVERIFY2(issues.last().message.contains(
                     u"4990 more issue(s) not listed (5000 in all, 5000 of them errors)"),
                 qPrintable(issues.last().toString()));
    }

    // A device that never ends is not read at all: only regular files are (a FIFO would block).
    void endlessFileIsRefused() {
        if (!QFileInfo::exists(QStringLiteral("/dev/zero")))
            QSKIP("no /dev/zero on this system");
        ReadOptions options;
        options.format = AnnotationFormat::Csv;
        options.maxFileBytes = 1 << 20;
        const Result<AnnotationSet> set = readAnnotations(QStringLiteral("/dev/zero"), options);
        QVERIFY(!set);
        QCOMPARE(set.error().kind, ErrorKind::Io);
        QVERIFY2(set.error().message.contains(u"/dev/zero: is a device"), qPrintable(set.error().message));
    }

    void writeNeedsAFormat() {
        QTemporaryDir dir;
        const Status status =
            writeAnnotations(AnnotationSet(), dir.filePath(QStringLiteral("x")), AnnotationFormat::Auto, {});
        QVERIFY(!status);
        QCOMPARE(status.error().kind, ErrorKind::Invalid);
    }

    void writeFailureIsAnError() {
        QTemporaryDir dir;
        writeFixture(dir, QStringLiteral("blocker"), "a file where a folder is needed");
        const Status status = writeAnnotations(
            AnnotationSet(), dir.filePath(QStringLiteral("blocker/out.csv")), AnnotationFormat::Csv, {});
        QVERIFY(!status);
        QCOMPARE(status.error().kind, ErrorKind::Io);
        QVERIFY2(status.error().message.contains(u"blocker/out.csv"), qPrintable(status.error().message));
    }
};

QTEST_GUILESS_MAIN(TestAnnotationIO)
#include "test_annotation_io.moc"
