// SPDX-License-Identifier: GPL-3.0-or-later
// Pascal VOC XML: the 1-based inclusive rule, the quirks of real files (foreign <path>, float
// coordinates, empty elements), the image folder search, malformed input, and writing back.

#include "AnnotationTestSupport.h"
#include "annotations/AnnotationIO.h"
#include "annotations/VocFormat.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

QByteArray
vocXml(const QString& filename, const QString& objects, const QString& extra = QString(),
       const QString& size = QStringLiteral("<width>650</width><height>417</height><depth>3</depth>")) {
    return QStringLiteral("<annotation verified=\"yes\">\n"
                          "\t<folder>images</folder>\n"
                          "\t<filename>%1</filename>\n"
                          "\t<path>/Users/datitran/Desktop/raccoon/images/%1</path>\n"
                          "\t<source><database>Unknown</database></source>\n"
                          "\t<size>%3</size>\n"
                          "\t<segmented>0</segmented>\n%4%2"
                          "</annotation>\n")
        .arg(filename, objects, size, extra)
        .toUtf8();
}

QString object(const QString& name, const QString& box, const QString& flags = QString()) {
    return QStringLiteral("\t<object>\n\t\t<name>%1</name>\n%3\t\t<bndbox>%2</bndbox>\n\t</object>\n")
        .arg(name, box, flags);
}

QString corners(const QString& x1, const QString& y1, const QString& x2, const QString& y2) {
    return QStringLiteral("<xmin>%1</xmin>\n<ymin>%2</ymin>\n<xmax>%3</xmax>\n<ymax>%4</ymax>")
        .arg(x1, y1, x2, y2);
}

} // namespace

Q_DECLARE_METATYPE(CornerConvention)

class TestVocAnnotations : public QObject {
    Q_OBJECT

private slots:
    void raccoonStyleFile() {
        QTemporaryDir dir;
        const QString flags = QStringLiteral(
            "\t\t<pose>Unspecified</pose>\n\t\t<truncated>1</truncated>\n\t\t<difficult>0</difficult>\n");
        const QString xml = writeFixture(
            dir, QStringLiteral("annotations/raccoon-1.xml"),
            vocXml(QStringLiteral("raccoon-1.jpg"),
                   object(QStringLiteral("raccoon"), corners("81", "88", "522", "408"), flags) +
                       object(QStringLiteral("raccoon"), corners("600", "400", "650", "417"), flags)));
        writeFixture(dir, QStringLiteral("images/raccoon-1.jpg"), "not decoded here");
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = readAnnotations(xml, {}, &issues);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
        QVERIFY2(issues.isEmpty(), qPrintable(issueText(issues)));
        QCOMPARE(set->format, QStringLiteral("voc"));
        // <path> names another machine; <filename> is taken relative to ../<folder>.
        QCOMPARE(set->imageRoot, QDir::cleanPath(dir.filePath(QStringLiteral("images"))));
        const ImageEntry& image = set->images.value(0);
        QCOMPARE(image.path, QStringLiteral("raccoon-1.jpg"));
        QCOMPARE(image.declaredSize, QSize(650, 417));
        QCOMPARE(image.windows[0].box, QRectF(80, 87, 442, 321));
        // xmax == width: the box ends exactly at the right edge, 1-based inclusive.
        QCOMPARE(image.windows[1].box, QRectF(599, 399, 51, 18));
        QCOMPARE(image.windows[1].box.right(), 650.0);
        QCOMPARE(image.windows[0].extras.value("voc.pose").toString(), QStringLiteral("Unspecified"));
        QCOMPARE(image.windows[0].extras.value("voc.truncated").toString(), QStringLiteral("1"));
        QCOMPARE(image.extras.value("voc.path").toString(),
                 QStringLiteral("/Users/datitran/Desktop/raccoon/images/raccoon-1.jpg"));
        QCOMPARE(image.extras.value("voc.verified").toString(), QStringLiteral("yes"));
        QCOMPARE(image.extras.value("voc.depth").toString(), QStringLiteral("3"));
    }

    void imageFolderSearch_data() {
        QTest::addColumn<QString>("imageAt");
        QTest::addColumn<QString>("expectedRoot");
        QTest::addColumn<bool>("warns");
        QTest::newRow("../<folder>") << "images/a.jpg"
                                     << "images" << false;
        QTest::newRow("../JPEGImages") << "JPEGImages/a.jpg"
                                       << "JPEGImages" << false;
        QTest::newRow("next to the xml") << "Annotations/a.jpg"
                                         << "Annotations" << false;
        QTest::newRow("not found") << QString() << "Annotations" << true;
    }

    void imageFolderSearch() {
        QFETCH(QString, imageAt);
        QFETCH(QString, expectedRoot);
        QFETCH(bool, warns);
        QTemporaryDir dir;
        writeFixture(
            dir, QStringLiteral("Annotations/a.xml"),
            vocXml(QStringLiteral("a.jpg"), object(QStringLiteral("x"), corners("1", "1", "2", "2"))));
        if (!imageAt.isEmpty())
            writeFixture(dir, imageAt, "x");
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            readVocAnnotations(dir.filePath(QStringLiteral("Annotations")), {}, &issues);
        QVERIFY(set);
        QCOMPARE(set->imageRoot, QDir::cleanPath(dir.filePath(expectedRoot)));
        QCOMPARE(hasIssue(issues, {"image a.jpg not found near the annotations"}), warns);
    }

    void pathUsedOnlyWhenItExistsHere() {
        QTemporaryDir dir, elsewhere;
        const QString image = writeFixture(elsewhere, QStringLiteral("pics/b.jpg"), "x");
        const QString xml = QStringLiteral("<annotation><filename>b.jpg</filename><path>%1</path>"
                                           "<size><width>10</width><height>10</height></size></annotation>")
                                .arg(image);
        const Result<AnnotationSet> set =
            readVocAnnotations(writeFixture(dir, QStringLiteral("ann/b.xml"), xml.toUtf8()), {}, nullptr);
        QVERIFY(set);
        QCOMPARE(set->imageRoot, QDir::cleanPath(elsewhere.filePath(QStringLiteral("pics"))));
        QCOMPARE(set->images[0].windows.size(), 0);
    }

    void labelme2vocStyle_data() {
        QTest::addColumn<CornerConvention>("convention");
        QTest::addColumn<QRectF>("box");
        QTest::newRow("voc rule") << CornerConvention::OneBasedInclusive
                                  << QRectF(190, 106.36900369003689, 123, 223);
        QTest::newRow("edges") << CornerConvention::ZeroBasedEdges
                               << QRectF(191, 107.36900369003689, 122, 222);
    }

    // labelme2voc copies LabelMe's float pixel-edge points into VOC, with empty <difficult/>.
    void labelme2vocStyle() {
        QFETCH(CornerConvention, convention);
        QFETCH(QRectF, box);
        QTemporaryDir dir;
        const QByteArray xml =
            "<annotation>\n  <folder/>\n  <filename>2011_000003.jpg</filename>\n  <database/>\n"
            "  <annotation/>\n  <image/>\n  <size>\n    <height>338</height>\n    <width>500</width>\n"
            "    <depth>3</depth>\n  </size>\n  <segmented/>\n  <object>\n    <name>person</name>\n"
            "    <pose/>\n    <truncated/>\n    <difficult/>\n    <bndbox>\n      <xmin>191.0</xmin>\n"
            "      <ymin>107.36900369003689</ymin>\n      <xmax>313.0</xmax>\n"
            "      <ymax>329.36900369003695</ymax>\n    </bndbox>\n  </object>\n</annotation>\n";
        ReadOptions options;
        options.vocCorners = convention;
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            readVocAnnotations(writeFixture(dir, QStringLiteral("2011_000003.xml"), xml), options, &issues);
        QVERIFY(set);
        QVERIFY2(issues.size() <= 1, qPrintable(issueText(issues))); // at most "image not found"
        const CropWindow& w = set->images[0].windows[0];
        QCOMPARE(w.box.x(), box.x());
        QCOMPARE(w.box.y(), box.y());
        QCOMPARE(w.box.width(), box.width());
        QVERIFY(qAbs(w.box.height() - box.height()) < 1e-9);
        QCOMPARE(set->images[0].declaredSize, QSize(500, 338));
        QVERIFY(w.extras.contains("voc.difficult"));
        QCOMPARE(w.extras.value("voc.difficult").toString(), QString());
    }

    void objectProblems_data() {
        QTest::addColumn<QString>("objectXml");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("text") << object("a", corners("abc", "1", "5", "5"))
                              << QStringList{"object[2]/bndbox/xmin", "'abc' is not a number"};
        QTest::newRow("nan") << object("a", corners("1", "nan", "5", "5"))
                             << QStringList{"object[2]/bndbox/ymin", "'nan' is not a number"};
        QTest::newRow("1e300") << object("a", corners("1", "1", "1e300", "5"))
                               << QStringList{"object[2]/bndbox/xmax", "out of range"};
        QTest::newRow("missing ymax") << object("a", "<xmin>1</xmin><ymin>1</ymin><xmax>5</xmax>")
                                      << QStringList{"object[2]", "<ymax> is missing"};
        QTest::newRow("reversed") << object("a", corners("10", "1", "5", "5"))
                                  << QStringList{"object[2]", "lie before"};
        QTest::newRow("no bndbox") << QStringLiteral("<object><name>cat</name></object>")
                                   << QStringList{"object[2]", "'cat' has no <bndbox>"};
    }

    // A bad object is an Error issue naming file, line and element; the good object is still read.
    void objectProblems() {
        QFETCH(QString, objectXml);
        QFETCH(QStringList, expected);
        QTemporaryDir dir;
        const QByteArray xml =
            vocXml(QStringLiteral("a.jpg"), object("ok", corners("1", "1", "5", "5")) + objectXml);
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            readVocAnnotations(writeFixture(dir, QStringLiteral("a.xml"), xml), {}, &issues);
        QVERIFY(set);
        QCOMPARE(set->windowCount(), 1);
        QStringList parts = expected;
        parts << QStringLiteral("a.xml:");
        QVERIFY2(hasIssue(issues, parts), qPrintable(issueText(issues)));
        for (const AnnotationIssue& issue : issues) {
            if (issue.element.startsWith(u"object"))
                QVERIFY2(issue.line > 8, qPrintable(issue.toString()));
        }
    }

    void sizeProblems_data() {
        QTest::addColumn<QString>("size");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<IssueSeverity>("severity");
        QTest::newRow("zero") << "<width>0</width><height>0</height>"
                              << "declares 0×0" << IssueSeverity::Warning;
        QTest::newRow("negative") << "<width>-5</width><height>10</height>"
                                  << "size/width" << IssueSeverity::Error;
        QTest::newRow("absurd") << "<width>1e300</width><height>10</height>"
                                << "out of range" << IssueSeverity::Error;
        QTest::newRow("fraction") << "<width>10.5</width><height>10</height>"
                                  << "whole number" << IssueSeverity::Error;
    }

    void sizeProblems() {
        QFETCH(QString, size);
        QFETCH(QString, expected);
        QFETCH(IssueSeverity, severity);
        QTemporaryDir dir;
        const QByteArray xml =
            vocXml(QStringLiteral("a.jpg"), object("ok", corners("1", "1", "5", "5")), {}, size);
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            readVocAnnotations(writeFixture(dir, QStringLiteral("a.xml"), xml), {}, &issues);
        QVERIFY(set);
        QCOMPARE(set->images[0].declaredSize, QSize());
        QCOMPARE(set->windowCount(), 1);
        QVERIFY2(hasIssue(issues, {expected}), qPrintable(issueText(issues)));
        for (const AnnotationIssue& issue : issues) {
            if (issue.toString().contains(expected))
                QCOMPARE(issue.severity, severity);
        }
    }

    void malformedFiles_data() {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unclosed")
            << QByteArray(
                   "<annotation>\n<filename>a.jpg</filename>\n<object>\n<name>x</name>\n</annotation>\n")
            << "a.xml:5:";
        QTest::newRow("wrong root") << QByteArray("<html><body/></html>") << "root element is <html>";
        QTest::newRow("no filename") << QByteArray("<annotation><size><width>1</width></size></annotation>")
                                     << "no <filename>";
        QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0", 11) << "a.xml:";
        QTest::newRow("empty") << QByteArray() << "a.xml:1: Premature end of document";
    }

    // One file: a fatal error naming file and line. In a folder: an issue, and the other files are read.
    void malformedFiles() {
        QFETCH(QByteArray, xml);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString bad = writeFixture(dir, QStringLiteral("ann/a.xml"), xml);
        const Result<AnnotationSet> single = readVocAnnotations(bad, {}, nullptr);
        QVERIFY(!single);
        QCOMPARE(single.error().kind, ErrorKind::Corrupt);
        QVERIFY2(single.error().message.contains(expected), qPrintable(single.error().message));
        writeFixture(dir, QStringLiteral("ann/b.xml"),
                     vocXml(QStringLiteral("b.jpg"), object("x", corners("1", "1", "2", "2"))));
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> folder =
            readVocAnnotations(dir.filePath(QStringLiteral("ann")), {}, &issues);
        QVERIFY(folder);
        QCOMPARE(folder->images.size(), 1);
        QVERIFY2(hasIssue(issues, {expected, "file skipped"}), qPrintable(issueText(issues)));
    }

    void entityExpansionIsBounded() {
        QByteArray xml =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE annotation [\n<!ENTITY a \"aaaaaaaaaaaaaaaaaaaa\">\n";
        for (int level = 1; level < 10; ++level)
            xml += QStringLiteral("<!ENTITY %1 \"&%2;&%2;&%2;&%2;&%2;&%2;&%2;&%2;&%2;&%2;\">\n")
                       .arg(QChar(u'a' + level))
                       .arg(QChar(u'a' + level - 1))
                       .toUtf8();
        xml += "]>\n<annotation><filename>&j;</filename></annotation>\n";
        QTemporaryDir dir;
        QElapsedTimer timer;
        timer.start();
        const Result<AnnotationSet> set =
            readVocAnnotations(writeFixture(dir, QStringLiteral("lol.xml"), xml), {}, nullptr);
        QVERIFY(timer.elapsed() < 5000);
        QVERIFY(!set);
        QVERIFY2(set.error().message.contains(u"lol.xml:"), qPrintable(set.error().message));
    }

    void foreignAbsoluteFilename() {
        QTemporaryDir dir;
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            readVocAnnotations(writeFixture(dir, QStringLiteral("a.xml"),
                                            vocXml(QStringLiteral("C:\\Users\\me\\pics\\a.jpg"), QString())),
                               {}, &issues);
        QVERIFY(set);
        QCOMPARE(set->images[0].path, QStringLiteral("a.jpg"));
        QVERIFY2(hasIssue(issues, {"warning", "absolute path"}), qPrintable(issueText(issues)));
    }

    void twoFilesForOneImageMerge() {
        QTemporaryDir dir;
        writeFixture(dir, QStringLiteral("x/1.xml"),
                     vocXml(QStringLiteral("a.jpg"), object("p", corners("1", "1", "2", "2"))));
        writeFixture(dir, QStringLiteral("x/2.xml"),
                     vocXml(QStringLiteral("a.jpg"), object("q", corners("3", "3", "4", "4"))));
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = readVocAnnotations(dir.filePath(QStringLiteral("x")), {}, &issues);
        QVERIFY(set);
        QCOMPARE(set->images.size(), 1);
        QCOMPARE(set->images[0].windows.size(), 2);
        QCOMPARE(set->images[0].windows[1].id, QStringLiteral("1"));
        QVERIFY2(hasIssue(issues, {"2.xml", "boxes merged"}), qPrintable(issueText(issues)));
    }

    void emptyFolderIsAnError() {
        QTemporaryDir dir;
        const Result<AnnotationSet> set = readVocAnnotations(dir.path(), {}, nullptr);
        QVERIFY(!set);
        QCOMPARE(set.error().kind, ErrorKind::NotFound);
    }

    void writeKeepsEverythingItRead() {
        QTemporaryDir dir;
        const QString flags =
            QStringLiteral("<pose>Left</pose><truncated>1</truncated><difficult>1</difficult>");
        writeFixture(dir, QStringLiteral("in/a.xml"),
                     vocXml(QStringLiteral("a.jpg"), object(QStringLiteral("r &amp; d &lt;x&gt;"),
                                                            corners("1", "1", "650", "417"), flags)));
        writeFixture(dir, QStringLiteral("images/a.jpg"), "x");
        const Result<AnnotationSet> set = readVocAnnotations(dir.filePath(QStringLiteral("in")), {}, nullptr);
        QVERIFY(set);
        QCOMPARE(set->images.size(), 1);
        QStringList losses;
        const QString out = dir.filePath(QStringLiteral("out"));
        QVERIFY(writeAnnotations(*set, out, AnnotationFormat::Voc, {}, &losses));
        QVERIFY2(losses.isEmpty(), qPrintable(losses.join(u'\n')));
        QVERIFY2(QFileInfo::exists(dir.filePath(QStringLiteral("out/a.xml"))),
                 qPrintable(set->images[0].path));
        const Result<AnnotationSet> back = readVocAnnotations(out, {}, nullptr);
        QVERIFY(back);
        QCOMPARE(firstDifference(*set, *back), QString());
        QCOMPARE(back->images[0].extras, set->images[0].extras);
        QCOMPARE(back->images[0].windows[0].extras, set->images[0].windows[0].extras);
        QCOMPARE(back->images[0].windows[0].label, QStringLiteral("r & d <x>"));
    }

    void writeRoundsOrKeepsDecimals() {
        QTemporaryDir dir;
        AnnotationSet set;
        set.imageRoot = dir.filePath(QStringLiteral("images"));
        set.images = {ImageEntry{QStringLiteral("sub/a.jpg"), QSize(100, 80), {}, {}}};
        set.images[0].windows = {
            CropWindow{CropWindow::Kind::Box, QRectF(10.4, 20.5, 30.2, 9.9), {}, "c", "0", {}}};
        QStringList losses;
        QVERIFY(writeVocAnnotations(set, dir.filePath(QStringLiteral("whole")), {}, &losses));
        QVERIFY2(losses.join(u'\n').contains(u"boxes rounded to whole pixels"),
                 qPrintable(losses.join(u'\n')));
        ReadOptions options;
        options.imageRoot = set.imageRoot;
        Result<AnnotationSet> back =
            readVocAnnotations(dir.filePath(QStringLiteral("whole/sub/a.xml")), options, nullptr);
        QVERIFY(back);
        QCOMPARE(back->images[0].path, QStringLiteral("sub/a.jpg"));
        QCOMPARE(back->images[0].windows[0].box,
                 QRectF(10, 21, 31, 9)); // edges 10.4→10, 40.6→41, 20.5→21, 30.4→30

        WriteOptions decimals;
        decimals.vocWholePixels = false;
        losses.clear();
        QVERIFY(writeVocAnnotations(set, dir.filePath(QStringLiteral("decimals")), decimals, &losses));
        QVERIFY2(losses.isEmpty(), qPrintable(losses.join(u'\n')));
        back = readVocAnnotations(dir.filePath(QStringLiteral("decimals")), options, nullptr);
        QVERIFY(back);
        QCOMPARE(firstDifference(set, *back, {1e-9}), QString());
    }

    void writeUnknownSizeIsReported() {
        QTemporaryDir dir;
        AnnotationSet set;
        set.images = {ImageEntry{QStringLiteral("a.jpg"), QSize(), {}, {}}};
        QStringList losses;
        QVERIFY(writeVocAnnotations(set, dir.path(), {}, &losses));
        QVERIFY2(losses.join(u'\n').contains(u"written as 0×0"), qPrintable(losses.join(u'\n')));
        WriteOptions options;
        options.imageSize = constantSize(QSize(7, 9));
        losses.clear();
        QVERIFY(writeVocAnnotations(set, dir.path(), options, &losses));
        QVERIFY(losses.isEmpty());
        const Result<AnnotationSet> back = readVocAnnotations(dir.path(), {}, nullptr);
        QVERIFY(back);
        QCOMPARE(back->images[0].declaredSize, QSize(7, 9));
    }

    void writeToAFileIsRefused() {
        QTemporaryDir dir;
        const QString file = writeFixture(dir, QStringLiteral("file.txt"), "x");
        const Status status = writeVocAnnotations(AnnotationSet(), file, {}, nullptr);
        QVERIFY(!status);
        QCOMPARE(status.error().kind, ErrorKind::Invalid);
    }
};

QTEST_GUILESS_MAIN(TestVocAnnotations)
#include "test_voc_annotations.moc"
