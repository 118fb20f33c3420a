// SPDX-License-Identifier: GPL-3.0-or-later
// YOLO label folders: data.yaml forms, the ships_yolo quirks (yaml disagreeing with the folders, polygon
// rows, missing label files, label files without images, no final newline), bad lines, writing back.

#include "AnnotationTestSupport.h"
#include "annotations/AnnotationIO.h"
#include "annotations/YoloClassNames.h"
#include "annotations/YoloFormat.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

QString readText(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// A small copy of ships_yolo's shape.
void writeShipsLike(const QTemporaryDir& dir) {
    writeFixture(
        dir, QStringLiteral("data.yaml"),
        "train: ../train/images\nval: ../valid/images\ntest: ../test/images\n\nnc: 1\nnames: ['Ships']\n\n"
        "roboflow:\n  workspace: creator2004\n  version: 1\n");
    writeFixture(dir, QStringLiteral("README.roboflow.txt"), "Exported via roboflow.com\n");
    writeFixture(dir, QStringLiteral("train/images/a.jpg"), "x");
    writeFixture(dir, QStringLiteral("train/images/b.jpg"), "x");
    writeFixture(dir, QStringLiteral("train/images/#temp"), "x");
    writeFixture(dir, QStringLiteral("train/labels/#temp"), "x");
    // Box row, then a polygon row (a triangle), no final newline.
    writeFixture(dir, QStringLiteral("train/labels/a.txt"), "0 0.5 0.5 0.25 0.5\n3 0.1 0.2 0.3 0.2 0.2 0.6");
    writeFixture(dir, QStringLiteral("validate/images/c.jpg"), "x");
    writeFixture(dir, QStringLiteral("validate/labels/c.txt"), "0 0.5 0.5 1 1\r\n");
    writeFixture(dir, QStringLiteral("validate/labels/orphan.txt"), "0 0.5 0.5 1 1\n");
    writeFixture(dir, QStringLiteral("test/images/d.jpg"), "x");
    writeFixture(dir, QStringLiteral("test/labels/d.txt"), "\n");
}

} // namespace

Q_DECLARE_METATYPE(ShapePolicy)

class TestYoloAnnotations : public QObject {
    Q_OBJECT

private slots:
    void dataYaml_data() {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<int>("nc");
        QTest::newRow("flow list") << "nc: 2\nnames: [cat, dog]\n" << QStringList{"cat", "dog"} << 2;
        QTest::newRow("quoted flow") << "names: ['Ships', \"big boat\", 'it''s']\n"
                                     << QStringList{"Ships", "big boat", "it's"} << -1;
        QTest::newRow("flow over lines") << "names: [a,\n  b, # comment\n  c]\nnc: 3\n"
                                         << QStringList{"a", "b", "c"} << 3;
        QTest::newRow("block list") << "path: ../data\nnames:\n  - person\n  - 'traffic light'\nnc: 2\n"
                                    << QStringList{"person", "traffic light"} << 2;
        QTest::newRow("block list at column 0") << "names:\n- a\n- b\ntrain: x\n"
                                                << QStringList{"a", "b"} << -1;
        QTest::newRow("block map") << "names:\n  0: person\n  1: bicycle # two wheels\n  2: car\n"
                                   << QStringList{"person", "bicycle", "car"} << -1;
        QTest::newRow("flow map") << "names: {0: a, 1: 'b, c'}\n" << QStringList{"a", "b, c"} << -1;
        QTest::newRow("map with gap") << "names:\n  0: a\n  2: c\n" << QStringList{"a", "1", "c"} << -1;
        QTest::newRow("comments and crlf") << "# dataset\r\nnc: 1 # one\r\nnames: ['x'] # the class\r\n"
                                           << QStringList{"x"} << 1;
        QTest::newRow("no names") << "train: images\n" << QStringList{} << -1;
    }

    void dataYaml() {
        QFETCH(QString, yaml);
        QFETCH(QStringList, names);
        QFETCH(int, nc);
        const YoloDataYaml parsed = parseYoloDataYaml(yaml);
        QCOMPARE(parsed.names, names);
        QCOMPARE(parsed.nc.value_or(-1), nc);
        QVERIFY2(parsed.problems.isEmpty(), qPrintable(parsed.problems.join(u'\n')));
    }

    void dataYamlPathsAndProblems() {
        const YoloDataYaml parsed = parseYoloDataYaml(
            QStringLiteral("train: ../train/images\nval: [a/images, b/images]\nnc: many\nnames:\n  x: y\n"));
        QCOMPARE(parsed.paths.value("train"), QStringLiteral("../train/images"));
        QCOMPARE(parsed.paths.value("val"), QStringLiteral("a/images;b/images"));
        QCOMPARE(parsed.problems.size(), 2);
        QVERIFY(parsed.problems[0].startsWith(u"line 3"));
        QVERIFY(parsed.problems[1].startsWith(u"line 5"));
    }

    void classesTxt() {
        QCOMPARE(parseYoloClassesTxt(QStringLiteral("cat\r\ndog house\r\n\r\n\n")),
                 (QStringList{"cat", "dog house"}));
        QCOMPARE(parseYoloClassesTxt(QStringLiteral("a\n\nc")), (QStringList{"a", "", "c"}));
        QCOMPARE(parseYoloDataYaml(QStringLiteral("names: ") + yoloYamlNames({"it's", "a, b"})).names,
                 (QStringList{"it's", "a, b"}));
    }

    void shipsLikeDataset() {
        QTemporaryDir dir;
        writeShipsLike(dir);
        ReadOptions options;
        options.imageSize = constantSize(QSize(200, 100));
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = readAnnotations(dir.path(), options, &issues);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
        QCOMPARE(set->format, QStringLiteral("yolo"));
        QCOMPARE(set->classes, QStringList{"Ships"});
        QCOMPARE(set->imageRoot, QDir(dir.path()).absolutePath());
        QStringList paths;
        for (const ImageEntry& image : set->images)
            paths << image.path;
        QCOMPARE(paths, (QStringList{"test/images/d.jpg", "train/images/a.jpg", "train/images/b.jpg",
                                     "validate/images/c.jpg"}));
        const ImageEntry* a = imageNamed(*set, QStringLiteral("train/images/a.jpg"));
        QCOMPARE(a->declaredSize, QSize(200, 100));
        QCOMPARE(a->windows.size(), 2);
        QCOMPARE(a->windows[0].box, QRectF(75, 25, 50, 50));
        QCOMPARE(a->windows[0].label, QStringLiteral("Ships"));
        // The polygon (0.1,0.2) (0.3,0.2) (0.2,0.6) of 200×100 → its bounding box, points kept.
        QCOMPARE(a->windows[1].box, QRectF(20, 20, 40, 40));
        QCOMPARE(a->windows[1].label, QStringLiteral("3"));
        QCOMPARE(a->windows[1].extras.value("yolo.polygon").toList().size(), 6);
        // Missing label file: an image with no boxes. Empty label file: same.
        QCOMPARE(imageNamed(*set, QStringLiteral("train/images/b.jpg"))->windows.size(), 0);
        QCOMPARE(imageNamed(*set, QStringLiteral("test/images/d.jpg"))->windows.size(), 0);
        QCOMPARE(imageNamed(*set, QStringLiteral("validate/images/c.jpg"))->windows[0].box,
                 QRectF(0, 0, 200, 100));
        QVERIFY2(hasIssue(issues, {"a.txt:2", "class 3 is past the 1 listed name(s)"}),
                 qPrintable(issueText(issues)));
        QVERIFY2(hasIssue(issues, {"orphan.txt", "no image for this label file"}),
                 qPrintable(issueText(issues)));
        QVERIFY2(hasIssue(issues, {"data.yaml", "val", "../valid/images does not exist here"}),
                 qPrintable(issueText(issues)));
        QVERIFY2(!hasIssue(issues, {"train", "does not exist"}), qPrintable(issueText(issues)));
        QVERIFY2(!hasIssue(issues, {"#temp"}), qPrintable(issueText(issues)));
        QVERIFY2(!hasErrors(issues), qPrintable(issueText(issues)));
    }

    void polygonsReported() {
        QTemporaryDir dir;
        writeShipsLike(dir);
        ReadOptions options;
        options.imageSize = constantSize(QSize(200, 100));
        options.shapes = ShapePolicy::Report;
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = readYoloAnnotations(dir.path(), options, &issues);
        QVERIFY(set);
        QCOMPARE(imageNamed(*set, QStringLiteral("train/images/a.jpg"))->windows.size(), 1);
        QVERIFY2(hasIssue(issues, {"a.txt:2", "polygon row skipped"}), qPrintable(issueText(issues)));
    }

    void unknownSizeIsReported() {
        QTemporaryDir dir;
        writeShipsLike(dir);
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = readYoloAnnotations(dir.path(), {}, &issues);
        QVERIFY(set);
        QCOMPARE(set->windowCount(), 0);
        QVERIFY2(hasIssue(issues, {"a.txt", "size of", "a.jpg unknown", "2 box(es) skipped"}),
                 qPrintable(issueText(issues)));
    }

    void splitFolderFindsParentYaml() {
        QTemporaryDir dir;
        writeShipsLike(dir);
        ReadOptions options;
        options.imageSize = constantSize(QSize(10, 10));
        const Result<AnnotationSet> set =
            readYoloAnnotations(dir.filePath(QStringLiteral("train")), options, nullptr);
        QVERIFY(set);
        QCOMPARE(set->classes, QStringList{"Ships"});
        QCOMPARE(set->images.size(), 2);
        QCOMPARE(set->images[0].path, QStringLiteral("images/a.jpg"));
    }

    void singleLabelFile() {
        QTemporaryDir dir;
        writeShipsLike(dir);
        ReadOptions options;
        options.imageSize = constantSize(QSize(10, 10));
        const Result<AnnotationSet> set =
            readAnnotations(dir.filePath(QStringLiteral("validate/labels/c.txt")), options, nullptr);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
        QCOMPARE(set->windowCount(), 1);
        QCOMPARE(set->images[0].path, QStringLiteral("images/c.jpg"));
    }

    void classSources() {
        QTemporaryDir dir;
        writeFixture(dir, QStringLiteral("classes.txt"), "cat\ndog\n");
        writeFixture(dir, QStringLiteral("data.yaml"), "names: [cat, wolf]\nnc: 2\n");
        writeFixture(dir, QStringLiteral("a.jpg"), "x");
        writeFixture(dir, QStringLiteral("a.txt"), "1 0.5 0.5 0.5 0.5\n");
        ReadOptions options;
        options.imageSize = constantSize(QSize(10, 10));
        QList<AnnotationIssue> issues;
        Result<AnnotationSet> set = readYoloAnnotations(dir.path(), options, &issues);
        QVERIFY(set);
        QCOMPARE(set->images[0].windows[0].label, QStringLiteral("dog"));
        QVERIFY2(hasIssue(issues, {"classes.txt and data.yaml list different names"}),
                 qPrintable(issueText(issues)));
        options.classNames = {QStringLiteral("x"), QStringLiteral("y")};
        set = readYoloAnnotations(dir.path(), options, nullptr);
        QCOMPARE(set->images[0].windows[0].label, QStringLiteral("y"));
    }

    void noClassNames() {
        QTemporaryDir dir;
        writeFixture(dir, QStringLiteral("images/a.jpg"), "x");
        writeFixture(dir, QStringLiteral("labels/a.txt"), "4 0.5 0.5 0.5 0.5\n");
        ReadOptions options;
        options.imageSize = constantSize(QSize(10, 10));
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = readYoloAnnotations(dir.path(), options, &issues);
        QVERIFY(set);
        QCOMPARE(set->images[0].windows[0].label, QStringLiteral("4"));
        QCOMPARE(issues.size(), 1);
        QVERIFY2(hasIssue(issues, {"no classes.txt or data.yaml"}), qPrintable(issueText(issues)));
    }

    void badLines_data() {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("3 values") << QByteArray("0 0.5 0.5") << QStringList{"3 values"};
        QTest::newRow("8 values") << QByteArray("0 0.1 0.1 0.2 0.2 0.3 0.3 0.4") << QStringList{"8 values"};
        QTest::newRow("text") << QByteArray("0 0.5 abc 0.1 0.1")
                              << QStringList{"value 3", "'abc' is not a number"};
        QTest::newRow("nan") << QByteArray("0 nan 0.5 0.1 0.1")
                             << QStringList{"value 2", "'nan' is not a number"};
        QTest::newRow("1e300") << QByteArray("0 0.5 0.5 1e300 0.1") << QStringList{"value 4", "out of range"};
        QTest::newRow("negative size") << QByteArray("0 0.5 0.5 -0.1 0.1") << QStringList{"negative width"};
        QTest::newRow("negative class")
            << QByteArray("-1 0.5 0.5 0.1 0.1") << QStringList{"class", "whole number"};
        QTest::newRow("fractional class")
            << QByteArray("1.5 0.5 0.5 0.1 0.1") << QStringList{"class", "whole number"};
        QTest::newRow("huge class") << QByteArray("99999999 0.5 0.5 0.1 0.1")
                                    << QStringList{"class", "out of range"};
    }

    // A bad line is an Error issue naming the label file and line; the other lines are read.
    void badLines() {
        QFETCH(QByteArray, line);
        QFETCH(QStringList, expected);
        QTemporaryDir dir;
        writeFixture(dir, QStringLiteral("images/a.jpg"), "x");
        writeFixture(dir, QStringLiteral("labels/a.txt"),
                     "0 0.5 0.5 0.1 0.1\n" + line + "\n0 0.5 0.5 0.2 0.2");
        ReadOptions options;
        options.imageSize = constantSize(QSize(100, 100));
        options.classNames = {QStringLiteral("c")};
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = readYoloAnnotations(dir.path(), options, &issues);
        QVERIFY(set);
        QCOMPARE(set->windowCount(), 2);
        QStringList parts = expected;
        parts << QStringLiteral("a.txt:2");
        QVERIFY2(hasIssue(issues, parts), qPrintable(issueText(issues)));
        QCOMPARE(issues.first().severity, IssueSeverity::Error);
    }

    void outsideImageIsWarning() {
        QTemporaryDir dir;
        writeFixture(dir, QStringLiteral("a.jpg"), "x");
        writeFixture(dir, QStringLiteral("a.txt"), "0 1.2 0.5 0.5 0.5\n");
        ReadOptions options;
        options.imageSize = constantSize(QSize(100, 100));
        options.classNames = {QStringLiteral("c")};
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = readYoloAnnotations(dir.path(), options, &issues);
        QVERIFY(set);
        QCOMPARE(set->images[0].windows[0].box, QRectF(95, 25, 50, 50));
        QVERIFY2(hasIssue(issues, {"a.txt:1", "warning", "outside [0, 1]"}), qPrintable(issueText(issues)));
    }

    void farAwayBoxIsRefused() {
        QTemporaryDir dir;
        writeFixture(dir, QStringLiteral("a.jpg"), "x");
        writeFixture(dir, QStringLiteral("a.txt"), "0 999 0.5 0.1 0.1\n0 0.5 0.5 0.1 0.1\n");
        ReadOptions options;
        options.imageSize = constantSize(QSize(1000000, 1000000));
        options.classNames = {QStringLiteral("c")};
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = readYoloAnnotations(dir.path(), options, &issues);
        QVERIFY(set);
        QCOMPARE(set->windowCount(), 1);
        QVERIFY2(hasIssue(issues, {"a.txt:1", "lies more than"}), qPrintable(issueText(issues)));
    }

    void writeAndReadBack() {
        QTemporaryDir dir;
        writeShipsLike(dir);
        ReadOptions options;
        options.imageSize = constantSize(QSize(200, 100));
        const Result<AnnotationSet> set = readYoloAnnotations(dir.path(), options, nullptr);
        QVERIFY(set);
        const QString out = dir.filePath(QStringLiteral("out"));
        QStringList losses;
        QVERIFY(writeAnnotations(*set, out, AnnotationFormat::Yolo, {}, &losses));
        QVERIFY2(losses.join(u'\n').contains(u"YOLO keeps no image paths"), qPrintable(losses.join(u'\n')));
        QCOMPARE(losses.size(), 1);
        QCOMPARE(readText(out + QStringLiteral("/classes.txt")), QStringLiteral("Ships\n"));
        QCOMPARE(readText(out + QStringLiteral("/data.yaml")), QStringLiteral("nc: 1\nnames: ['Ships']\n"));
        // Same lines as the input, with the polygon restored and the unknown class id kept.
        QCOMPARE(readText(out + QStringLiteral("/train/labels/a.txt")),
                 QStringLiteral("0 0.5 0.5 0.25 0.5\n3 0.1 0.2 0.3 0.2 0.2 0.6\n"));
        QCOMPARE(readText(out + QStringLiteral("/train/labels/b.txt")), QString());
        ReadOptions again = options;
        again.imageRoot = dir.path();
        const Result<AnnotationSet> back = readYoloAnnotations(out, again, nullptr);
        QVERIFY(back);
        QCOMPARE(firstDifference(*set, *back), QString());
    }

    void writeFromAnotherFormat() {
        QTemporaryDir dir;
        AnnotationSet set;
        set.imageRoot = dir.path();
        set.classes = {QStringLiteral("cat")};
        set.images = {ImageEntry{QStringLiteral("x/a.png"), QSize(640, 480), {}, {}},
                      ImageEntry{QStringLiteral("b.jpg"), QSize(), {}, {}}};
        CropWindow moved{CropWindow::Kind::Box, QRectF(10.5, 20, 30, 40.25), {}, "dog", "0", {}};
        moved.extras.insert("yolo.polygon",
                            QVariantList{0.0, 0.0, 0.5, 0.0, 0.5, 0.5}); // no longer fits the box
        set.images[0].windows = {moved,
                                 CropWindow{CropWindow::Kind::Box, QRectF(0, 0, 640, 480), {}, "", "1", {}}};
        set.images[1].windows = {CropWindow{CropWindow::Kind::Box, QRectF(1, 1, 1, 1), {}, "cat", "0", {}}};
        writeFixture(dir, QStringLiteral("x/a.png"), "x");
        writeFixture(dir, QStringLiteral("b.jpg"), "x");
        QStringList losses;
        QVERIFY(writeYoloAnnotations(set, dir.path(), {}, &losses));
        const QString report = losses.join(u'\n');
        QVERIFY2(report.contains(u"labels that cannot be a classes.txt line (empty, line breaks) renamed: 1"),
                 qPrintable(report));
        QVERIFY2(report.contains(
                     u"boxes skipped because their image's size is unknown (YOLO stores fractions): 1"),
                 qPrintable(report));
        QVERIFY2(!report.contains(u"keeps no image paths"), qPrintable(report));
        QCOMPARE(readText(dir.filePath(QStringLiteral("classes.txt"))),
                 QStringLiteral("cat\ndog\nunlabeled\n"));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("labels/x/a.txt"))));
        ReadOptions options;
        options.imageSize = sizesByName({{QStringLiteral("a.png"), QSize(640, 480)}});
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> back = readYoloAnnotations(dir.path(), options, &issues);
        QVERIFY(back);
        const ImageEntry* a = imageNamed(*back, QStringLiteral("x/a.png"));
        QVERIFY(a);
        QCOMPARE(a->windows[0].box, moved.box);
        QCOMPARE(a->windows[0].label, QStringLiteral("dog"));
        QVERIFY(!a->windows[0].extras.contains("yolo.polygon"));
        QCOMPARE(a->windows[1].label, QStringLiteral("unlabeled"));
    }

    void confidenceColumnKept() {
        QTemporaryDir dir;
        writeFixture(dir, QStringLiteral("a.jpg"), "x");
        writeFixture(dir, QStringLiteral("a.txt"), "0 0.5 0.5 0.5 0.5 0.875\n");
        ReadOptions options;
        options.imageSize = constantSize(QSize(64, 64));
        options.classNames = {QStringLiteral("c")};
        const Result<AnnotationSet> set = readYoloAnnotations(dir.path(), options, nullptr);
        QVERIFY(set);
        QCOMPARE(set->images[0].windows[0].extras.value("yolo.confidence").toDouble(), 0.875);
        QVERIFY(writeYoloAnnotations(*set, dir.filePath(QStringLiteral("out")), {}, nullptr));
        QCOMPARE(readText(dir.filePath(QStringLiteral("out/labels/a.txt"))),
                 QStringLiteral("0 0.5 0.5 0.5 0.5 0.875\n"));
    }
};

QTEST_GUILESS_MAIN(TestYoloAnnotations)
#include "test_yolo_annotations.moc"
