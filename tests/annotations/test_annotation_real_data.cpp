// SPDX-License-Identifier: GPL-3.0-or-later
// The real annotation files in ../shared/data: raccoon VOC vs its CSV, chess COCO, ships YOLO with its
// messy labels, and the labelme example as LabelMe JSON, VOC and COCO. Skipped when the folder is absent.

#include "AnnotationTestSupport.h"
#include "TestUtils.h"
#include "annotations/AnnotationIO.h"
#include "io/ImageProbe.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

QString data(const QString& relative) {
    return QDir(sharedDataDir()).filePath(relative);
}

// Image sizes from the real files' headers, as the engine will pass them.
ImageSizeProvider probedSizes() {
    return [](const QString& path) -> std::optional<QSize> {
        const Result<ImageInfo> info = probeImage(path, qint64(1) << 40);
        if (!info)
            return std::nullopt;
        return QSize(info->uprightWidth(), info->uprightHeight());
    };
}

double iou(const QRectF& a, const QRectF& b) {
    const QRectF overlap = a.intersected(b);
    const double common = overlap.width() * overlap.height();
    return common / (a.width() * a.height() + b.width() * b.height() - common);
}

int countIssues(const QList<AnnotationIssue>& issues, const QString& part) {
    return int(std::count_if(issues.cbegin(), issues.cend(),
                             [&](const AnnotationIssue& issue) { return issue.toString().contains(part); }));
}

} // namespace

class TestAnnotationRealData : public QObject {
    Q_OBJECT

private slots:
    void init() { CROPDECK_REQUIRE_SHARED_DATA(); }

    void raccoonVocAndCsvAgree() {
        QList<AnnotationIssue> vocIssues, csvIssues;
        const Result<AnnotationSet> voc =
            readAnnotations(data("raccoon_voc_csv/annotations"), {}, &vocIssues);
        QVERIFY2(voc, qPrintable(voc ? QString() : voc.error().message));
        QVERIFY2(vocIssues.isEmpty(), qPrintable(issueText(vocIssues)));
        QCOMPARE(voc->format, QStringLiteral("voc"));
        QCOMPARE(voc->images.size(), 200);
        QCOMPARE(voc->windowCount(), 217);
        // Every <path> names /Users/datitran/...; <folder>images finds the images here.
        QCOMPARE(voc->imageRoot, QDir::cleanPath(data("raccoon_voc_csv/images")));
        for (const ImageEntry& image : voc->images)
            QVERIFY2(QFileInfo::exists(QDir(voc->imageRoot).filePath(image.path)), qPrintable(image.path));

        ReadOptions csvOptions;
        csvOptions.imageRoot = voc->imageRoot;
        const Result<AnnotationSet> csv =
            readAnnotations(data("raccoon_voc_csv/data/raccoon_labels.csv"), csvOptions, &csvIssues);
        QVERIFY2(csv, qPrintable(csv ? QString() : csv.error().message));
        QVERIFY2(csvIssues.isEmpty(), qPrintable(issueText(csvIssues)));
        QCOMPARE(csv->format, QStringLiteral("csv"));
        // Box for box, to the pixel, with labels and declared sizes.
        QCOMPARE(firstDifference(*voc, *csv), QString());
        for (const ImageEntry& image : csv->images)
            QCOMPARE(image.declaredSize, imageNamed(*voc, image.path)->declaredSize);

        // The train/test split files together are the same set.
        const Result<AnnotationSet> train =
            readAnnotations(data("raccoon_voc_csv/data/train_labels.csv"), csvOptions);
        const Result<AnnotationSet> test =
            readAnnotations(data("raccoon_voc_csv/data/test_labels.csv"), csvOptions);
        QVERIFY(train && test);
        QCOMPARE(train->windowCount() + test->windowCount(), 217);
    }

    // The 1-based inclusive rule keeps every box inside its image; some touch the right/bottom edge.
    void raccoonBoxesStayInside() {
        const Result<AnnotationSet> voc = readAnnotations(data("raccoon_voc_csv/annotations"), {});
        QVERIFY(voc);
        int right = 0, bottom = 0;
        for (const ImageEntry& image : voc->images) {
            const QRectF bounds(QPointF(0, 0), QSizeF(image.declaredSize));
            for (const CropWindow& window : image.windows) {
                QVERIFY2(bounds.contains(window.box), qPrintable(image.path));
                right += window.box.right() == bounds.right();
                bottom += window.box.bottom() == bounds.bottom();
            }
        }
        QCOMPARE(right, 8);
        QCOMPARE(bottom, 28);
        // The declared sizes are the real ones (three of these JPEGs are grayscale; sizes still match).
        const ImageSizeProvider probe = probedSizes();
        for (const ImageEntry& image : voc->images)
            QCOMPARE(probe(QDir(voc->imageRoot).filePath(image.path)).value_or(QSize()), image.declaredSize);
    }

    void raccoonVocCocoVocToThePixel() {
        QTemporaryDir dir;
        const Result<AnnotationSet> voc = readAnnotations(data("raccoon_voc_csv/annotations"), {});
        QVERIFY(voc);
        QStringList losses;
        QVERIFY(writeAnnotations(*voc, dir.filePath("coco.json"), AnnotationFormat::Coco, {}, &losses));
        QVERIFY2(losses.join(u'\n').contains(u"box field 'voc.difficult' is not kept: 217"),
                 qPrintable(losses.join(u'\n')));
        const Result<AnnotationSet> coco = readAnnotations(dir.filePath("coco.json"), {});
        QVERIFY(coco);
        QVERIFY(writeAnnotations(*coco, dir.filePath("voc"), AnnotationFormat::Voc, {}, nullptr));
        const Result<AnnotationSet> back = readAnnotations(dir.filePath("voc"), {});
        QVERIFY(back);
        QCOMPARE(back->imageRoot, voc->imageRoot);
        QCOMPARE(firstDifference(*voc, *back), QString());
    }

    void chessCoco_data() {
        QTest::addColumn<QString>("split");
        QTest::addColumn<int>("images");
        QTest::addColumn<int>("boxes");
        QTest::addColumn<int>("withoutBoxes");
        QTest::newRow("test") << "test" << 29 << 376 << 1;
        QTest::newRow("valid") << "valid" << 58 << 386 << 0;
    }

    void chessCoco() {
        QFETCH(QString, split);
        QFETCH(int, images);
        QFETCH(int, boxes);
        QFETCH(int, withoutBoxes);
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set =
            readAnnotations(data("chess_coco/" + split + "/_annotations.coco.json"), {}, &issues);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
        QVERIFY2(issues.isEmpty(), qPrintable(issueText(issues)));
        QCOMPARE(set->format, QStringLiteral("coco"));
        QCOMPARE(set->images.size(), images);
        QCOMPARE(set->windowCount(), boxes);
        QCOMPARE(set->classes.size(), 14);
        QCOMPARE(set->classes.first(), QStringLiteral("pieces")); // the supercategory, id 0, never used
        int empty = 0;
        QSet<QString> used;
        for (const ImageEntry& image : set->images) {
            empty += image.windows.isEmpty();
            QCOMPARE(image.declaredSize, QSize(2048, 1371));
            QVERIFY2(QFileInfo::exists(QDir(set->imageRoot).filePath(image.path)), qPrintable(image.path));
            for (const CropWindow& window : image.windows)
                used.insert(window.label);
        }
        QCOMPARE(empty, withoutBoxes);
        QVERIFY(!used.contains(QStringLiteral("pieces")));
        QVERIFY(set->extras.contains("coco.info") && set->extras.contains("coco.licenses"));

        // COCO → VOC → COCO keeps every box to the pixel; COCO → COCO keeps the file's own fields too.
        QTemporaryDir dir;
        QVERIFY(writeAnnotations(*set, dir.filePath("voc"), AnnotationFormat::Voc, {}, nullptr));
        const Result<AnnotationSet> voc = readAnnotations(dir.filePath("voc"), {});
        QVERIFY(voc);
        QCOMPARE(firstDifference(*set, *voc), QString());
        QStringList losses;
        QVERIFY(writeAnnotations(*set, dir.filePath("again.json"), AnnotationFormat::Coco, {}, &losses));
        QVERIFY2(losses.isEmpty(), qPrintable(losses.join(u'\n')));
        const Result<AnnotationSet> again = readAnnotations(dir.filePath("again.json"), {});
        QVERIFY(again);
        QCOMPARE(firstDifference(*set, *again), QString());
        QCOMPARE(again->extras, set->extras);
    }

    void shipsYolo() {
        ReadOptions options;
        options.imageSize = probedSizes();
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = readAnnotations(data("ships_yolo"), options, &issues);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
        QCOMPARE(set->format, QStringLiteral("yolo"));
        QCOMPARE(set->classes, QStringList{"Ships"});
        QCOMPARE(set->images.size(), 567); // the "#temp" files are not images
        QVERIFY2(!hasErrors(issues), qPrintable(issueText(issues)));
        // data.yaml says val: ../valid/images; the folder is called validate.
        QVERIFY2(hasIssue(issues, {"data.yaml", "../valid/images does not exist here"}),
                 qPrintable(issueText(issues)));
        // 34 label files in validate/labels have no image.
        QCOMPARE(countIssues(issues, "no image for this label file"), 34);
        // nc: 1 but class ids up to 44 in validate: kept, labelled with the number.
        QVERIFY(countIssues(issues, "is past the 1 listed name(s)") > 0);

        // Independent count of what the label files hold, for files that have an image.
        int rows = 0, polygons = 0, unmatched = 0;
        QDirIterator it(data("ships_yolo"), {"*.txt"}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString label = it.next();
            if (!label.contains("/labels/"))
                continue;
            QString image = label;
            image.replace("/labels/", "/images/").chop(4);
            if (!QFileInfo::exists(image + ".jpg")) {
                ++unmatched;
                continue;
            }
            QFile file(label);
            QVERIFY(file.open(QIODevice::ReadOnly));
            for (const QByteArray& line : file.readAll().split('\n')) {
                const qsizetype values = line.simplified().split(' ').size();
                rows += !line.trimmed().isEmpty();
                polygons += !line.trimmed().isEmpty() && values > 6;
            }
        }
        QCOMPARE(unmatched, 34);
        QVERIFY(polygons > 0);
        QCOMPARE(set->windowCount(), rows);
        int withoutBoxes = 0, boxedPolygons = 0;
        for (const ImageEntry& image : set->images) {
            withoutBoxes += image.windows.isEmpty();
            QVERIFY2(image.windows.isEmpty() || image.declaredSize.isValid(), qPrintable(image.path));
            for (const CropWindow& window : image.windows)
                boxedPolygons += window.extras.contains("yolo.polygon");
        }
        QCOMPARE(boxedPolygons, polygons);
        QVERIFY(withoutBoxes >= 88); // train has 88 images without a label file

        options.shapes = ShapePolicy::Report;
        QList<AnnotationIssue> reported;
        const Result<AnnotationSet> boxesOnly = readAnnotations(data("ships_yolo"), options, &reported);
        QVERIFY(boxesOnly);
        QCOMPARE(boxesOnly->windowCount(), rows - polygons);
        QCOMPARE(countIssues(reported, "polygon row skipped"), polygons);
    }

    void shipsYoloRoundTrip() {
        ReadOptions options;
        options.imageSize = probedSizes();
        const Result<AnnotationSet> set = readAnnotations(data("ships_yolo/test"), options);
        QVERIFY(set);
        QTemporaryDir dir;
        QStringList losses;
        QVERIFY(writeAnnotations(*set, dir.path(), AnnotationFormat::Yolo, {}, &losses));
        options.imageRoot = set->imageRoot;
        const Result<AnnotationSet> back = readAnnotations(dir.path(), options);
        QVERIFY(back);
        QCOMPARE(firstDifference(*set, *back), QString());
        // Polygon rows come back as the polygons they were.
        int polygons = 0;
        for (const ImageEntry& image : back->images) {
            for (const CropWindow& window : image.windows)
                polygons += window.extras.contains("yolo.polygon");
        }
        QVERIFY(polygons > 0);
    }

    void labelmeJsonVocCocoAgree() {
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> json =
            readAnnotations(data("labelme/bbox_detection/data_annotated"), {}, &issues);
        QVERIFY2(json, qPrintable(json ? QString() : json.error().message));
        QVERIFY2(issues.isEmpty(), qPrintable(issueText(issues)));
        QCOMPARE(json->format, QStringLiteral("labelme"));
        QCOMPARE(json->images.size(), 3);
        QCOMPARE(json->windowCount(), 9);

        // labelme2voc copied the pixel-edge points into VOC unchanged (floats, empty <difficult/>): read
        // that way, the VOC file agrees exactly; under the VOC rule it is one pixel larger left and top.
        ReadOptions edges;
        edges.vocCorners = CornerConvention::ZeroBasedEdges;
        const Result<AnnotationSet> voc =
            readAnnotations(data("labelme/bbox_detection/data_dataset_voc/Annotations"), edges, &issues);
        QVERIFY2(voc, qPrintable(voc ? QString() : voc.error().message));
        QVERIFY2(issues.isEmpty(), qPrintable(issueText(issues)));
        QCOMPARE(voc->imageRoot, QDir::cleanPath(data("labelme/bbox_detection/data_dataset_voc/JPEGImages")));
        CompareOptions byName;
        byName.byFileName = true;
        QCOMPARE(firstDifference(*json, *voc, byName), QString());
        QVERIFY(voc->images[0].windows[0].extras.contains("voc.difficult"));
        const Result<AnnotationSet> vocRule =
            readAnnotations(data("labelme/bbox_detection/data_dataset_voc/Annotations"), {});
        QVERIFY(vocRule);
        for (const ImageEntry& image : vocRule->images) {
            const ImageEntry* other = nullptr;
            for (const ImageEntry& candidate : json->images)
                other = QFileInfo(candidate.path).fileName() == image.path ? &candidate : other;
            QVERIFY(other);
            for (int i = 0; i < image.windows.size(); ++i) {
                const QRectF expected = other->windows[i].box.adjusted(-1, -1, 0, 0);
                QVERIFY(qAbs(image.windows[i].box.x() - expected.x()) < 1e-9);
                QVERIFY(qAbs(image.windows[i].box.bottom() - expected.bottom()) < 1e-9);
            }
        }

        // The COCO file was made from separate polygon annotations of the same three images (more objects,
        // boxes from the polygons' masks): same images, and every rectangle has a COCO box of its label
        // overlapping it by IoU >= 0.75 (the worst is 0.80).
        const Result<AnnotationSet> coco = readAnnotations(
            data("labelme/instance_segmentation/data_dataset_coco/annotations.json"), {}, &issues);
        QVERIFY(coco);
        QVERIFY2(issues.isEmpty(), qPrintable(issueText(issues)));
        QCOMPARE(coco->classes.first(), QStringLiteral("_background_"));
        QCOMPARE(coco->images.size(), 3);
        for (const ImageEntry& image : coco->images) {
            QVERIFY(image.path.startsWith(u"JPEGImages/"));
            QVERIFY(QFileInfo::exists(QDir(coco->imageRoot).filePath(image.path)));
            QVERIFY(image.extras.contains("coco.id"));
            const QString name = QFileInfo(image.path).fileName();
            const ImageEntry* rectangles = imageNamed(*json, name);
            QVERIFY2(rectangles, qPrintable(name));
            QCOMPARE(image.declaredSize, rectangles->declaredSize);
            for (const CropWindow& window : rectangles->windows) {
                double best = 0;
                for (const CropWindow& candidate : image.windows) {
                    if (candidate.label == window.label)
                        best = std::max(best, iou(window.box, candidate.box));
                }
                QVERIFY2(best >= 0.75,
                         qPrintable(QStringLiteral("%1 %2: IoU %3").arg(name, window.label).arg(best)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestAnnotationRealData)
#include "test_annotation_real_data.moc"
