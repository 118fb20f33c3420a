// SPDX-License-Identifier: GPL-3.0-or-later
// LabelMe JSON: rectangles in any corner order, other shapes boxed or reported, imagePath forms,
// embedded imageData, declared sizes, malformed files, writing back with shapes restored.

#include "AnnotationTestSupport.h"
#include "annotations/AnnotationIO.h"
#include "annotations/LabelMeFormat.h"

#include <QDir>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

QByteArray labelme(const char* shapes, const char* imagePath = "2011_000003.jpg",
                   const char* imageData = "null") {
    return json("{'version': '4.0.0', 'flags': {}, 'shapes': [") + json(shapes) + json("], 'imagePath': '") +
           QByteArray(imagePath) + json("', 'imageData': ") + json(imageData) +
           json(", 'imageHeight': 338, 'imageWidth': 500}");
}

const char* kRectangles =
    "{'label': 'person', 'points': [[191.0, 107.36900369003689], [313.0, 329.36900369003695]], 'group_id': "
    "null,"
    " 'shape_type': 'rectangle', 'flags': {}},"
    "{'label': 'person', 'points': [[500.0, 333.0], [365.0, 83.0]], 'group_id': 2, 'shape_type': 'rectangle',"
    " 'flags': {'occluded': true}, 'description': 'dragged backwards'}";

} // namespace

Q_DECLARE_METATYPE(ShapePolicy)

class TestLabelMeAnnotations : public QObject {
    Q_OBJECT

private slots:
    void rectangles() {
        QTemporaryDir dir;
        const QString file =
            writeFixture(dir, QStringLiteral("data_annotated/2011_000003.json"), labelme(kRectangles));
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = readAnnotations(file, {}, &issues);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
        QVERIFY2(issues.isEmpty(), qPrintable(issueText(issues)));
        QCOMPARE(set->format, QStringLiteral("labelme"));
        QCOMPARE(set->imageRoot, QDir::cleanPath(dir.filePath(QStringLiteral("data_annotated"))));
        const ImageEntry& image = set->images.value(0);
        QCOMPARE(image.path, QStringLiteral("2011_000003.jpg"));
        QCOMPARE(image.declaredSize, QSize(500, 338));
        QCOMPARE(image.windows[0].box.x(), 191.0);
        QCOMPARE(image.windows[0].box.y(), 107.36900369003689);
        QCOMPARE(image.windows[0].box.width(), 122.0);
        // Corners given bottom-right first still make the same rectangle.
        QCOMPARE(image.windows[1].box, QRectF(365, 83, 135, 250));
        QCOMPARE(image.windows[1].extras.value("labelme.group_id").toInt(), 2);
        QCOMPARE(image.windows[1].extras.value("labelme.description").toString(),
                 QStringLiteral("dragged backwards"));
        QCOMPARE(image.extras.value("labelme.version").toString(), QStringLiteral("4.0.0"));
        QVERIFY(!image.extras.contains("labelme.imageDataEmbedded"));
    }

    void shapes_data() {
        QTest::addColumn<QByteArray>("shape");
        QTest::addColumn<ShapePolicy>("policy");
        QTest::addColumn<QRectF>("box"); // empty: no window expected
        QTest::addColumn<QString>("issue");
        const auto boxed = ShapePolicy::BoundingBox;
        const auto reported = ShapePolicy::Report;
        const QByteArray polygon =
            json("{'label': 'p', 'points': [[10, 20], [30, 5], [25, 40]], 'shape_type': 'polygon'}");
        QTest::newRow("polygon boxed") << polygon << boxed << QRectF(10, 5, 20, 35) << QString();
        QTest::newRow("polygon reported") << polygon << reported << QRectF() << "polygon 'p' skipped";
        QTest::newRow("no shape_type is a polygon")
            << json("{'label': 'p', 'points': [[1, 2], [3, 4], [2, 9]]}") << boxed << QRectF(1, 2, 2, 7)
            << QString();
        QTest::newRow("circle")
            << json("{'label': 'c', 'points': [[50, 50], [53, 54]], 'shape_type': 'circle'}") << boxed
            << QRectF(45, 45, 10, 10) << QString();
        QTest::newRow("linestrip")
            << json("{'label': 'l', 'points': [[0, 0], [4, 1], [2, 8]], 'shape_type': 'linestrip'}") << boxed
            << QRectF(0, 0, 4, 8) << QString();
        QTest::newRow("mask")
            << json("{'label': 'm', 'points': [[5, 6], [9, 12]], 'shape_type': 'mask', 'mask': 'iVBOR'}")
            << boxed << QRectF(5, 6, 4, 6) << QString();
        QTest::newRow("point") << json("{'label': 'pt', 'points': [[5, 6]], 'shape_type': 'point'}") << boxed
                               << QRectF() << "'point' shape of 'pt' cannot be a box";
        QTest::newRow("unknown type")
            << json("{'label': 'x', 'points': [[5, 6], [7, 8]], 'shape_type': 'cuboid'}") << boxed << QRectF()
            << "'cuboid' shape";
        QTest::newRow("one-point rectangle")
            << json("{'label': 'r', 'points': [[5, 6]], 'shape_type': 'rectangle'}") << boxed << QRectF()
            << "rectangle needs 2 points, has 1";
        QTest::newRow("bad point")
            << json("{'label': 'r', 'points': [[5, 'x'], [7, 8]], 'shape_type': 'rectangle'}") << boxed
            << QRectF() << "shapes[1].points[0]";
        QTest::newRow("1e300")
            << json("{'label': 'r', 'points': [[5, 1e300], [7, 8]], 'shape_type': 'rectangle'}") << boxed
            << QRectF() << "out of range";
        QTest::newRow("not a pair") << json("{'label': 'r', 'points': [5, 6], 'shape_type': 'rectangle'}")
                                    << boxed << QRectF() << "not an [x, y] pair";
    }

    void shapes() {
        QFETCH(QByteArray, shape);
        QFETCH(ShapePolicy, policy);
        QFETCH(QRectF, box);
        QFETCH(QString, issue);
        QTemporaryDir dir;
        const QByteArray document =
            json("{'shapes': [{'label': 'ok', 'points': [[0, 0], [1, 1]], 'shape_type': "
                 "'rectangle'}, ") +
            shape + json("], 'imagePath': 'a.jpg', 'imageData': null}");
        ReadOptions options;
        options.shapes = policy;
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            readLabelMeAnnotations(writeFixture(dir, QStringLiteral("a.json"), document), options, &issues);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
        const ImageEntry& image = set->images.value(0);
        if (box.isNull()) {
            QCOMPARE(image.windows.size(), 1);
            QVERIFY2(hasIssue(issues, {"a.json", issue}), qPrintable(issueText(issues)));
            return;
        }
        QCOMPARE(image.windows.size(), 2);
        QCOMPARE(image.windows[1].box, box);
        QVERIFY(image.windows[1].extras.contains("labelme.shape_type"));
        QVERIFY2(issues.isEmpty(), qPrintable(issueText(issues)));
    }

    void imagePaths_data() {
        QTest::addColumn<QString>("jsonAt");
        QTest::addColumn<QByteArray>("imagePath");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("warns");
        QTest::newRow("beside") << "ann/a.json" << QByteArray("a.jpg") << "a.jpg" << false;
        QTest::newRow("windows separators")
            << "ann/sub/a.json"
            << QByteArray(
                   "..\\\\images\\\\a.jpg") // JSON text "..\\images\\a.jpg", as labelme writes on Windows
            << "images/a.jpg" << false;
        QTest::newRow("relative up") << "ann/sub/a.json" << QByteArray("../../pics/a.jpg") << "../pics/a.jpg"
                                     << false;
        QTest::newRow("absolute elsewhere")
            << "ann/sub/a.json" << QByteArray("C:/Users/me/a.jpg") << "sub/a.jpg" << true;
        QTest::newRow("unix absolute")
            << "ann/a.json" << QByteArray("/home/someone/data/a.jpg") << "a.jpg" << true;
    }

    // imagePath is relative to its JSON; the set's paths are relative to the folder that was read.
    void imagePaths() {
        QFETCH(QString, jsonAt);
        QFETCH(QByteArray, imagePath);
        QFETCH(QString, expected);
        QFETCH(bool, warns);
        QTemporaryDir dir;
        writeFixture(dir, jsonAt, labelme(kRectangles, imagePath.constData()));
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            readLabelMeAnnotations(dir.filePath(QStringLiteral("ann")), {}, &issues);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
        QCOMPARE(set->images.value(0).path, expected);
        QCOMPARE(hasIssue(issues, {"warning", "absolute path"}), warns);
    }

    void embeddedImageData() {
        QTemporaryDir dir;
        const QString file = writeFixture(dir, QStringLiteral("e.json"),
                                          labelme(kRectangles, "e.jpg", "'/9j/4AAQSkZJRgABAQ=='"));
        Result<AnnotationSet> set = readLabelMeAnnotations(file, {}, nullptr);
        QVERIFY(set);
        QCOMPARE(set->images[0].extras.value("labelme.imageDataEmbedded").toBool(), true);
        QCOMPARE(set->images[0].extras.value("labelme.imageData").toString(),
                 QStringLiteral("/9j/4AAQSkZJRgABAQ=="));
        QVERIFY(writeLabelMeAnnotations(*set, dir.filePath(QStringLiteral("out")), {}, nullptr));
        Result<AnnotationSet> back = readLabelMeAnnotations(dir.filePath(QStringLiteral("out")), {}, nullptr);
        QVERIFY(back);
        QCOMPARE(back->images[0].extras.value("labelme.imageData").toString(),
                 QStringLiteral("/9j/4AAQSkZJRgABAQ=="));

        ReadOptions light;
        light.keepEmbeddedImageData = false;
        set = readLabelMeAnnotations(file, light, nullptr);
        QVERIFY(set);
        QCOMPARE(set->images[0].extras.value("labelme.imageDataEmbedded").toBool(), true);
        QVERIFY(!set->images[0].extras.contains("labelme.imageData"));
        QStringList losses;
        QVERIFY(writeLabelMeAnnotations(*set, dir.filePath(QStringLiteral("out2")), {}, &losses));
        QVERIFY2(losses.join(u'\n').contains(u"embedded image data not kept"),
                 qPrintable(losses.join(u'\n')));
    }

    void badFiles_data() {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("expected");
        QTest::newRow("malformed") << QByteArray("{\n'shapes': [\n}").replace('\'', '"')
                                   << "b.json:3: malformed JSON";
        QTest::newRow("no shapes") << json("{'images': []}") << "no \"shapes\" array";
        QTest::newRow("array") << QByteArray("[]") << "not an object";
    }

    // One file: a fatal error. In a folder: a warning, and the other files are read.
    void badFiles() {
        QFETCH(QByteArray, document);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString bad = writeFixture(dir, QStringLiteral("f/b.json"), document);
        const Result<AnnotationSet> single = readLabelMeAnnotations(bad, {}, nullptr);
        QVERIFY(!single);
        QVERIFY2(single.error().message.contains(expected), qPrintable(single.error().message));
        writeFixture(dir, QStringLiteral("f/good.json"), labelme(kRectangles));
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> folder =
            readLabelMeAnnotations(dir.filePath(QStringLiteral("f")), {}, &issues);
        QVERIFY(folder);
        QCOMPARE(folder->windowCount(), 2);
        QVERIFY2(hasIssue(issues, {expected, "skipped"}), qPrintable(issueText(issues)));
    }

    void badSizes() {
        QTemporaryDir dir;
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = readLabelMeAnnotations(
            writeFixture(dir, QStringLiteral("s.json"),
                         json("{'shapes': [], 'imagePath': 'a.jpg', 'imageWidth': -4, 'imageHeight': 3}")),
            {}, &issues);
        QVERIFY(set);
        QCOMPARE(set->images[0].declaredSize, QSize());
        QVERIFY2(hasIssue(issues, {"s.json", "imageWidth/imageHeight", "declared size ignored"}),
                 qPrintable(issueText(issues)));
    }

    void writeRestoresShapes() {
        QTemporaryDir dir;
        const QByteArray document =
            json("{'version': '5.2.1', 'flags': {'checked': true}, 'shapes': ["
                 "{'label': 'p', 'points': [[10.5, 20], [30, 5], [25, 40]], 'shape_type': 'polygon', "
                 "'group_id': null, 'flags': {}},"
                 "{'label': 'c', 'points': [[50, 50], [53, 54]], 'shape_type': 'circle', 'group_id': 1, "
                 "'flags': {}},"
                 "{'label': 'r', 'points': [[1, 2], [3, 4]], 'shape_type': 'rectangle', 'group_id': null, "
                 "'flags': {}}],"
                 "'imagePath': '../images/a.jpg', 'imageData': null, 'imageHeight': 100, 'imageWidth': 200}");
        const Result<AnnotationSet> set =
            readLabelMeAnnotations(writeFixture(dir, QStringLiteral("ann/a.json"), document), {}, nullptr);
        QVERIFY(set);
        AnnotationSet edited = *set;
        edited.images[0].windows[1].box.translate(1, 0); // the circle moved: written as a rectangle
        const QString out = dir.filePath(QStringLiteral("out"));
        QStringList losses;
        QVERIFY(writeAnnotations(edited, out, AnnotationFormat::LabelMe, {}, &losses));
        QVERIFY2(losses.isEmpty(), qPrintable(losses.join(u'\n')));
        const Result<AnnotationSet> back = readLabelMeAnnotations(out, {}, nullptr);
        QVERIFY(back);
        QCOMPARE(firstDifference(edited, *back), QString());
        const QList<CropWindow>& w = back->images[0].windows;
        QCOMPARE(w[0].extras.value("labelme.shape_type").toString(), QStringLiteral("polygon"));
        QCOMPARE(w[0].extras.value("labelme.points"),
                 set->images[0].windows[0].extras.value("labelme.points"));
        QVERIFY(!w[1].extras.contains("labelme.shape_type"));
        QCOMPARE(w[1].extras.value("labelme.group_id").toInt(), 1);
        QCOMPARE(back->images[0].extras.value("labelme.flags").toMap().value("checked").toBool(), true);
        QCOMPARE(back->images[0].declaredSize, QSize(200, 100));
    }
};

QTEST_GUILESS_MAIN(TestLabelMeAnnotations)
#include "test_labelme_annotations.moc"
