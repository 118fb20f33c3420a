// SPDX-License-Identifier: GPL-3.0-or-later
// Validation of annotation sets against their images: one row per finding kind on small fixture images,
// the closest-name search, the EXIF convention tell-tale (synthetic headers, and the real
// exif_orientation photos), and that only headers are read (files whose pixel data is garbage or absent
// pass, each image probed once).

#include "AnnotationTestSupport.h"
#include "TestUtils.h"
#include "annotations/AnnotationIO.h"
#include "validation/Validation.h"
#include "validation/ValidationConvention.h"
#include "validation/ValidationNames.h"

#include <QDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

// A binary PGM of width × height. `pixelBytes` < 0 writes all the pixels; otherwise only that many
// (a header that promises more than the file holds: a decoder fails, a header probe does not).
QByteArray pgm(int width, int height, int pixelBytes = -1) {
    QByteArray bytes = QStringLiteral("P5\n%1 %2\n255\n").arg(width).arg(height).toLatin1();
    bytes.append(QByteArray(pixelBytes < 0 ? width * height : pixelBytes, '\x7f'));
    return bytes;
}

// A PNG whose header (signature, IHDR with a correct CRC) is fine and whose IDAT holds garbage.
QByteArray pngWithGarbagePixels(int width, int height) {
    const auto be32 = [](quint32 v) {
        const char bytes[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
        return QByteArray(bytes, 4);
    };
    QByteArray ihdr = "IHDR" + be32(quint32(width)) + be32(quint32(height)) + QByteArray("\x08\x02\0\0\0", 5);
    quint32 crc = 0xFFFFFFFFU;
    for (const char c : ihdr) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc & 1) ? 0xEDB88320U ^ (crc >> 1) : crc >> 1;
    }
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + be32(13) + ihdr + be32(crc ^ 0xFFFFFFFFU) + be32(64) +
           "IDAT" + QByteArray(64, '\x5a') + be32(0);
}

// "x y w h label" boxes separated by '|'; "square x y scale" for a centre/scale window.
QList<CropWindow> windowsFrom(const QString& text) {
    QList<CropWindow> windows;
    for (const QString& part : text.split(u'|', Qt::SkipEmptyParts)) {
        const QStringList f = part.split(u' ', Qt::SkipEmptyParts);
        CropWindow window;
        window.id = QString::number(windows.size());
        if (f[0] == u"square") {
            window.kind = CropWindow::Kind::NormalizedSquare;
            window.square = {f[1].toDouble(), f[2].toDouble(), f[3].toDouble()};
        } else {
            const auto value = [](const QString& v) {
                return v == u"nan" ? std::numeric_limits<double>::quiet_NaN() : v.toDouble();
            };
            window.box = QRectF(value(f[0]), value(f[1]), value(f[2]), value(f[3]));
            window.label = f.value(4);
        }
        windows.append(window);
    }
    return windows;
}

AnnotationSet setFor(const QString& root, const QString& image, const QString& windows, QSize declared = {}) {
    AnnotationSet set;
    set.format = QStringLiteral("csv");
    set.imageRoot = root;
    ImageEntry entry;
    entry.path = image;
    entry.declaredSize = declared;
    entry.windows = windowsFrom(windows);
    set.images.append(entry);
    return set;
}

QString findingText(const ValidationReport& report) {
    QStringList lines;
    for (const ValidationFinding& finding : report.findings)
        lines << finding.toString();
    return lines.join(u'\n');
}

ImageInfo orientedInfo(int width, int height, int orientation) {
    ImageInfo info;
    info.width = width;
    info.height = height;
    info.orientation = orientation;
    return info;
}

} // namespace

Q_DECLARE_METATYPE(FindingKind)
Q_DECLARE_METATYPE(DeclaredSizeMatch)

class TestValidation : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        writeFixture(m_dir, "a.pgm", pgm(40, 30));
        writeFixture(m_dir, "sub/Photo One.PGM", pgm(20, 10));
        writeFixture(m_dir, "broken.pgm", "P5\nforty thirty\n255\n");
        writeFixture(m_dir, "cut.png", QByteArray("\x89PNG\r\n\x1a\n\0\0\0\x0dIH", 14));
    }

    void findingPerKind_data() {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("windows");
        QTest::addColumn<QSize>("declared");
        QTest::addColumn<QStringList>("classes");
        QTest::addColumn<qlonglong>("maxPixels");
        QTest::addColumn<int>("kind"); // -1: no finding
        QTest::addColumn<bool>("error");
        QTest::addColumn<int>("window");
        QTest::addColumn<QStringList>("parts");
        const QSize none;
        const QStringList noClasses;
        QTest::newRow("clean") << "a.pgm"
                               << "0 0 40 30 cat|10 5 5 5 cat" << QSize(40, 30) << QStringList{"cat"} << 0LL
                               << -1 << false << -1 << QStringList();
        QTest::newRow("past the right edge")
            << "a.pgm"
            << "30 0 15 10" << none << noClasses << 0LL << int(FindingKind::BoxOutside) << true << 0
            << QStringList{"5 px past the right edge", "40x30 image"};
        QTest::newRow("past left and top")
            << "a.pgm"
            << "1 1 2 2|-2 -3.5 10 10" << none << noClasses << 0LL << int(FindingKind::BoxOutside) << true
            << 1 << QStringList{"2 px past the left edge, 3.5 px past the top edge"};
        QTest::newRow("past the bottom")
            << "a.pgm"
            << "0 25 10 6" << none << noClasses << 0LL << int(FindingKind::BoxOutside) << true << 0
            << QStringList{"1 px past the bottom edge"};
        QTest::newRow("touching the far edges is inside")
            << "a.pgm"
            << "30 20 10 10" << none << noClasses << 0LL << -1 << false << -1 << QStringList();
        QTest::newRow("entirely outside")
            << "a.pgm"
            << "50 0 5 5" << none << noClasses << 0LL << int(FindingKind::BoxOutside) << true << 0
            << QStringList{"entirely outside"};
        QTest::newRow("zero width") << "a.pgm"
                                    << "1 1 0 5" << none << noClasses << 0LL << int(FindingKind::EmptyBox)
                                    << true << 0 << QStringList{"zero or negative size", "w=0"};
        QTest::newRow("negative height")
            << "a.pgm"
            << "1 1 5 -2" << none << noClasses << 0LL << int(FindingKind::EmptyBox) << true << 0
            << QStringList{"zero or negative size", "h=-2"};
        QTest::newRow("not a number") << "a.pgm"
                                      << "nan 1 5 5" << none << noClasses << 0LL << int(FindingKind::EmptyBox)
                                      << true << 0 << QStringList{"not a number"};
        QTest::newRow("a click without a drag")
            << "a.pgm"
            << "1 1 5 5|10 5 1 1 cat" << none << noClasses << 0LL << int(FindingKind::SmallBox) << false << 1
            << QStringList{"box 1: 1x1 px, smaller than the minimum box size 2 px (--min-box-size): x=10 y=5 "
                           "w=1 h=1 [small-box]"};
        QTest::newRow("too narrow") << "a.pgm"
                                    << "3 3 1.5 20" << none << noClasses << 0LL << int(FindingKind::SmallBox)
                                    << false << 0 << QStringList{"1.5x20 px"};
        QTest::newRow("2 px is enough")
            << "a.pgm"
            << "3 3 2 2" << none << noClasses << 0LL << -1 << false << -1 << QStringList();
        QTest::newRow("square of no size")
            << "a.pgm"
            << "square 0.5 0.5 0" << none << noClasses << 0LL << int(FindingKind::EmptyBox) << true << 0
            << QStringList{"scale 0"};
        QTest::newRow("square outside [0, 1]")
            << "a.pgm"
            << "square 1.5 0.5 0.2" << none << noClasses << 0LL << int(FindingKind::BoxOutside) << true << 0
            << QStringList{"x=1.5", "[0, 1]"};
        QTest::newRow("duplicate") << "a.pgm"
                                   << "1 1 5 5 cat|2 2 5 5 cat|1 1 5 5 cat" << none << noClasses << 0LL
                                   << int(FindingKind::DuplicateBox) << false << 2
                                   << QStringList{"same box and label as box 0"};
        QTest::newRow("same box, other label is no duplicate")
            << "a.pgm"
            << "1 1 5 5 cat|1 1 5 5 dog" << none << noClasses << 0LL << -1 << false << -1 << QStringList();
        QTest::newRow("label not in the class list")
            << "a.pgm"
            << "1 1 5 5 cat|1 1 5 5 dgo" << none << QStringList{"cat", "dog"} << 0LL
            << int(FindingKind::UnknownLabel) << false << 1
            << QStringList{"\"dgo\" is not in the class list"};
        QTest::newRow("declared size differs")
            << "a.pgm"
            << "1 1 5 5" << QSize(41, 30) << noClasses << 0LL << int(FindingKind::SizeMismatch) << true << -1
            << QStringList{"declared size 41x30", "image's size 40x30"};
        QTest::newRow("missing image")
            << "missing.pgm"
            << "1 1 5 5" << none << noClasses << 0LL << int(FindingKind::ImageNotFound) << true << -1
            << QStringList{"image not found", "missing.pgm"};
        QTest::newRow("corrupt header")
            << "broken.pgm"
            << "1 1 5 5" << none << noClasses << 0LL << int(FindingKind::ImageUnreadable) << true << -1
            << QStringList{"(corrupt)", "broken.pgm"};
        QTest::newRow("truncated header")
            << "cut.png"
            << "1 1 5 5" << none << noClasses << 0LL << int(FindingKind::ImageUnreadable) << true << -1
            << QStringList{"(truncated)", "cut.png"};
        QTest::newRow("over the pixel limit")
            << "a.pgm"
            << "1 1 5 5" << none << noClasses << 1000LL << int(FindingKind::ImageUnreadable) << true << -1
            << QStringList{"(too-large)"};
    }
    void findingPerKind() {
        QFETCH(QString, image);
        QFETCH(QString, windows);
        QFETCH(QSize, declared);
        QFETCH(QStringList, classes);
        QFETCH(qlonglong, maxPixels);
        QFETCH(int, kind);
        QFETCH(bool, error);
        QFETCH(int, window);
        QFETCH(QStringList, parts);
        AnnotationSet set = setFor(m_dir.path(), image, windows, declared);
        set.classes = classes;
        ValidationOptions options;
        options.maxPixels = maxPixels;
        const ValidationReport report = validateAnnotations(set, {}, options);
        if (kind < 0) {
            QVERIFY2(report.findings.isEmpty(), qPrintable(findingText(report)));
            QCOMPARE(report.imagesReadable, 1);
            return;
        }
        QVERIFY2(report.findings.size() == 1, qPrintable(findingText(report)));
        const ValidationFinding& finding = report.findings.first();
        QCOMPARE(finding.kind, FindingKind(kind));
        QCOMPARE(finding.severity, error ? IssueSeverity::Error : IssueSeverity::Warning);
        QCOMPARE(finding.image, image);
        QCOMPARE(finding.imageIndex, 0);
        QCOMPARE(finding.windowIndex, window);
        for (const QString& part : parts)
            QVERIFY2(finding.toString().contains(part), qPrintable(finding.toString()));
        QVERIFY(finding.toString().endsWith(QStringLiteral("[%1]").arg(findingKindName(FindingKind(kind)))));
        QCOMPARE(report.count(FindingKind(kind)), 1);
        QCOMPARE(report.errorCount(), error ? 1 : 0);
        QCOMPARE(report.warningCount(), error ? 0 : 1);
    }

    void isBelowMinBoxSize_data() {
        QTest::addColumn<QString>("window"); // as windowsFrom() reads it
        QTest::addColumn<int>("minSide");
        QTest::addColumn<bool>("below");
        QTest::newRow("1x1, min 2") << "3 3 1 1" << 2 << true;
        QTest::newRow("2x2, min 2") << "3 3 2 2" << 2 << false;
        QTest::newRow("wide but flat") << "3 3 100 1.99" << 2 << true;
        QTest::newRow("4x4, min 5") << "3 3 4 4" << 5 << true;
        QTest::newRow("1x1, rule off") << "3 3 1 1" << 0 << false;
        QTest::newRow("empty") << "3 3 0 5" << 2 << true;
        QTest::newRow("not a number") << "nan 3 1 1" << 2 << false;
        QTest::newRow("centre/scale square") << "square 0.5 0.5 0.0001" << 2 << false;
    }
    void isBelowMinBoxSize() {
        QFETCH(QString, window);
        QFETCH(int, minSide);
        QFETCH(bool, below);
        QCOMPARE(cropdeck::isBelowMinBoxSize(windowsFrom(window).first(), minSide), below);
    }

    // Regression: a VOC object with xmin == xmax and ymin == ymax (1x1 under VOC's inclusive corners)
    // passed validation silently.
    void vocClickBoxIsReported() {
        writeFixture(m_dir, "voc-click/a.pgm", pgm(40, 30));
        const QString xml = writeFixture(
            m_dir, "voc-click/a.xml",
            "<annotation><filename>a.pgm</filename><size><width>40</width><height>30</height></size>"
            "<object><name>cat</name><bndbox><xmin>5</xmin><ymin>5</ymin><xmax>20</xmax><ymax>20</ymax>"
            "</bndbox></object>"
            "<object><name>cat</name><bndbox><xmin>12</xmin><ymin>9</ymin><xmax>12</xmax><ymax>9</ymax>"
            "</bndbox></object></annotation>");
        QList<AnnotationIssue> issues;
        const Result<AnnotationSet> set = readAnnotations(xml, {}, &issues);
        QVERIFY(set.ok());
        ValidationOptions options;
        const ValidationReport report = validateAnnotations(*set, issues, options);
        QVERIFY2(report.findings.size() == 1, qPrintable(findingText(report)));
        QCOMPARE(report.findings[0].toString(),
                 QStringLiteral("warning: a.pgm: box 1: 1x1 px, smaller than the minimum box size 2 px "
                                "(--min-box-size): x=11 y=8 w=1 h=1 [small-box]"));
        QCOMPARE(report.errorCount(), 0);
        options.minBoxSize = 0;
        QVERIFY(validateAnnotations(*set, issues, options).findings.isEmpty());
        options.minBoxSize = 17; // the 16x16 box too
        QCOMPARE(validateAnnotations(*set, issues, options).count(FindingKind::SmallBox), 2);
    }

    void readerIssuesBecomeFindings() {
        const QString csv =
            writeFixture(m_dir, "issues.csv", "path,x,y,w,h,label\na.pgm,1,1,5,5,cat\na.pgm,x,1,5,5,cat\n");
        QList<AnnotationIssue> issues;
        Result<AnnotationSet> set = readAnnotations(csv, {}, &issues);
        QVERIFY(set.ok());
        QVERIFY(!issues.isEmpty());
        const ValidationReport report = validateAnnotations(*set, issues, {});
        QCOMPARE(report.count(FindingKind::AnnotationFile), issues.size());
        const ValidationFinding& first = report.findings.first();
        QCOMPARE(first.kind, FindingKind::AnnotationFile);
        QCOMPARE(first.line, 3);
        QVERIFY2(first.toString().contains("issues.csv:3"), qPrintable(first.toString()));
        QCOMPARE(report.images, 1);
        QCOMPARE(report.windows, 1);
    }

    void boundedEditDistance_data() {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("distance");
        QTest::newRow("same") << "raccoon-1.jpg"
                              << "raccoon-1.jpg" << 3 << 0;
        QTest::newRow("kitten") << "kitten"
                                << "sitting" << 3 << 3;
        QTest::newRow("kitten, limit 2") << "kitten"
                                         << "sitting" << 2 << 3;
        QTest::newRow("one dropped") << "racoon-12.jpg"
                                     << "raccoon-12.jpg" << 3 << 1;
        QTest::newRow("swap is two") << "img_01.jpg"
                                     << "img_10.jpg" << 4 << 2;
        QTest::newRow("empty") << ""
                               << "abc" << 3 << 3;
        QTest::newRow("lengths too far apart") << "a"
                                               << "abcdef" << 2 << 3;
        QTest::newRow("far beyond the band") << "aaaaaaaaaa"
                                             << "bbbbbbbbbb" << 4 << 5;
    }
    void boundedEditDistance() {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, limit);
        QFETCH(int, distance);
        QCOMPARE(cropdeck::boundedEditDistance(a, b, limit), distance);
        QCOMPARE(cropdeck::boundedEditDistance(b, a, limit), distance);
    }

    void closestName_data() {
        QTest::addColumn<QString>("wanted");
        QTest::addColumn<bool>("editDistance");
        QTest::addColumn<QString>("closest");
        QTest::newRow("case of the path") << "SUB/photo one.pgm" << false << "sub/Photo One.PGM";
        QTest::newRow("name in another folder") << "photo one.pgm" << false << "sub/Photo One.PGM";
        QTest::newRow("another extension") << "A.jpg" << false << "a.pgm";
        QTest::newRow("typo, without edit distance") << "Photo Onee.pgm" << false << "";
        QTest::newRow("typo") << "Photo Onee.pgm" << true << "sub/Photo One.PGM";
        QTest::newRow("backslashes") << "sub\\PHOTO ONE.pgm" << false << "sub/Photo One.PGM";
        QTest::newRow("nothing alike") << "zebra-crossing.tiff" << true << "";
    }
    void closestName() {
        QFETCH(QString, wanted);
        QFETCH(bool, editDistance);
        QFETCH(QString, closest);
        const ClosestImageNames names({m_dir.filePath("a.pgm"), m_dir.filePath("sub/Photo One.PGM"),
                                       m_dir.filePath("broken.pgm"), m_dir.filePath("cut.png")},
                                      m_dir.path());
        QCOMPARE(names.closestTo(wanted, editDistance), closest);
    }

    void missingImageNamesTheClosestFile() {
        AnnotationSet set = setFor(m_dir.path(), "sub/photo-one.pgm", "1 1 2 2");
        set.images.append(setFor(m_dir.path(), "b.pgm", "1 1 2 2").images.first());
        const ValidationReport report = validateAnnotations(set, {}, {});
        QCOMPARE(report.count(FindingKind::ImageNotFound), 2);
        QCOMPARE(report.findings[0].closestMatch, QStringLiteral("sub/Photo One.PGM"));
        QVERIFY(report.findings[0].toString().contains("closest existing name: sub/Photo One.PGM"));
        QCOMPARE(report.findings[1].closestMatch, QStringLiteral("a.pgm")); // edit distance 1
        QVERIFY2(report.notes.join(u' ').contains("none of the 2 images was found"),
                 qPrintable(report.notes.join(u'\n')));
        // Only the first missing image gets the edit-distance search when the cap is 1.
        ValidationOptions capped;
        capped.maxEditDistanceSearches = 1;
        const ValidationReport cheap = validateAnnotations(set, {}, capped);
        QCOMPARE(cheap.findings[1].closestMatch, QString());
        QVERIFY(cheap.notes.join(u' ').contains("for the first 1 only"));
    }

    void imageListIsUsedInsteadOfTheFolder() {
        AnnotationSet set = setFor("/nowhere", "elsewhere/A.PGM", "1 1 2 2");
        set.images.append(setFor("/nowhere", "cut.pgm", "1 1 2 2").images.first());
        ValidationOptions options;
        options.imageList = {m_dir.filePath("a.pgm"), m_dir.filePath("cut.png")};
        const ValidationReport report = validateAnnotations(set, {}, options);
        QCOMPARE(report.imagesReadable, 1); // a.pgm found by file name, ignoring case
        QCOMPARE(report.count(FindingKind::ImageNotFound), 1);
        QCOMPARE(report.findings[0].image, QStringLiteral("cut.pgm"));
        QVERIFY(report.findings[0].message.contains("not in the image list"));
        QVERIFY2(report.findings[0].closestMatch.endsWith("cut.png"),
                 qPrintable(report.findings[0].closestMatch));
    }

    void declaredSizeMatch_data() {
        QTest::addColumn<QSize>("stored");
        QTest::addColumn<int>("orientation");
        QTest::addColumn<QSize>("declared");
        QTest::addColumn<bool>("storedPixels");
        QTest::addColumn<DeclaredSizeMatch>("match");
        QTest::newRow("nothing declared")
            << QSize(1200, 1800) << 6 << QSize() << false << DeclaredSizeMatch::NotChecked;
        QTest::newRow("upright declared, upright read")
            << QSize(1200, 1800) << 6 << QSize(1800, 1200) << false << DeclaredSizeMatch::Agrees;
        QTest::newRow("stored declared, upright read")
            << QSize(1200, 1800) << 6 << QSize(1200, 1800) << false << DeclaredSizeMatch::OtherConvention;
        QTest::newRow("stored declared, stored read")
            << QSize(1200, 1800) << 8 << QSize(1200, 1800) << true << DeclaredSizeMatch::Agrees;
        QTest::newRow("upright declared, stored read")
            << QSize(1200, 1800) << 5 << QSize(1800, 1200) << true << DeclaredSizeMatch::OtherConvention;
        QTest::newRow("orientation 3 keeps the axes")
            << QSize(1200, 1800) << 3 << QSize(1800, 1200) << false << DeclaredSizeMatch::Disagrees;
        QTest::newRow("square cannot tell")
            << QSize(500, 500) << 6 << QSize(500, 500) << false << DeclaredSizeMatch::Agrees;
        QTest::newRow("neither") << QSize(1200, 1800) << 7 << QSize(1000, 1000) << false
                                 << DeclaredSizeMatch::Disagrees;
    }
    void declaredSizeMatch() {
        QFETCH(QSize, stored);
        QFETCH(int, orientation);
        QFETCH(QSize, declared);
        QFETCH(bool, storedPixels);
        QFETCH(DeclaredSizeMatch, match);
        QCOMPARE(matchDeclaredSize(declared, orientedInfo(stored.width(), stored.height(), orientation),
                                   storedPixels),
                 match);
    }

    void conventionWarningNamesTheFlag() {
        ConventionEvidence evidence;
        const ImageInfo rotated = orientedInfo(1200, 1800, 6);
        evidence.add("a.jpg", QSize(1200, 1800), rotated, false);
        evidence.add("b.jpg", QSize(1800, 1200), rotated, false);
        evidence.add("c.jpg", QSize(1200, 1800), orientedInfo(1200, 1800, 1), false); // tells nothing
        QCOMPARE(evidence.otherConvention, 1);
        QCOMPARE(evidence.agrees, 1);
        const std::optional<QString> upright = conventionWarning(evidence, false);
        QVERIFY(upright);
        for (const char* part : {"1 of 2 images", "their stored size", "a.jpg", "pass --stored-coordinates",
                                 "the other 1 agree"})
            QVERIFY2(upright->contains(part), qPrintable(*upright));
        ConventionEvidence reverse;
        reverse.add("a.jpg", QSize(1800, 1200), rotated, true);
        const std::optional<QString> stored = conventionWarning(reverse, true);
        QVERIFY(stored && stored->contains("drop --stored-coordinates"));
        QVERIFY(!conventionWarning(ConventionEvidence(), false));
    }

    // The real photos: Landscape_N / Portrait_N carry EXIF orientation N (0: none). Stored sizes as
    // written in the files (orientations 5-8 store the other axis order).
    void exifTellTaleOnRealPhotos_data() {
        QTest::addColumn<bool>("declareStored");
        QTest::addColumn<bool>("readStored");
        QTest::addColumn<int>("warnings");
        QTest::addColumn<QString>("advice");
        QTest::newRow("stored sizes, upright boxes") << true << false << 8 << "pass --stored-coordinates";
        QTest::newRow("stored sizes, stored boxes") << true << true << 0 << "";
        QTest::newRow("upright sizes, upright boxes") << false << false << 0 << "";
        QTest::newRow("upright sizes, stored boxes") << false << true << 8 << "drop --stored-coordinates";
    }
    void exifTellTaleOnRealPhotos() {
        CROPDECK_REQUIRE_SHARED_DATA();
        QFETCH(bool, declareStored);
        QFETCH(bool, readStored);
        QFETCH(int, warnings);
        QFETCH(QString, advice);
        const QString folder = QDir(sharedDataDir()).filePath("exif_orientation");
        AnnotationSet set;
        set.format = QStringLiteral("voc");
        set.imageRoot = folder;
        QStringList paths;
        for (const char* kind : {"Landscape", "Portrait"}) {
            const QSize upright = kind == QByteArray("Landscape") ? QSize(1800, 1200) : QSize(1200, 1800);
            for (int orientation = 0; orientation <= 8; ++orientation) {
                ImageEntry image;
                image.path = QStringLiteral("%1_%2.jpg").arg(kind).arg(orientation);
                image.declaredSize = declareStored && orientation >= 5 ? upright.transposed() : upright;
                image.windows = windowsFrom("100 100 200 300 face");
                set.images.append(image);
                paths << QDir(folder).filePath(image.path);
            }
        }
        ValidationOptions options;
        options.boxesOnStoredPixels = readStored;
        const ValidationReport report = validateAnnotations(set, {}, options);
        QCOMPARE(report.imagesReadable, 18);
        QVERIFY2(report.findings.size() == warnings, qPrintable(findingText(report)));
        QCOMPARE(report.count(FindingKind::ExifConvention), warnings);
        QCOMPARE(report.errorCount(), 0);
        for (const ValidationFinding& finding : report.findings) {
            QVERIFY2(finding.message.contains(advice), qPrintable(finding.message));
            QVERIFY(finding.image.endsWith("_5.jpg") || finding.image.endsWith("_6.jpg") ||
                    finding.image.endsWith("_7.jpg") || finding.image.endsWith("_8.jpg"));
        }
        // The same conclusion for the whole set, as --batch prints it.
        const std::optional<QString> batchWarning =
            exifConventionWarning(set, paths, readStored, 180'000'000);
        QCOMPARE(batchWarning.has_value(), warnings > 0);
        if (batchWarning) {
            QVERIFY2(batchWarning->startsWith("8 of 8 images"), qPrintable(*batchWarning));
            QVERIFY(batchWarning->contains(advice));
            QVERIFY(report.notes.contains(*batchWarning));
        }
    }

    // Validation reads headers only: hundreds of files that promise 4000x3000 pixels and hold 16 bytes
    // (and a PNG whose pixel data is garbage) are all fine, and each image is probed once.
    void readsHeadersOnly() {
        QTemporaryDir dir;
        AnnotationSet set;
        set.format = QStringLiteral("csv");
        set.imageRoot = dir.path();
        constexpr int kImages = 500;
        for (int i = 0; i < kImages; ++i) {
            const QString name = QStringLiteral("tiny_%1.pgm").arg(i, 4, 10, QChar(u'0'));
            writeFixture(dir, name, pgm(4000, 3000, 16));
            ImageEntry image;
            image.path = name;
            image.declaredSize = QSize(4000, 3000);
            image.windows = windowsFrom("3000 2000 1000 1000 x");
            set.images.append(image);
        }
        writeFixture(dir, "garbage.png", pngWithGarbagePixels(640, 480));
        set.images.append(
            setFor(dir.path(), "garbage.png", "600 400 40 80 x", QSize(640, 480)).images.first());
        set.images.append(setFor(dir.path(), "./tiny_0000.pgm", "0 0 10 10 x").images.first()); // same file
        ImageProbeCache probes(0);
        const ValidationReport report = validateAnnotations(set, {}, {}, &probes);
        QVERIFY2(report.findings.isEmpty(), qPrintable(findingText(report).left(2000)));
        QCOMPARE(report.imagesReadable, kImages + 2);
        QCOMPARE(probes.size(), qsizetype(kImages + 1));
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "test_validation.moc"
