// SPDX-License-Identifier: GPL-3.0-or-later
// COCO JSON: the Roboflow/labelme quirks (unused categories, images without annotations, file_name
// with folders, iscrowd, segmentation), bad values named by element, and exact round trips.

#include "AnnotationTestSupport.h"
#include "annotations/AnnotationIO.h"
#include "annotations/CocoFormat.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

// Like chess_coco: category 0 is an unused supercategory, image 2 has no annotations.
const QByteArray kChessLike = json(
    "{ "
    "'info': {'year': '2021', 'description': 'Exported from roboflow.ai'}, "
    "'licenses': [{'id': 1, 'url': 'https://creativecommons.org/publicdomain/zero/1.0/', 'name': 'Public "
    "Domain'}], "
    "'categories': [{'id': 0, 'name': 'pieces', 'supercategory': 'none'}, "
    "{'id': 1, 'name': 'bishop', 'supercategory': 'pieces'}, "
    "{'id': 7, 'name': 'black-rook', 'supercategory': 'pieces'}], "
    "'images': [{'id': 0, 'license': 1, 'file_name': 'a.jpg', 'height': 1371, 'width': 2048, "
    "'date_captured': 'x'}, "
    "{'id': 2, 'license': 1, 'file_name': 'JPEGImages/b.jpg', 'height': 10, 'width': 20}], "
    "'annotations': [{'id': 5, 'image_id': 0, 'category_id': 7, 'bbox': [832, 373, 118, 187], 'area': 22066, "
    "'segmentation': [], 'iscrowd': 0}, "
    "{'id': 9, 'image_id': 0, 'category_id': 1, 'bbox': [0.5, 1.25, 10, 20.75], 'area': 99.5, "
    "'segmentation': [[1, 1, 5, 1, 5, 9]], 'iscrowd': 1}] "
    "} ");

} // namespace

class TestCocoAnnotations : public QObject {
    Q_OBJECT

private slots:
    void chessLikeFile() {
        QTemporaryDir dir;
        const QString file = writeFixture(dir, QStringLiteral("_annotations.coco.json"), kChessLike);
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = readAnnotations(file, {}, &issues);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
        QVERIFY2(issues.isEmpty(), qPrintable(issueText(issues)));
        QCOMPARE(set->format, QStringLiteral("coco"));
        QCOMPARE(set->imageRoot, QFileInfo(file).absolutePath());
        QCOMPARE(set->classes, (QStringList{"pieces", "bishop", "black-rook"}));
        QCOMPARE(set->images.size(), 2);
        QCOMPARE(set->images[1].path, QStringLiteral("JPEGImages/b.jpg"));
        QCOMPARE(set->images[1].windows.size(), 0);
        QCOMPARE(set->images[0].declaredSize, QSize(2048, 1371));
        const CropWindow& rook = set->images[0].windows[0];
        QCOMPARE(rook.box, QRectF(832, 373, 118, 187));
        QCOMPARE(rook.label, QStringLiteral("black-rook"));
        QCOMPARE(rook.id, QStringLiteral("5"));
        const CropWindow& crowd = set->images[0].windows[1];
        QCOMPARE(crowd.box, QRectF(0.5, 1.25, 10, 20.75));
        QCOMPARE(crowd.extras.value("coco.iscrowd").toInt(), 1);
        QCOMPARE(crowd.extras.value("coco.segmentation").toList().size(), 1);
        QVERIFY(set->extras.contains("coco.info"));
        QVERIFY(set->extras.contains("coco.licenses"));
        QCOMPARE(set->images[0].extras.value("coco.date_captured").toString(), QStringLiteral("x"));
    }

    void roundTripKeepsEverything() {
        QTemporaryDir dir;
        const Result<AnnotationSet> set =
            readCocoAnnotations(writeFixture(dir, QStringLiteral("in.json"), kChessLike), {}, nullptr);
        QVERIFY(set);
        const QString out = dir.filePath(QStringLiteral("out/coco.json"));
        QStringList losses;
        QVERIFY(writeAnnotations(*set, out, AnnotationFormat::Coco, {}, &losses));
        QVERIFY2(losses.isEmpty(), qPrintable(losses.join(u'\n')));
        // file_name is rewritten relative to the new JSON, so it still finds the same image.
        const Result<AnnotationSet> back = readCocoAnnotations(out, {}, nullptr);
        QVERIFY(back);
        QCOMPARE(firstDifference(*set, *back), QString());
        QCOMPARE(back->images[1].path, QStringLiteral("../JPEGImages/b.jpg"));
        QCOMPARE(back->classes, set->classes);
        QCOMPARE(back->images[0].windows[1].id, QStringLiteral("9"));
        QCOMPARE(back->images[0].windows[1].extras, set->images[0].windows[1].extras);
        QCOMPARE(back->extras, set->extras);
        QCOMPARE(back->images[0].extras, set->images[0].extras);

        // The written JSON keeps category ids and image ids.
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(root.value("categories").toArray().at(2).toObject().value("id").toInt(), 7);
        QCOMPARE(root.value("images").toArray().at(1).toObject().value("id").toInt(), 2);
        QCOMPARE(root.value("annotations").toArray().at(0).toObject().value("category_id").toInt(), 7);
    }

    void writeFromAnotherFormat() {
        QTemporaryDir dir;
        AnnotationSet set;
        set.imageRoot = dir.path();
        set.classes = {QStringLiteral("cat")};
        set.images = {ImageEntry{QStringLiteral("a.jpg"), QSize(), {}, {}},
                      ImageEntry{QStringLiteral("b.jpg"), QSize(4, 4), {}, {}}};
        set.images[0].windows = {CropWindow{CropWindow::Kind::Box, QRectF(1, 2, 3, 4), {}, "dog", "0", {}},
                                 CropWindow{CropWindow::Kind::Box, QRectF(0, 0, 1, 1), {}, "cat", "1", {}}};
        set.images[1].windows = {CropWindow{CropWindow::Kind::Box, QRectF(1, 1, 2, 2), {}, "cat", "0", {}}};
        set.images[0].windows[0].extras.insert("voc.pose", "Left");
        QStringList losses;
        const QString out = dir.filePath(QStringLiteral("c.json"));
        QVERIFY(writeCocoAnnotations(set, out, {}, &losses));
        const QString report = losses.join(u'\n');
        QVERIFY2(report.contains(u"coco: box field 'voc.pose' is not kept: 1"), qPrintable(report));
        QVERIFY2(report.contains(u"width/height written as 0 because they are unknown: 1"),
                 qPrintable(report));
        const Result<AnnotationSet> back = readCocoAnnotations(out, {}, nullptr);
        QVERIFY(back);
        QCOMPARE(back->classes, (QStringList{"cat", "dog"}));
        QCOMPARE(firstDifference(set, *back), QString());
        // Ids repeated across images ("0") are renumbered 1..N.
        QCOMPARE(back->images[0].windows[0].id, QStringLiteral("1"));
        QCOMPARE(back->images[1].windows[0].id, QStringLiteral("3"));
        QCOMPARE(back->images[0].windows[0].extras.value("coco.area").toDouble(), 12.0);
    }

    void problems_data() {
        QTest::addColumn<QByteArray>("annotation");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<int>("boxes");
        QTest::newRow("unknown image")
            << QByteArray(json("{'id': 3, 'image_id': 42, 'category_id': 1, 'bbox': [1, 2, 3, 4]} "))
            << QStringList{"annotations[1].image_id", "no image with id '42'"} << 1;
        QTest::newRow("unknown category")
            << QByteArray(json("{'id': 3, 'image_id': 1, 'category_id': 99, 'bbox': [1, 2, 3, 4]} "))
            << QStringList{"warning", "annotations[1].category_id", "'99'"} << 2;
        QTest::newRow("short bbox") << QByteArray(json(
                                           "{'id': 3, 'image_id': 1, 'category_id': 1, 'bbox': [1, 2, 3]} "))
                                    << QStringList{"annotations[1].bbox", "expected [x, y, width, height]"}
                                    << 1;
        QTest::newRow("string in bbox")
            << QByteArray(json("{'id': 3, 'image_id': 1, 'category_id': 1, 'bbox': [1, '2', 3, 4]} "))
            << QStringList{"annotations[1].bbox[1]", "not a number"} << 1;
        QTest::newRow("1e300")
            << QByteArray(json("{'id': 3, 'image_id': 1, 'category_id': 1, 'bbox': [1, 2, 1e300, 4]} "))
            << QStringList{"annotations[1].bbox[2]", "out of range"} << 1;
        QTest::newRow("null") << QByteArray(json(
                                     "{'id': 3, 'image_id': 1, 'category_id': 1, 'bbox': [null, 2, 3, 4]} "))
                              << QStringList{"annotations[1].bbox[0]"} << 1;
        QTest::newRow("negative")
            << QByteArray(json("{'id': 3, 'image_id': 1, 'category_id': 1, 'bbox': [1, 2, -3, 4]} "))
            << QStringList{"annotations[1].bbox", "negative size"} << 1;
        QTest::newRow("no bbox") << QByteArray(json("{'id': 3, 'image_id': 1, 'category_id': 1} "))
                                 << QStringList{"annotations[1].bbox"} << 1;
    }

    void problems() {
        QFETCH(QByteArray, annotation);
        QFETCH(QStringList, expected);
        QFETCH(int, boxes);
        const QByteArray text =
            json("{'categories': [{'id': 1, 'name': 'x'}], "
                 "'images': [{'id': 1, 'file_name': 'a.jpg', 'width': 10, 'height': 10}], "
                 "'annotations': [{'id': 1, 'image_id': 1, 'category_id': 1, 'bbox': [1, 1, 2, 2]}, ") +
            annotation + "]}";
        QTemporaryDir dir;
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            readCocoAnnotations(writeFixture(dir, QStringLiteral("p.json"), text), {}, &issues);
        QVERIFY(set);
        QCOMPARE(set->windowCount(), boxes);
        QStringList parts = expected;
        parts << QStringLiteral("p.json");
        QVERIFY2(hasIssue(issues, parts), qPrintable(issueText(issues)));
    }

    void imageProblems() {
        const QByteArray text =
            json("{'categories': [], "
                 "'images': [{'id': 1, 'file_name': 'a.jpg', 'width': -10, 'height': 10}, "
                 "{'id': 1, 'file_name': 'dup.jpg'}, "
                 "{'id': 3}, "
                 "{'id': 4, 'file_name': 'big.jpg', 'width': 1e300, 'height': 5}], "
                 "'annotations': []} ");
        QTemporaryDir dir;
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            readCocoAnnotations(writeFixture(dir, QStringLiteral("i.json"), text), {}, &issues);
        QVERIFY(set);
        QCOMPARE(set->images.size(), 2);
        QCOMPARE(set->images[0].declaredSize, QSize());
        QVERIFY2(hasIssue(issues, {"images[0]", "declared size ignored"}), qPrintable(issueText(issues)));
        QVERIFY2(hasIssue(issues, {"images[1]", "id 1 used twice"}), qPrintable(issueText(issues)));
        QVERIFY2(hasIssue(issues, {"images[2]", "no file_name"}), qPrintable(issueText(issues)));
        QVERIFY2(hasIssue(issues, {"images[3]", "out of range"}), qPrintable(issueText(issues)));
    }

    void malformed_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("trailing comma")
            << QByteArray("{\n\"images\": [],\n\"annotations\": [,]\n}") << "m.json:3: malformed JSON";
        QTest::newRow("NaN literal") << QByteArray("{\"images\": [{\"id\": NaN}]}")
                                     << "m.json:1: malformed JSON";
        QTest::newRow("not an object") << QByteArray("[1, 2]") << "not an object";
        QTest::newRow("no images") << QByteArray("{\"annotations\": []}") << "no \"images\" array";
        QTest::newRow("deep nesting") << QByteArray(5000, '[') << "m.json:1: malformed JSON";
        QTest::newRow("truncated") << QByteArray(kChessLike.left(300)) << "malformed JSON";
    }

    void malformed() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const Result<AnnotationSet> set =
            readCocoAnnotations(writeFixture(dir, QStringLiteral("m.json"), json), {}, nullptr);
        QVERIFY(!set);
        QCOMPARE(set.error().kind, ErrorKind::Corrupt);
        QVERIFY2(set.error().message.contains(expected), qPrintable(set.error().message));
    }

    void bomIsAccepted() {
        QTemporaryDir dir;
        const Result<AnnotationSet> set = readCocoAnnotations(
            writeFixture(dir, QStringLiteral("b.json"), "\xEF\xBB\xBF" + kChessLike), {}, nullptr);
        QVERIFY(set);
        QCOMPARE(set->windowCount(), 2);
    }

    void imageRootOption() {
        QTemporaryDir dir;
        ReadOptions options;
        options.imageRoot = QStringLiteral("/data/pictures");
        const Result<AnnotationSet> set =
            readCocoAnnotations(writeFixture(dir, QStringLiteral("r.json"), kChessLike), options, nullptr);
        QVERIFY(set);
        QCOMPARE(set->imageRoot, QStringLiteral("/data/pictures"));
    }
};

QTEST_GUILESS_MAIN(TestCocoAnnotations)
#include "test_coco_annotations.moc"
