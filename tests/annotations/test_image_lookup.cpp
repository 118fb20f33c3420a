// SPDX-License-Identifier: GPL-3.0-or-later
// How annotation paths find their files: the --images list rule (ImageListIndex) that --validate and
// --batch share, checked on the index itself and through both validateAnnotations() and planBatch()
// (regression: with two listed files of one name, validation took the first, the planner the last, and
// neither said so); the one path key and the one list of image extensions.

#include "AnnotationTestSupport.h"
#include "annotations/ImageListIndex.h"
#include "annotations/ImagePaths.h"
#include "engine/BatchPlan.h"
#include "validation/Validation.h"

#include <QDir>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

QByteArray pgm(int width, int height) {
    return QStringLiteral("P5\n%1 %2\n255\n").arg(width).arg(height).toLatin1() +
           QByteArray(width * height, '\x40');
}

AnnotationSet setOf(const QString& root, const QStringList& paths) {
    AnnotationSet set;
    set.format = QStringLiteral("csv");
    set.imageRoot = root;
    for (const QString& path : paths) {
        ImageEntry image;
        image.path = path;
        CropWindow window;
        window.box = QRectF(1, 1, 4, 4);
        window.label = QStringLiteral("cat");
        window.id = QStringLiteral("0");
        image.windows << window;
        set.images << image;
    }
    return set;
}

} // namespace

class TestImageLookup : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString at(const QString& relative) const { return QDir::cleanPath(m_dir.filePath(relative)); }
    QStringList twins() const { return {at("day1/x.pgm"), at("day2/X.PGM"), at("day2/other.pgm")}; }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        for (const char* name : {"day1/x.pgm", "day2/X.PGM", "day2/other.pgm"})
            writeFixture(m_dir, QString::fromLatin1(name), pgm(8, 6));
    }

    void findRule_data() {
        QTest::addColumn<QString>("wanted"); // relative to the temporary folder
        QTest::addColumn<QString>("found");  // relative; empty: none
        QTest::addColumn<int>("ambiguous");  // number of candidates named
        QTest::newRow("same path") << "day1/x.pgm"
                                   << "day1/x.pgm" << 0;
        QTest::newRow("same path, other case") << "DAY2/x.pgm"
                                               << "day2/X.PGM" << 0;
        QTest::newRow("unique file name") << "elsewhere/OTHER.pgm"
                                          << "day2/other.pgm" << 0;
        QTest::newRow("shared file name") << "elsewhere/x.pgm"
                                          << "" << 2;
        QTest::newRow("no such name") << "day1/y.pgm"
                                      << "" << 0;
    }
    void findRule() {
        QFETCH(QString, wanted);
        QFETCH(QString, found);
        QFETCH(int, ambiguous);
        const ImageListIndex index(twins());
        const ImageListMatch match = index.find(at(wanted));
        QCOMPARE(match.path, found.isEmpty() ? QString() : at(found));
        QCOMPARE(match.ambiguous.size(), qsizetype(ambiguous));
        QCOMPARE(match.isAmbiguous(), ambiguous > 0);
        if (ambiguous > 0) {
            QCOMPARE(match.ambiguous, (QStringList{at("day1/x.pgm"), at("day2/X.PGM")}));
            QCOMPARE(match.problem(QStringLiteral("elsewhere/x.pgm")),
                     QStringLiteral("file name x.pgm matches 2 images in the --images list and the path none "
                                    "of them: %1, %2; not guessed (write the path relative to the image "
                                    "folder, or list only one)")
                         .arg(at("day1/x.pgm"), at("day2/X.PGM")));
        } else if (found.isEmpty()) {
            QCOMPARE(match.problem(wanted), QStringLiteral("not in the images list"));
        } else {
            QCOMPARE(match.problem(wanted), QString());
        }
    }

    void oneFileListedTwiceIsNoAmbiguity() {
        const ImageListIndex index({at("day1/x.pgm"), at("day1/../day1/X.pgm"), at("day1/./x.pgm")});
        const ImageListMatch match = index.find(at("somewhere/x.pgm"));
        QCOMPARE(match.path, at("day1/x.pgm"));
        QVERIFY(!match.isAmbiguous());
    }

    // --validate and --batch take the same file, and refuse the same ambiguous name naming both paths.
    void validationAndPlannerAgree() {
        const AnnotationSet set = setOf(QStringLiteral("/nowhere"), {"x.pgm", "other.pgm"});
        ValidationOptions validation;
        validation.imageList = twins();
        const ValidationReport report = validateAnnotations(set, {}, validation);
        QCOMPARE(report.imagesReadable, 1);
        QCOMPARE(report.count(FindingKind::AmbiguousImage), 1);
        QCOMPARE(report.count(FindingKind::ImageNotFound), 0);
        QCOMPARE(report.errorCount(), 1);
        const ValidationFinding& finding = report.findings.first();
        QCOMPARE(finding.image, QStringLiteral("x.pgm"));
        QCOMPARE(finding.severity, IssueSeverity::Error);
        QVERIFY2(finding.toString().startsWith("error: x.pgm: file name x.pgm matches 2 images"),
                 qPrintable(finding.toString()));
        QVERIFY(finding.toString().contains(at("day1/x.pgm") + ", " + at("day2/X.PGM")));
        QVERIFY(finding.toString().endsWith("[image-ambiguous]"));

        BatchOptions batch;
        batch.outputDir = m_dir.filePath("out");
        batch.imageList = twins();
        const Result<BatchPlan> plan = planBatch(set, batch);
        QVERIFY(plan.ok());
        QCOMPARE(plan->images.size(), 2);
        QCOMPARE(plan->images[0].problem,
                 QStringLiteral("x.pgm: ") + report.findings.first().message); // the same words
        QVERIFY(plan->images[1].problem.isEmpty());
        QCOMPARE(plan->images[1].absolutePath, at("day2/other.pgm"));
    }

    // A path that names one of the twins is no ambiguity for either.
    void pathMatchWinsOverTheName() {
        const AnnotationSet set = setOf(m_dir.path(), {"day2/x.pgm"});
        ValidationOptions validation;
        validation.imageList = twins();
        const ValidationReport report = validateAnnotations(set, {}, validation);
        QVERIFY(report.findings.isEmpty());
        QCOMPARE(report.imagesReadable, 1);
        BatchOptions batch;
        batch.outputDir = m_dir.filePath("out");
        batch.imageList = twins();
        const Result<BatchPlan> plan = planBatch(set, batch);
        QVERIFY(plan.ok());
        QVERIFY(plan->images[0].problem.isEmpty());
        QCOMPARE(plan->images[0].absolutePath, at("day2/X.PGM"));
    }

    void pathKeyFoldsCaseAndSeparators() {
        QCOMPARE(pathKey(QStringLiteral("/A/b/../C.JPG")), pathKey(QStringLiteral("/a/c.jpg")));
        QCOMPARE(pathKey(QStringLiteral("sub\\Photo.PNG")), QStringLiteral("sub/photo.png"));
        QVERIFY(pathKey(QStringLiteral("/a/c.jpg")) != pathKey(QStringLiteral("/a/d.jpg")));
    }

    void oneListOfImageExtensions() {
        for (const QString& readable : readableImageExtensions())
            QVERIFY2(knownImageExtensions().contains(readable), qPrintable(readable));
        for (const char* name : {"jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp", "pgm", "pnm", "dib"})
            QVERIFY2(readableImageExtensions().contains(QLatin1String(name)), name);
        for (const char* name : {"gif", "dng", "mpo"}) {
            QVERIFY2(knownImageExtensions().contains(QLatin1String(name)), name);
            QVERIFY2(!readableImageExtensions().contains(QLatin1String(name)), name);
        }
    }
};

QTEST_GUILESS_MAIN(TestImageLookup)
#include "test_image_lookup.moc"
