// SPDX-License-Identifier: GPL-3.0-or-later
// CSV box lists and centre/scale lists: tokenizing, every layout, encodings, bad rows, writing back.

#include "AnnotationTestSupport.h"
#include "annotations/AnnotationIO.h"
#include "annotations/CentreScaleFormat.h"
#include "annotations/CsvColumns.h"
#include "annotations/CsvFormat.h"
#include "annotations/CsvTable.h"

#include <QTest>

using namespace cropdeck;
using namespace cropdeck::test;

class TestCsvAnnotations : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    Result<AnnotationSet> read(const QByteArray& bytes, QList<AnnotationIssue>* issues = nullptr,
                               ReadOptions options = {}, const QString& name = QStringLiteral("boxes.csv")) {
        return readCsvAnnotations(writeFixture(m_dir, name, bytes), options, issues);
    }

private slots:
    void tokenizer_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("fields"); // records joined with '|'
        QTest::addColumn<QList<int>>("lines");
        QTest::newRow("plain") << "a,b,c\n1,2,3" << QStringList{"a|b|c", "1|2|3"} << QList<int>{1, 2};
        QTest::newRow("quoted comma") << "\"x,y\",2" << QStringList{"x,y|2"} << QList<int>{1};
        QTest::newRow("doubled quote")
            << "\"say \"\"hi\"\"\",1" << QStringList{"say \"hi\"|1"} << QList<int>{1};
        QTest::newRow("quoted newline")
            << "\"two\nlines\",1\nnext,2" << QStringList{"two\nlines|1", "next|2"} << QList<int>{1, 3};
        QTest::newRow("crlf") << "a,b\r\n1,2\r\n" << QStringList{"a|b", "1|2"} << QList<int>{1, 2};
        QTest::newRow("cr only") << "a,b\r1,2\r" << QStringList{"a|b", "1|2"} << QList<int>{1, 2};
        QTest::newRow("blank lines") << "a\n\n\r\nb\n" << QStringList{"a", "b"} << QList<int>{1, 4};
        QTest::newRow("empty fields") << "a,,\n" << QStringList{"a||"} << QList<int>{1};
        QTest::newRow("spaces trimmed, quoted kept")
            << " a , \" b \" ,c" << QStringList{"a| b |c"} << QList<int>{1};
        QTest::newRow("semicolons") << "path;x\na.jpg;1,5" << QStringList{"path|x", "a.jpg|1,5"}
                                    << QList<int>{1, 2};
        QTest::newRow("tabs") << "path\tx\na b.jpg\t1" << QStringList{"path|x", "a b.jpg|1"}
                              << QList<int>{1, 2};
        QTest::newRow("stray quote kept") << "5\" disk,1" << QStringList{"5\" disk|1"} << QList<int>{1};
    }

    void tokenizer() {
        QFETCH(QString, text);
        QFETCH(QStringList, fields);
        QFETCH(QList<int>, lines);
        QString error;
        const std::optional<CsvTable> table = parseCsv(text, &error);
        QVERIFY2(table, qPrintable(error));
        QStringList got;
        QList<int> gotLines;
        for (const CsvRecord& record : table->records) {
            got << record.fields.join(u'|');
            gotLines << record.line;
        }
        QCOMPARE(got, fields);
        QCOMPARE(gotLines, lines);
    }

    void unterminatedQuoteNamesItsLine() {
        QString error;
        QVERIFY(!parseCsv(u"a,b\n1,2\n\"open,3\n4,5\n", &error));
        QVERIFY2(error.contains(u"line 3"), qPrintable(error));
        const Result<AnnotationSet> set = read("path,x,y,w,h\na.jpg,1,2,3,4\n\"b.jpg,1,2,3,4\n");
        QVERIFY(!set);
        QCOMPARE(set.error().kind, ErrorKind::Corrupt);
        QVERIFY2(set.error().message.contains(u"boxes.csv: line 3"), qPrintable(set.error().message));
    }

    // Regression: detection parsed a sample of the file and, on the unclosed quote, said "cannot tell
    // the annotation format". The file is a CSV and the message says where the quote opens.
    void unterminatedQuoteIsReportedWhereItOpens_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("in a row") << QByteArray(
                                         "path,x,y,w,h\na.jpg,1,2,3,4\nb.jpg,\"1,2,3,4\nc.jpg,1,2,3,4\n")
                                  << "quote.csv: line 3: field 2 opens a quote that is never closed";
        QTest::newRow("in the header") << QByteArray("\"path,x,y,w,h\na.jpg,1,2,3,4\n")
                                       << "quote.csv: line 1: field 1 opens a quote that is never closed";
        QTest::newRow("no header") << QByteArray("a.jpg,1,2,3,4\n\n\"b.jpg,1,2,3,4\n")
                                   << "quote.csv: line 3: field 1 opens a quote that is never closed";
    }
    void unterminatedQuoteIsReportedWhereItOpens() {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        const QString file = writeFixture(m_dir, QStringLiteral("quote.csv"), text);
        QCOMPARE(detectAnnotationFormat(file), AnnotationFormat::Csv);
        const Result<AnnotationSet> set = readAnnotations(file, {});
        QVERIFY(!set);
        QCOMPARE(set.error().kind, ErrorKind::Corrupt);
        QVERIFY2(set.error().message.startsWith(file + QStringLiteral(": ")),
                 qPrintable(set.error().message));
        QVERIFY2(set.error().message.contains(message), qPrintable(set.error().message));
        QVERIFY2(!set.error().message.contains(u"cannot tell"), qPrintable(set.error().message));
    }

    // A quoted field that spans more lines than detection samples is still a CSV file.
    void longQuotedFieldDoesNotHideTheFormat() {
        QByteArray text = "path,x,y,w,h,label\na.jpg,1,2,3,4,\"";
        for (int i = 0; i < 30; ++i)
            text += "note line " + QByteArray::number(i) + "\n";
        text += "\"\n";
        const QString file = writeFixture(m_dir, QStringLiteral("long-quote.csv"), text);
        QCOMPARE(detectAnnotationFormat(file), AnnotationFormat::Csv);
        const Result<AnnotationSet> set = readAnnotations(file, {});
        QVERIFY2(set.ok(), set ? "" : qPrintable(set.error().message));
        QCOMPARE(set->windowCount(), 1);
    }

    void csvFieldRoundTrip() {
        for (const QString& value :
             {QStringLiteral("plain"), QStringLiteral("a,b"), QStringLiteral("say \"x\""),
              QStringLiteral("line\nbreak"), QStringLiteral(" padded "), QString()}) {
            const std::optional<CsvTable> table = parseCsv(csvField(value) + QStringLiteral(",end"), nullptr);
            QVERIFY(table && table->records.size() == 1);
            QCOMPARE(table->records[0].fields.first(), value);
        }
    }

    void plainLayout() {
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = read(
            "path,x,y,w,h,label\na.jpg,10,20,30,40,cat\nb.jpg,0.5,1.5,2.25,3,dog\na.jpg,1,2,3,4,\n", &issues);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
        QVERIFY2(issues.isEmpty(), qPrintable(issueText(issues)));
        QCOMPARE(set->format, QStringLiteral("csv"));
        QCOMPARE(set->images.size(), 2);
        QCOMPARE(set->images[0].path, QStringLiteral("a.jpg"));
        QCOMPARE(set->images[0].windows.size(), 2);
        QCOMPARE(set->images[0].windows[0].box, QRectF(10, 20, 30, 40));
        QCOMPARE(set->images[0].windows[0].label, QStringLiteral("cat"));
        QCOMPARE(set->images[0].windows[1].id, QStringLiteral("1"));
        QCOMPARE(set->images[0].windows[1].label, QString());
        QCOMPARE(set->images[1].windows[0].box, QRectF(0.5, 1.5, 2.25, 3));
        QCOMPARE(set->imageRoot, m_dir.path());
    }

    void tensorflowLayoutUsesVocCorners() {
        // As xml_to_csv.py writes it (raccoon_voc_csv/data/*.csv): VOC numbers copied unchanged.
        const Result<AnnotationSet> set = read(
            "filename,width,height,class,xmin,ymin,xmax,ymax\nraccoon-1.jpg,650,417,raccoon,81,88,522,408\n"
            "raccoon-10.jpg,450,495,raccoon,130,2,446,488\n");
        QVERIFY(set);
        QCOMPARE(set->images[0].declaredSize, QSize(650, 417));
        QCOMPARE(set->images[0].windows[0].box, QRectF(80, 87, 442, 321));
        QCOMPARE(set->images[0].windows[0].label, QStringLiteral("raccoon"));
        QCOMPARE(set->images[1].windows[0].box, QRectF(129, 1, 317, 487));
    }

    void layouts_data() {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("columns");
        QTest::addColumn<QRectF>("box");
        QTest::addColumn<QString>("label");
        QTest::newRow("x1 y1 x2 y2 edges") << QByteArray("image,x1,y1,x2,y2,class\na.jpg,10,20,30,60,c\n")
                                           << QString() << QRectF(10, 20, 20, 40) << "c";
        QTest::newRow("no header, 5 columns")
            << QByteArray("a.jpg,1,2,3,4\n") << QString() << QRectF(1, 2, 3, 4) << "";
        QTest::newRow("no header, 6 columns")
            << QByteArray("a.jpg,1,2,3,4,cat\n") << QString() << QRectF(1, 2, 3, 4) << "cat";
        QTest::newRow("header in capitals")
            << QByteArray("Path,X,Y,W,H,Label\na.jpg,1,2,3,4,x\n") << QString() << QRectF(1, 2, 3, 4) << "x";
        QTest::newRow("mapping with names")
            << QByteArray("file,left,top,right,bottom,cls\na.jpg,10,20,30,60,c\n")
            << "path=file,x=left,y=top,x2=right,y2=bottom,label=cls" << QRectF(10, 20, 20, 40) << "c";
        QTest::newRow("mapping voc corners")
            << QByteArray("file,l,t,r,b\na.jpg,10,20,30,60\n") << "path=file,x=l,y=t,x2=r,y2=b,corners=voc"
            << QRectF(9, 19, 21, 41) << "";
        QTest::newRow("mapping by number")
            << QByteArray("cat;a.jpg;1;2;3;4\n") << "path=2,x=3,y=4,w=5,h=6,label=1,header=no"
            << QRectF(1, 2, 3, 4) << "cat";
        QTest::newRow("brief example")
            << QByteArray("filename,class,xmin,ymin,xmax,ymax\na.jpg,r,5,6,7,8\n")
            << "path=filename,x=xmin,y=ymin,x2=xmax,y2=ymax,label=class" << QRectF(5, 6, 2, 2) << "r";
        QTest::newRow("bom crlf") << QByteArray("\xEF\xBB\xBFpath,x,y,w,h\r\na.jpg,1,2,3,4\r\n") << QString()
                                  << QRectF(1, 2, 3, 4) << "";
        const QString utf16 = QStringLiteral("path,x,y,w,h\na.jpg,1,2,3,4\n");
        QTest::newRow("utf-16le bom")
            << QByteArray("\xFF\xFE", 2) +
                   QByteArray(reinterpret_cast<const char*>(utf16.utf16()), utf16.size() * 2)
            << QString() << QRectF(1, 2, 3, 4) << "";
    }

    void layouts() {
        QFETCH(QByteArray, csv);
        QFETCH(QString, columns);
        QFETCH(QRectF, box);
        QFETCH(QString, label);
        ReadOptions options;
        if (!columns.isEmpty()) {
            Result<CsvColumns> parsed = CsvColumns::parse(columns);
            QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
            options.csvColumns = *parsed;
        }
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = read(csv, &issues, options);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
        QVERIFY2(issues.isEmpty(), qPrintable(issueText(issues)));
        QCOMPARE(set->images.size(), 1);
        QCOMPARE(set->images[0].path, QStringLiteral("a.jpg"));
        QCOMPARE(set->images[0].windows[0].box, box);
        QCOMPARE(set->images[0].windows[0].label, label);
    }

    void quotedPathsAndNonAscii() {
        const Result<AnnotationSet> set = read("path,x,y,w,h,label\n\"photos/a, b.jpg\",1,2,3,4,\"say "
                                               "\"\"cheese\"\"\"\nfotos/Ärger ✓.jpg,1,2,3,4,x\n");
        QVERIFY(set);
        QCOMPARE(set->images[0].path, QStringLiteral("photos/a, b.jpg"));
        QCOMPARE(set->images[0].windows[0].label, QStringLiteral("say \"cheese\""));
        QCOMPARE(set->images[1].path, QStringLiteral("fotos/Ärger ✓.jpg"));
    }

    void notUtf8NamesLine() {
        const Result<AnnotationSet> set = read("path,x,y,w,h\na.jpg,1,2,3,4\ncaf\xE9.jpg,1,2,3,4\n");
        QVERIFY(!set);
        QCOMPARE(set.error().kind, ErrorKind::Corrupt);
        QVERIFY2(set.error().message.contains(u"boxes.csv:3: not UTF-8"), qPrintable(set.error().message));
    }

    void badRows_data() {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("text") << QByteArray("b.jpg,abc,2,3,4")
                              << QStringList{":3:", "'x'", "'abc' is not a number"};
        QTest::newRow("nan") << QByteArray("b.jpg,1,nan,3,4")
                             << QStringList{":3:", "'y'", "'nan' is not a number"};
        QTest::newRow("inf") << QByteArray("b.jpg,1,2,inf,4") << QStringList{":3:", "'w'", "out of range"};
        QTest::newRow("1e300") << QByteArray("b.jpg,1,2,3,1e300")
                               << QStringList{":3:", "'h'", "out of range"};
        QTest::newRow("1e400") << QByteArray("b.jpg,1e400,2,3,4")
                               << QStringList{":3:", "'x'", "out of range"};
        QTest::newRow("negative width")
            << QByteArray("b.jpg,1,2,-3,4") << QStringList{":3:", "negative box size"};
        QTest::newRow("missing column")
            << QByteArray("b.jpg,1,2,3") << QStringList{":3:", "4 field(s)", "'h'"};
        QTest::newRow("empty path") << QByteArray(",1,2,3,4") << QStringList{":3:", "empty image path"};
        QTest::newRow("empty number")
            << QByteArray("b.jpg,,2,3,4") << QStringList{":3:", "empty where a number"};
    }

    // A bad row is an Error issue naming file, line and column; the rows around it are still read.
    void badRows() {
        QFETCH(QByteArray, row);
        QFETCH(QStringList, expected);
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            read("path,x,y,w,h\na.jpg,1,2,3,4\n" + row + "\nc.jpg,5,6,7,8\n", &issues);
        QVERIFY(set);
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues[0].severity, IssueSeverity::Error);
        QStringList parts = expected;
        parts << QStringLiteral("boxes.csv");
        QVERIFY2(hasIssue(issues, parts), qPrintable(issueText(issues)));
        QCOMPARE(set->windowCount(), 2);
        QVERIFY(imageNamed(*set, QStringLiteral("c.jpg")));
    }

    void zeroSizeIsWarning() {
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = read("path,x,y,w,h\na.jpg,1,2,0,4\n", &issues);
        QVERIFY(set);
        QCOMPARE(set->windowCount(), 1);
        QVERIFY2(hasIssue(issues, {":2:", "warning: zero-size box"}), qPrintable(issueText(issues)));
    }

    void conflictingDeclaredSizes() {
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = read("filename,width,height,class,xmin,ymin,xmax,ymax\na.jpg,100,"
                                               "50,c,1,1,2,2\na.jpg,90,50,c,1,1,2,2\n",
                                               &issues);
        QVERIFY(set);
        QCOMPARE(set->images[0].declaredSize, QSize(100, 50));
        QVERIFY2(hasIssue(issues, {":3:", "90×50", "100×50"}), qPrintable(issueText(issues)));
    }

    void unusableHeaders_data() {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no box columns")
            << QByteArray("path,x,y,label\na.jpg,1,2,c\n") << "does not name a box layout";
        QTest::newRow("no header, 3 columns") << QByteArray("a.jpg,1,2\n") << "3 columns";
        QTest::newRow("empty") << QByteArray("\n\n") << "empty CSV";
    }

    void unusableHeaders() {
        QFETCH(QByteArray, csv);
        QFETCH(QString, expected);
        const Result<AnnotationSet> set = read(csv);
        QVERIFY(!set);
        QVERIFY2(set.error().message.contains(expected) && set.error().message.contains(u"boxes.csv"),
                 qPrintable(set.error().message));
    }

    void mappingNamesMissingColumn() {
        ReadOptions options;
        options.csvColumns = *CsvColumns::parse(QStringLiteral("path=file,x=x,y=y,w=w,h=height"));
        const Result<AnnotationSet> set = read("file,x,y,w,h\na.jpg,1,2,3,4\n", nullptr, options);
        QVERIFY(!set);
        QVERIFY2(set.error().message.contains(u"no column 'height' for h"), qPrintable(set.error().message));
    }

    void sizeLimit() {
        ReadOptions options;
        options.maxFileBytes = 16;
        const Result<AnnotationSet> set = read("path,x,y,w,h\na.jpg,1,2,3,4\n", nullptr, options);
        QVERIFY(!set);
        QCOMPARE(set.error().kind, ErrorKind::TooLarge);
    }

    void columnsParse_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("valid");
        QTest::newRow("size") << "path=p,x=a,y=b,w=c,h=d" << true;
        QTest::newRow("corners")
            << "path=p, x=a , y=b,x2=c,y2=d,label=l,image_width=W,image_height=H,corners=voc" << true;
        QTest::newRow("scale") << "path=p,x=a,y=b,scale=s,header=no" << true;
        QTest::newRow("unknown key") << "path=p,x=a,y=b,w=c,h=d,colour=e" << false;
        QTest::newRow("no path") << "x=a,y=b,w=c,h=d" << false;
        QTest::newRow("w without h") << "path=p,x=a,y=b,w=c" << false;
        QTest::newRow("size and corners") << "path=p,x=a,y=b,w=c,h=d,x2=e,y2=f" << false;
        QTest::newRow("bad corners") << "path=p,x=a,y=b,w=c,h=d,corners=middle" << false;
        QTest::newRow("not key=value") << "path" << false;
    }

    void columnsParse() {
        QFETCH(QString, spec);
        QFETCH(bool, valid);
        const Result<CsvColumns> columns = CsvColumns::parse(spec);
        QCOMPARE(columns.ok(), valid);
        if (valid) {
            const Result<CsvColumns> again = CsvColumns::parse(columns->toString());
            QVERIFY(again);
            QVERIFY(*again == *columns);
        } else {
            QVERIFY(!columns.error().message.isEmpty());
        }
    }

    void writeAndReadBack_data() {
        QTest::addColumn<QString>("columns");
        QTest::newRow("plain") << QString();
        QTest::newRow("tensorflow") << CsvColumns::tensorflow().toString();
        QTest::newRow("edges, no header, by number") << "path=1,x=2,y=3,x2=4,y2=5,label=6,header=no";
    }

    void writeAndReadBack() {
        QFETCH(QString, columns);
        AnnotationSet set;
        set.imageRoot = m_dir.path();
        set.images = {ImageEntry{QStringLiteral("a, b.jpg"), QSize(640, 480), {}, {}},
                      ImageEntry{QStringLiteral("sub/Ärger.png"), QSize(100, 100), {}, {}}};
        set.images[0].windows = {
            CropWindow{CropWindow::Kind::Box, QRectF(10, 20, 30, 40), {}, "cat, big", "0", {}},
            CropWindow{CropWindow::Kind::Box, QRectF(0.5, 1.25, 99.5, 7), {}, "\"q\"", "1", {}}};
        set.images[1].windows = {
            CropWindow{CropWindow::Kind::Box, QRectF(0, 0, 100, 100), {}, "line\nbreak", "0", {}}};
        WriteOptions options;
        ReadOptions readOptions;
        if (!columns.isEmpty()) {
            options.csvColumns = *CsvColumns::parse(columns);
            readOptions.csvColumns = options.csvColumns;
        }
        const QString file = m_dir.filePath(QStringLiteral("out.csv"));
        QStringList losses;
        QVERIFY(writeCsvAnnotations(set, file, options, &losses));
        const Result<AnnotationSet> back = readCsvAnnotations(file, readOptions, nullptr);
        QVERIFY2(back, qPrintable(back ? QString() : back.error().message));
        QCOMPARE(firstDifference(set, *back), QString());
        if (!options.csvColumns.imageWidth.isEmpty())
            QCOMPARE(back->images[1].declaredSize, QSize(100, 100));
    }

    void writeReportsLosses() {
        AnnotationSet set;
        set.imageRoot = m_dir.path();
        set.normalizedMaxFraction = 1.0;
        set.images = {ImageEntry{QStringLiteral("empty.jpg"), QSize(), {}, {}},
                      ImageEntry{QStringLiteral("a.jpg"), QSize(200, 100), {}, {}},
                      ImageEntry{QStringLiteral("nosize.jpg"), QSize(), {}, {}}};
        CropWindow box{CropWindow::Kind::Box, QRectF(1, 2, 3, 4), {}, "cat", "7", {}};
        box.extras.insert(QStringLiteral("voc.difficult"), QStringLiteral("1"));
        CropWindow square{
            CropWindow::Kind::NormalizedSquare, {}, NormalizedSquare{0.5, 0.5, 0.5}, {}, {}, {}};
        set.images[1].windows = {box, square};
        set.images[2].windows = {square};
        WriteOptions options;
        options.csvColumns = *CsvColumns::parse(QStringLiteral("path=path,x=x,y=y,w=w,h=h"));
        QStringList losses;
        const QString file = m_dir.filePath(QStringLiteral("lossy.csv"));
        QVERIFY(writeAnnotations(set, file, AnnotationFormat::Csv, options, &losses));
        const QString report = losses.join(u'\n');
        QVERIFY2(report.contains(u"images with no boxes are not listed (a CSV row needs a box): 1"),
                 qPrintable(report));
        QVERIFY2(report.contains(u"box field 'voc.difficult' is not kept: 1"), qPrintable(report));
        QVERIFY2(report.contains(u"labels are not kept"), qPrintable(report));
        QVERIFY2(report.contains(u"box ids are not kept"), qPrintable(report));
        QVERIFY2(report.contains(u"declared image sizes are not kept"), qPrintable(report));
        QVERIFY2(report.contains(u"centre/scale windows written as their square box"), qPrintable(report));
        QVERIFY2(report.contains(u"centre/scale windows skipped because the image size is unknown: 1"),
                 qPrintable(report));
        const Result<AnnotationSet> back = readCsvAnnotations(file, {}, nullptr);
        QVERIFY(back);
        QCOMPARE(back->windowCount(), 2);
        // side floor(100 × 0.5) = 50 at (0.5·200, 0.5·100) = (100, 50), already inside
        QCOMPARE(back->images[0].windows[1].box, QRectF(100, 50, 50, 50));
    }

    void unknownSizesWrittenEmpty() {
        AnnotationSet set;
        set.imageRoot = m_dir.path();
        set.images = {ImageEntry{QStringLiteral("a.jpg"), QSize(), {}, {}}};
        set.images[0].windows = {CropWindow{CropWindow::Kind::Box, QRectF(1, 2, 3, 4), {}, "c", "0", {}}};
        WriteOptions options;
        options.csvColumns = CsvColumns::tensorflow();
        QStringList losses;
        const QString file = m_dir.filePath(QStringLiteral("nosize.csv"));
        QVERIFY(writeCsvAnnotations(set, file, options, &losses));
        QVERIFY2(losses.join(u'\n').contains(u"image sizes left empty because they are unknown: 1"),
                 qPrintable(losses.join(u'\n')));
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> back = readCsvAnnotations(file, {}, &issues);
        QVERIFY(back);
        QVERIFY2(issues.isEmpty(), qPrintable(issueText(issues)));
        QCOMPARE(back->images[0].declaredSize, QSize());
        QCOMPARE(firstDifference(set, *back), QString());
    }

    void centreScale_data() {
        QTest::addColumn<QByteArray>("csv");
        QTest::newRow("header") << QByteArray("path,x,y,scale\na.jpg,0.25,0.5,0.75\nb.jpg,0,1,1\n");
        QTest::newRow("no header") << QByteArray("a.jpg,0.25,0.5,0.75\nb.jpg,0,1,1\n");
    }

    void centreScale() {
        QFETCH(QByteArray, csv);
        ReadOptions options;
        options.normalizedWindowSize = 224;
        options.normalizedMaxFraction = 0.8;
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            readAnnotations(writeFixture(m_dir, QStringLiteral("list.txt"), csv), options, &issues);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
        QVERIFY2(issues.isEmpty(), qPrintable(issueText(issues)));
        QCOMPARE(set->format, QStringLiteral("centre-scale"));
        QCOMPARE(set->normalizedWindowSize, 224);
        QCOMPARE(set->normalizedMaxFraction, 0.8);
        const CropWindow& w = set->images[0].windows[0];
        QCOMPARE(w.kind, CropWindow::Kind::NormalizedSquare);
        QCOMPARE(w.square.x, 0.25);
        QCOMPARE(w.square.y, 0.5);
        QCOMPARE(w.square.scale, 0.75);
        QCOMPARE(set->images[1].windows[0].square.scale, 1.0);
    }

    void centreScaleOutOfRange() {
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            readCentreScaleAnnotations(writeFixture(m_dir, QStringLiteral("cs.csv"),
                                                    "path,x,y,scale\na.jpg,0.5,0.5,0.5\nb.jpg,1.5,0.5,0.5\n"
                                                    "c.jpg,0.5,-0.1,0.5\nd.jpg,0.5,0.5,nan\n"),
                                       {}, &issues);
        QVERIFY(set);
        QCOMPARE(set->windowCount(), 1);
        QVERIFY2(hasIssue(issues, {"cs.csv:3:", "'x' = 1.5 is outside [0, 1]"}),
                 qPrintable(issueText(issues)));
        QVERIFY2(hasIssue(issues, {"cs.csv:4:", "'y' = -0.1"}), qPrintable(issueText(issues)));
        QVERIFY2(hasIssue(issues, {"cs.csv:5:", "'scale'", "'nan' is not a number"}),
                 qPrintable(issueText(issues)));
    }

    void centreScaleOptionsChecked() {
        ReadOptions options;
        options.normalizedMaxFraction = 0;
        const QString file = writeFixture(m_dir, QStringLiteral("cs2.csv"), "a.jpg,0.5,0.5,0.5\n");
        QVERIFY(!readCentreScaleAnnotations(file, options, nullptr));
        options.normalizedMaxFraction = 1;
        options.normalizedWindowSize = -5;
        QVERIFY(!readCentreScaleAnnotations(file, options, nullptr));
        const QString boxes =
            writeFixture(m_dir, QStringLiteral("boxes2.csv"), "path,x,y,w,h\na.jpg,1,2,3,4\n");
        const Result<AnnotationSet> wrong = readCentreScaleAnnotations(boxes, {}, nullptr);
        QVERIFY(!wrong);
        QVERIFY2(wrong.error().message.contains(u"not a centre/scale list"),
                 qPrintable(wrong.error().message));
    }

    void centreScaleWriteAndReadBack() {
        AnnotationSet set;
        set.imageRoot = m_dir.path();
        set.images = {ImageEntry{QStringLiteral("a.jpg"), QSize(), {}, {}}};
        set.images[0].windows = {CropWindow{CropWindow::Kind::NormalizedSquare,
                                            {},
                                            NormalizedSquare{0.1, 0.7000000000000001, 1.0 / 3},
                                            "x",
                                            "0",
                                            {}},
                                 CropWindow{CropWindow::Kind::Box, QRectF(1, 2, 3, 4), {}, {}, "1", {}}};
        QStringList losses;
        const QString file = m_dir.filePath(QStringLiteral("cs-out.csv"));
        QVERIFY(writeAnnotations(set, file, AnnotationFormat::CentreScale, {}, &losses));
        const QString report = losses.join(u'\n');
        QVERIFY2(report.contains(u"boxes skipped (a centre/scale list holds only centre/scale squares): 1"),
                 qPrintable(report));
        QVERIFY2(report.contains(u"labels are not kept: 1"), qPrintable(report));
        const Result<AnnotationSet> back = readCentreScaleAnnotations(file, {}, nullptr);
        QVERIFY(back);
        QCOMPARE(back->windowCount(), 1);
        const NormalizedSquare& s = back->images[0].windows[0].square;
        QCOMPARE(s.x, 0.1);
        QCOMPARE(s.y, 0.7000000000000001);
        QCOMPARE(s.scale, 1.0 / 3);
    }
};

QTEST_GUILESS_MAIN(TestCsvAnnotations)
#include "test_csv_annotations.moc"
