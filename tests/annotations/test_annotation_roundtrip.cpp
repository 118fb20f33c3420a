// SPDX-License-Identifier: GPL-3.0-or-later
// Round trips across every pair of formats: a set written as A, read back, written as B and read back
// holds the same images, boxes and labels as the original, exactly. Also centre/scale lists into box
// formats, where the conversion is lossy by nature and must say so.

#include "AnnotationTestSupport.h"
#include "annotations/AnnotationIO.h"
#include "annotations/BoxConventions.h"

#include <QDir>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

struct Target {
    const char* name;
    AnnotationFormat format;
    bool folder;        // written into a folder, not a file
    CsvColumns columns; // CSV layout
};

QList<Target> targets() {
    return {{"csv", AnnotationFormat::Csv, false, CsvColumns()},
            {"csv-tensorflow", AnnotationFormat::Csv, false, CsvColumns::tensorflow()},
            {"voc", AnnotationFormat::Voc, true, CsvColumns()},
            {"coco", AnnotationFormat::Coco, false, CsvColumns()},
            {"yolo", AnnotationFormat::Yolo, true, CsvColumns()},
            {"labelme", AnnotationFormat::LabelMe, true, CsvColumns()}};
}

const QHash<QString, QSize>& imageSizes() {
    static const QHash<QString, QSize> sizes{{QStringLiteral("a.jpg"), QSize(640, 480)},
                                             {QStringLiteral("b.png"), QSize(333, 197)},
                                             {QStringLiteral("c.jpg"), QSize(100, 100)}};
    return sizes;
}

CropWindow box(double x, double y, double w, double h, const char* label) {
    return CropWindow{CropWindow::Kind::Box, QRectF(x, y, w, h), {}, QString::fromUtf8(label), {}, {}};
}

// Three images in an image folder: boxes touching every edge, a label with a comma and a non-ASCII
// one, one image without boxes, one in a sub-folder.
AnnotationSet sampleSet(const QString& imageRoot, bool fractional) {
    AnnotationSet set;
    set.imageRoot = imageRoot;
    set.classes = {QStringLiteral("cat"), QStringLiteral("dog")};
    set.images = {ImageEntry{QStringLiteral("a.jpg"), QSize(640, 480), {}, {}},
                  ImageEntry{QStringLiteral("sub/b.png"), QSize(333, 197), {}, {}},
                  ImageEntry{QStringLiteral("c.jpg"), QSize(100, 100), {}, {}}};
    const double f = fractional ? 0.5 : 0.0;
    const double q = fractional ? 0.25 : 0.0;
    set.images[0].windows = {box(0, 0, 640, 480, "cat"), box(10 + f, 20 + q, 30, 40 - q, "dog"),
                             box(600, 1, 40, 479, "cat, tabby")};
    set.images[1].windows = {box(1, 2, 3 + f, 4, "Eichhörnchen"), box(330, 190 + f, 3, 7 - f, "dog")};
    for (ImageEntry& image : set.images) {
        for (int i = 0; i < image.windows.size(); ++i)
            image.windows[i].id = QString::number(i);
    }
    return set;
}

ReadOptions readOptionsFor(const Target& target, const QString& imageRoot) {
    ReadOptions options;
    options.format = target.format;
    options.csvColumns = target.columns;
    options.imageSize = sizesByName(imageSizes());
    if (target.format == AnnotationFormat::Yolo)
        options.imageRoot = imageRoot; // YOLO keeps no image paths
    return options;
}

WriteOptions writeOptionsFor(const Target& target) {
    WriteOptions options;
    options.csvColumns = target.columns;
    options.imageSize = sizesByName(imageSizes());
    options.vocWholePixels = false; // exactness of decimals is what is under test; rounding has its own test
    return options;
}

} // namespace

class TestAnnotationRoundTrip : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_images;

    Result<AnnotationSet> writeAndRead(const AnnotationSet& set, const Target& target, const QString& where,
                                       QStringList* losses) {
        const QString path = m_dir.filePath(where + (target.folder ? QString() : QStringLiteral(".out")));
        if (Status status = writeAnnotations(set, path, target.format, writeOptionsFor(target), losses);
            !status)
            return status.error();
        return readAnnotations(path, readOptionsFor(target, m_images));
    }

private slots:
    void initTestCase() {
        m_images = m_dir.filePath(QStringLiteral("images"));
        for (const QString& name :
             {QStringLiteral("a.jpg"), QStringLiteral("sub/b.png"), QStringLiteral("c.jpg")})
            writeFixture(m_dir, QStringLiteral("images/") + name, "not decoded here");
    }

    void pairs_data() {
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("second");
        QTest::addColumn<bool>("fractional");
        const QList<Target> all = targets();
        for (int a = 0; a < all.size(); ++a) {
            for (int b = 0; b < all.size(); ++b) {
                for (bool fractional : {false, true})
                    QTest::addRow("%s -> %s%s", all[a].name, all[b].name, fractional ? ", fractional" : "")
                        << a << b << fractional;
            }
        }
    }

    void pairs() {
        QFETCH(int, first);
        QFETCH(int, second);
        QFETCH(bool, fractional);
        const Target a = targets()[first];
        const Target b = targets()[second];
        const AnnotationSet original = sampleSet(m_images, fractional);
        const QString tag =
            QString::fromLatin1(QTest::currentDataTag()).replace(QRegularExpression("[^a-z]+"), "_");
        QStringList losses;
        const Result<AnnotationSet> viaA = writeAndRead(original, a, tag + QStringLiteral("/first"), &losses);
        QVERIFY2(viaA, qPrintable(viaA ? QString() : viaA.error().message));
        const Result<AnnotationSet> viaB = writeAndRead(*viaA, b, tag + QStringLiteral("/second"), &losses);
        QVERIFY2(viaB, qPrintable(viaB ? QString() : viaB.error().message));
        CompareOptions compare;
        compare.skipEmptyImages = a.format == AnnotationFormat::Csv || b.format == AnnotationFormat::Csv;
        QCOMPARE(firstDifference(original, *viaB, compare), QString());
        // Whatever was lost on the way was reported: only CSV cannot hold an image without boxes.
        if (compare.skipEmptyImages)
            QVERIFY2(losses.join(u'\n').contains(u"images with no boxes are not listed"),
                     qPrintable(losses.join(u'\n')));
    }

    // The benchmark's centre/scale lists: exact among themselves, resolved to pixels elsewhere.
    void centreScale() {
        AnnotationSet set;
        set.imageRoot = m_images;
        set.normalizedMaxFraction = 0.75;
        set.images = {ImageEntry{QStringLiteral("a.jpg"), QSize(), {}, {}}};
        const NormalizedSquare square{0.123456789, 0.9, 0.9};
        set.images[0].windows = {
            CropWindow{CropWindow::Kind::NormalizedSquare, {}, square, {}, QStringLiteral("0"), {}}};
        const QString list = m_dir.filePath(QStringLiteral("cs/list.csv"));
        QVERIFY(writeAnnotations(set, list, AnnotationFormat::CentreScale, {}, nullptr));
        ReadOptions readOptions;
        readOptions.normalizedMaxFraction = 0.75;
        const Result<AnnotationSet> back = readAnnotations(list, readOptions);
        QVERIFY(back);
        QCOMPARE(firstDifference(set, *back), QString());

        WriteOptions options;
        options.imageSize = sizesByName(imageSizes());
        QStringList losses;
        const QString coco = m_dir.filePath(QStringLiteral("cs/coco.json"));
        QVERIFY(writeAnnotations(*back, coco, AnnotationFormat::Coco, options, &losses));
        QVERIFY2(losses.join(u'\n').contains(u"written as their square box"), qPrintable(losses.join(u'\n')));
        const Result<AnnotationSet> boxes = readAnnotations(coco, {});
        QVERIFY(boxes);
        const QRect expected = resolveNormalizedSquare(square, QSize(640, 480), 0.75);
        QCOMPARE(expected, QRect(79, 120, 360, 360)); // side 480·0.75, y clamped to 480 − 360
        QCOMPARE(boxes->images[0].windows[0].box, QRectF(expected));
    }
};

QTEST_GUILESS_MAIN(TestAnnotationRoundTrip)
#include "test_annotation_roundtrip.moc"
