// SPDX-License-Identifier: GPL-3.0-or-later
// Project files: the request and the edited windows as JSON and back, exactly (coordinates bit for bit,
// format extras kept so a re-export is the same file); paths relative to the project's folder; errors
// that name the key; a project with edited windows plans those windows, not the annotation file's.

#include "TestUtils.h"
#include "annotations/AnnotationIO.h"
#include "batch/AnnotationSetJson.h"
#include "batch/BatchRequestJson.h"
#include "batch/ProjectFile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

using namespace cropdeck;
using cropdeck::test::fileContents;
using cropdeck::test::writeTextFile;

namespace {

void writeImage(const QString& path, int width, int height) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QVERIFY(cv::imwrite(path.toStdString(), cv::Mat(height, width, CV_8UC3, cv::Scalar(10, 120, 230))));
}

CropWindow box(QRectF rect, QString label, QString id) {
    CropWindow window;
    window.box = rect;
    window.label = std::move(label);
    window.id = std::move(id);
    return window;
}

// Coordinates that a decimal printer with too few digits would change.
AnnotationSet awkwardSet() {
    AnnotationSet set;
    set.format = "voc";
    set.sourceFile = "/data/ann";
    set.imageRoot = "/data/images";
    set.classes = {"pole", "crossarm", "ünïcode"};
    set.coordinatesOnStoredPixels = true;
    set.extras = {{"coco_info", QVariantMap{{"year", 2024.0}, {"note", "x"}}}};
    ImageEntry a;
    a.path = "sub/a.jpg";
    a.declaredSize = QSize(6000, 4000);
    a.extras = {{"voc_source", "flickr"}};
    a.windows << box({0.1 + 0.2, 1e-7, 12345.678901234567, 1.0 / 3.0}, "pole", "0");
    a.windows.last().extras = {{"difficult", "1"}, {"truncated", 0.0}};
    a.windows << box({-5, -2.5, 0, 0}, QString(), "7");
    CropWindow square;
    square.kind = CropWindow::Kind::NormalizedSquare;
    square.square = {0.123456789012345678, 1.0, 2.0 / 7.0};
    square.id = "s";
    a.windows << square;
    ImageEntry b;
    b.path = "b.png";
    set.images << a << b;
    return set;
}

void compareSets(const AnnotationSet& got, const AnnotationSet& want) {
    QCOMPARE(got.format, want.format);
    QCOMPARE(got.sourceFile, want.sourceFile);
    QCOMPARE(got.imageRoot, want.imageRoot);
    QCOMPARE(got.classes, want.classes);
    QCOMPARE(got.coordinatesOnStoredPixels, want.coordinatesOnStoredPixels);
    QCOMPARE(got.normalizedWindowSize, want.normalizedWindowSize);
    QCOMPARE(got.normalizedMaxFraction, want.normalizedMaxFraction);
    QCOMPARE(got.extras, want.extras);
    QCOMPARE(got.images.size(), want.images.size());
    for (int i = 0; i < want.images.size(); ++i) {
        const ImageEntry &g = got.images[i], &w = want.images[i];
        QCOMPARE(g.path, w.path);
        QCOMPARE(g.declaredSize, w.declaredSize);
        QCOMPARE(g.extras, w.extras);
        QCOMPARE(g.windows.size(), w.windows.size());
        for (int k = 0; k < w.windows.size(); ++k) {
            const CropWindow &gw = g.windows[k], &ww = w.windows[k];
            QCOMPARE(gw.kind, ww.kind);
            // Bit for bit, not within a tolerance.
            QVERIFY2(gw.box.x() == ww.box.x() && gw.box.y() == ww.box.y() &&
                         gw.box.width() == ww.box.width() && gw.box.height() == ww.box.height(),
                     qPrintable(QStringLiteral("image %1 window %2").arg(i).arg(k)));
            QVERIFY(gw.square.x == ww.square.x && gw.square.y == ww.square.y &&
                    gw.square.scale == ww.square.scale);
            QCOMPARE(gw.label, ww.label);
            QCOMPARE(gw.id, ww.id);
            QCOMPARE(gw.extras, ww.extras);
        }
    }
}

QJsonObject parsedJson(const QByteArray& text) {
    return QJsonDocument::fromJson(text).object();
}

} // namespace

class TestProjectFile : public QObject {
    Q_OBJECT
private slots:
    void annotationSetRoundTripsExactly() {
        const AnnotationSet set = awkwardSet();
        // Through text, as a file holds it.
        const QByteArray text = QJsonDocument(annotationSetToJson(set)).toJson();
        const Result<AnnotationSet> back = annotationSetFromJson(parsedJson(text), "annotations");
        QVERIFY2(back, back ? "" : qPrintable(back.error().message));
        compareSets(*back, set);
        QCOMPARE(QJsonDocument(annotationSetToJson(*back)).toJson(), text);
    }

    void errorsNameTheKey_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown window key")
            << QByteArray(
                   R"({"images":[{"path":"a.jpg","windows":[{"box":[0,0,1,1]},{"box":[0,0,1,1],"bogus":1}]}]})")
            << "unknown key \"annotations.images[0].windows[1].bogus\"";
        QTest::newRow("box of three")
            << QByteArray(R"({"images":[{"path":"a.jpg","windows":[{"box":[0,0,1]}]}]})")
            << "key \"annotations.images[0].windows[0].box\": expected 4 numbers";
        QTest::newRow("box and square")
            << QByteArray(R"({"images":[{"path":"a.jpg","windows":[{"box":[0,0,1,1],"square":[0,0,1]}]}]})")
            << "either \"box\" or \"square\"";
        QTest::newRow("negative width")
            << QByteArray(R"({"images":[{"path":"a.jpg","windows":[{"box":[0,0,-1,1]}]}]})")
            << "width and height must not be negative";
        QTest::newRow("image without path") << QByteArray(R"({"images":[{"windows":[]}]})")
                                            << "key \"annotations.images[0].path\": every image needs a path";
        QTest::newRow("image not an object")
            << QByteArray(R"({"images":[3]})") << "key \"annotations.images[0]\": expected an object";
        QTest::newRow("label a number")
            << QByteArray(R"({"images":[{"path":"a.jpg","windows":[{"box":[0,0,1,1],"label":5}]}]})")
            << "key \"annotations.images[0].windows[0].label\": expected a string";
        QTest::newRow("fractional size")
            << QByteArray(R"({"images":[{"path":"a.jpg","declared_size":[10.5,3],"windows":[]}]})")
            << "expected whole pixels";
    }
    void errorsNameTheKey() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const Result<AnnotationSet> set = annotationSetFromJson(parsedJson(json), "annotations");
        QVERIFY(!set);
        QVERIFY2(set.error().message.contains(expected), qPrintable(set.error().message));
    }

    void projectPathsAreRelativeToItsFolder() {
        QTemporaryDir dir;
        CropProject project;
        project.request.images = dir.filePath("data/images");
        project.request.annotations = dir.filePath("data/ann.xml");
        project.request.outputDir = dir.filePath("crops");
        project.request.settings.jpegQuality = 77;
        AnnotationSet set = awkwardSet();
        set.imageRoot = dir.filePath("data/images");
        set.sourceFile = dir.filePath("data/ann.xml");
        project.editedAnnotations = set;
        const QString path = dir.filePath("p.cropdeck");
        QVERIFY(saveProject(project, path));
        const QByteArray text = fileContents(path);
        QVERIFY2(text.contains(R"("images": "data/images")"), text.constData());
        QVERIFY(text.contains(R"("image_root": "data/images")"));
        QVERIFY(!text.contains(dir.path().toUtf8()));

        // The folder moves: the project follows it.
        QTemporaryDir moved;
        writeTextFile(moved.filePath("p.cropdeck"), text);
        const Result<CropProject> loaded = loadProject(moved.filePath("p.cropdeck"));
        QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
        BatchRequest expected = project.request;
        expected.images = moved.filePath("data/images");
        expected.annotations = moved.filePath("data/ann.xml");
        expected.outputDir = moved.filePath("crops");
        QVERIFY(loaded->request == expected);
        QVERIFY(loaded->editedAnnotations);
        AnnotationSet expectedSet = set;
        expectedSet.imageRoot = moved.filePath("data/images");
        expectedSet.sourceFile = moved.filePath("data/ann.xml");
        compareSets(*loaded->editedAnnotations, expectedSet);
    }

    void projectWithoutEditsHasNoSet() {
        QTemporaryDir dir;
        CropProject project;
        project.request.annotations = dir.filePath("a.csv");
        QVERIFY(saveProject(project, dir.filePath("p.cropdeck")));
        const Result<CropProject> loaded = loadProject(dir.filePath("p.cropdeck"));
        QVERIFY(loaded);
        QVERIFY(!loaded->editedAnnotations);
        QVERIFY(loaded->request == project.request);
    }

    void projectErrorsNameFileAndKey_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not a project") << QByteArray(R"({"images":[]})") << "not a CropDeck project";
        QTest::newRow("newer") << QByteArray(R"({"cropdeck_project":2,"request":{"cropdeck_request":1}})")
                               << "project format version 2 is newer";
        QTest::newRow("no request") << QByteArray(R"({"cropdeck_project":1})")
                                    << "a project needs its batch request";
        QTest::newRow("bad request")
            << QByteArray(
                   R"({"cropdeck_project":1,"request":{"cropdeck_request":1,"crop":{"bounds":"wrap"}}})")
            << "request: key \"crop.bounds\"";
        QTest::newRow("unknown top key")
            << QByteArray(R"({"cropdeck_project":1,"request":{"cropdeck_request":1},"extra":1})")
            << "unknown key \"extra\"";
        QTest::newRow("bad edits")
            << QByteArray(
                   R"({"cropdeck_project":1,"request":{"cropdeck_request":1},"edited_annotations":{"images":5}})")
            << "key \"edited_annotations.images\": expected an array";
        QTest::newRow("not json") << QByteArray("{\"cropdeck_project\":1,") << "not valid JSON at byte";
    }
    void projectErrorsNameFileAndKey() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath("bad.cropdeck");
        writeTextFile(path, json);
        const Result<CropProject> loaded = loadProject(path);
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().message.startsWith(path), qPrintable(loaded.error().message));
        QVERIFY2(loaded.error().message.contains(expected), qPrintable(loaded.error().message));
    }

    void recognisesProjects() {
        QTemporaryDir dir;
        CropProject project;
        project.editedAnnotations = awkwardSet();
        for (int i = 0; i < 2000; ++i) // big edits come after the version key
            project.editedAnnotations->images.append(project.editedAnnotations->images.first());
        QVERIFY(saveProject(project, dir.filePath("p.json")));
        QVERIFY(isProjectFile(dir.filePath("p.json")));
        writeTextFile(dir.filePath("named.cropdeck"), "{}");
        QVERIFY(isProjectFile(dir.filePath("named.cropdeck")));
        QVERIFY(saveBatchRequest(BatchRequest(), dir.filePath("request.json")));
        QVERIFY(!isProjectFile(dir.filePath("request.json")));
        writeTextFile(dir.filePath("coco.json"), R"({"images":[],"annotations":[],"categories":[]})");
        QVERIFY(!isProjectFile(dir.filePath("coco.json")));
    }

    // The edited windows are what the batch cuts; the annotation file is not read again.
    void editedWindowsArePlanned() {
        QTemporaryDir dir;
        writeImage(dir.filePath("images/a.png"), 64, 48);
        writeImage(dir.filePath("images/b.png"), 32, 32);
        writeTextFile(dir.filePath("boxes.csv"),
                      "path,x,y,w,h,label\na.png,0,0,8,8,cat\nb.png,1,1,5,5,cat\n");
        CropProject project;
        project.request.annotations = dir.filePath("boxes.csv");
        project.request.images = dir.filePath("images");
        project.request.outputDir = dir.filePath("out");
        Result<PreparedBatch> opened = prepareProject(project, PrepareFor::Browse);
        QVERIFY(opened);
        AnnotationSet edited = opened->annotations;
        edited.images[0].windows[0].box = QRectF(10, 12, 20, 16);
        edited.images[0].windows << box({30, 30, 10, 10}, "dog", "1");
        edited.images[1].windows.clear();
        project.editedAnnotations = edited;
        QVERIFY(saveProject(project, dir.filePath("p.cropdeck")));
        QFile::remove(dir.filePath("boxes.csv")); // not needed any more
        const Result<CropProject> loaded = loadProject(dir.filePath("p.cropdeck"));
        QVERIFY(loaded);
        const Result<PreparedBatch> batch = prepareProject(*loaded);
        QVERIFY2(batch, batch ? "" : qPrintable(batch.error().message));
        QCOMPARE(batch->plan.images.size(), 2);
        const PlannedImage& a = batch->plan.images[0];
        QCOMPARE(a.absolutePath, dir.filePath("images/a.png"));
        QCOMPARE(a.windows.size(), 2);
        QCOMPARE(a.windows[0].box, QRectF(10, 12, 20, 16));
        QCOMPARE(a.windows[1].label, QString("dog"));
        QCOMPARE(batch->plan.images[1].windows.size(), 0);
    }

    // Edits made on a folder opened without annotations (no annotation file at all) still run.
    void editedWindowsWithoutAnnotationFile() {
        QTemporaryDir dir;
        writeImage(dir.filePath("images/a.png"), 64, 48);
        BatchRequest request;
        request.images = dir.filePath("images");
        Result<PreparedBatch> opened = prepareBatch(request, PrepareFor::Browse);
        QVERIFY(opened);
        AnnotationSet edited = opened->annotations;
        QCOMPARE(edited.images.size(), 1);
        edited.images[0].windows << box({1, 2, 3, 4}, "x", "0");
        request.outputDir = dir.filePath("out");
        const Result<PreparedBatch> batch = prepareBatch(request, edited, PrepareFor::Run);
        QVERIFY2(batch, batch ? "" : qPrintable(batch.error().message));
        QCOMPARE(batch->plan.images.size(), 1);
        QCOMPARE(batch->plan.images[0].absolutePath, dir.filePath("images/a.png"));
        QCOMPARE(batch->plan.images[0].windows[0].box, QRectF(1, 2, 3, 4));
        // The output rule still holds.
        request.outputDir.clear();
        const Result<PreparedBatch> noOutput = prepareBatch(request, edited, PrepareFor::Run);
        QVERIFY(!noOutput);
        QCOMPARE(noOutput.error().setting, QString("output.folder"));
    }

    // A format's extras survive: exporting the reloaded set gives the same file as exporting the original.
    void reexportIsTheSameFile() {
        QTemporaryDir dir;
        writeImage(dir.filePath("images/a.png"), 64, 48);
        writeTextFile(dir.filePath("a.xml"),
                      "<annotation><filename>a.png</filename><size><width>64</width>"
                      "<height>48</height><depth>3</depth></size><object><name>cat</name>"
                      "<pose>Left</pose><truncated>1</truncated><difficult>1</difficult>"
                      "<bndbox><xmin>3</xmin><ymin>4</ymin><xmax>20</xmax><ymax>30</ymax>"
                      "</bndbox></object></annotation>");
        ReadOptions options;
        options.imageRoot = dir.filePath("images");
        const Result<AnnotationSet> original = readAnnotations(dir.filePath("a.xml"), options);
        QVERIFY2(original, original ? "" : qPrintable(original.error().message));
        const QByteArray text = QJsonDocument(annotationSetToJson(*original)).toJson();
        const Result<AnnotationSet> back = annotationSetFromJson(parsedJson(text), "annotations");
        QVERIFY(back);
        for (const AnnotationFormat format : {AnnotationFormat::Voc, AnnotationFormat::Coco,
                                              AnnotationFormat::Csv, AnnotationFormat::LabelMe}) {
            const QString name = annotationFormatName(format);
            const QString a = dir.filePath("x/" + name + "-original"),
                          b = dir.filePath("y/" + name + "-original");
            QDir().mkpath(QFileInfo(a).absolutePath());
            QDir().mkpath(QFileInfo(b).absolutePath());
            QVERIFY2(writeAnnotations(*original, a, format, {}), qPrintable(name));
            QVERIFY2(writeAnnotations(*back, b, format, {}), qPrintable(name));
            const QFileInfo info(a);
            if (info.isFile()) {
                QCOMPARE(fileContents(b), fileContents(a));
            } else {
                for (const QString& file : QDir(a).entryList(QDir::Files))
                    QCOMPARE(fileContents(b + "/" + file), fileContents(a + "/" + file));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestProjectFile)
#include "test_project_file.moc"
