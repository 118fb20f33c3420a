// SPDX-License-Identifier: GPL-3.0-or-later
// Golden tests of `cropdeck --validate` and `cropdeck --convert`: the real binary on the demo dataset
// (always) and on the shared real data (raccoon VOC, the EXIF orientation photos; skipped when absent).
// Exit codes, the exact finding lines naming image and box, the JSON document, the EXIF tell-tale in
// --validate and --batch, VOC -> COCO -> VOC to the pixel, loss reports, and refusing to overwrite input.

#include "CliRunner.h"
#include "TestUtils.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace cropdeck::test;

namespace {

void writeText(const QString& path, const QByteArray& text) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(file.write(text), text.size());
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString text(const CliResult& result) {
    return QString::fromUtf8(result.out + "\n--- stderr ---\n" + result.err);
}

// Every <object> of every VOC file under `folder`, by file name: "label xmin ymin xmax ymax" in order,
// straight from the XML (independent of CropDeck's reader).
QMap<QString, QStringList> vocBoxes(const QString& folder) {
    QMap<QString, QStringList> boxes;
    QDirIterator it(folder, {"*.xml"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        QXmlStreamReader xml(&file);
        QStringList& list = boxes[QFileInfo(path).fileName()];
        QString label;
        QStringList corners;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            const QString name = xml.name().toString();
            if (name == u"object")
                corners.clear();
            else if (name == u"name")
                label = xml.readElementText().trimmed();
            else if (name == u"xmin" || name == u"ymin" || name == u"xmax" || name == u"ymax") {
                corners << xml.readElementText().trimmed();
                if (corners.size() == 4)
                    list << label + u' ' + corners.join(u' ');
            }
        }
    }
    return boxes;
}

} // namespace

class TestCliValidateConvert : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_demo;

    QString demoCsv() const { return QDir(m_demo).filePath("annotations.csv"); }

private slots:
    void initTestCase() {
        QVERIFY2(!cropdeckBinary().isEmpty(), "CROPDECK_BINARY is not set (run through CTest)");
        m_demo = m_dir.filePath("demo");
        const CliResult made = runCropdeck({"--make-demo", m_demo});
        QVERIFY2(made.exitCode == 0, made.err.constData());
        QVERIFY(QFile::exists(demoCsv()));
    }

    void helpDocumentsBothModes() {
        const CliResult help = runCropdeck({"--help"});
        QCOMPARE(help.exitCode, 0);
        for (const char* part : {"--validate", "--convert", "--to <format>", "one JSON document",
                                 "warnings alone give 0", "coco, voc, yolo, labelme, csv, centre-scale"})
            QVERIFY2(help.out.simplified().contains(part), part); // wrapped lines joined
    }

    void usageErrorsExitTwo_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("validate without annotations")
            << QStringList{"--validate"} << "--validate needs --annotations";
        QTest::newRow("batch flag with validate")
            << QStringList{"--validate", "--annotations", "a.csv", "--resize", "9x9"}
            << "--resize does not apply to --validate";
        QTest::newRow("two modes") << QStringList{"--validate", "--convert", "--annotations", "a.csv"}
                                   << "--validate and --convert exclude each other";
        QTest::newRow("missing file") << QStringList{"--validate", "--annotations", "/nonexistent/a.csv"}
                                      << "/nonexistent/a.csv: no such file";
        QTest::newRow("bad format name")
            << QStringList{"--validate", "--annotations", "a.csv", "--annotation-format", "xls"}
            << "--annotation-format \"xls\"";
        QTest::newRow("convert without --to")
            << QStringList{"--convert", "--annotations", "a.csv", "--out", "b"}
            << "--convert needs --annotations IN, --to FORMAT and --out PATH";
        QTest::newRow("convert to nothing known")
            << QStringList{"--convert", "--annotations", "a.csv", "--to", "pdf", "--out", "b"}
            << "target format \"pdf\": expected one of";
        QTest::newRow("json with convert")
            << QStringList{"--convert", "--annotations", "a.csv", "--to", "coco", "--out", "b", "--json"}
            << "--json does not apply to --convert";
    }
    void usageErrorsExitTwo() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CliResult result = runCropdeck(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(QString::fromUtf8(result.err).contains(message), result.err.constData());
    }

    void cleanSetExitsZero() {
        const CliResult run = runCropdeck({"--validate", "--annotations", demoCsv()});
        QVERIFY2(run.exitCode == 0, qPrintable(text(run)));
        QVERIFY2(run.out.contains("12 images, 43 boxes: 0 errors, 0 warnings: no problems found"),
                 qPrintable(text(run)));
        QCOMPARE(run.out.count('\n'), 1); // nothing but the summary
    }

    void findingsExitOneNamingImageAndBox() {
        const QString csv = QDir(m_demo).filePath("bad.csv");
        writeText(csv, "path,x,y,w,h,label\n"
                       "images/01_meadow_640x480.jpg,600,10,100,50,cat\n"
                       "images/01_meadow_640x480.jpg,600,10,100,50,cat\n"
                       "images/02_hils_800x600.jpg,1,1,5,5,cat\n"
                       "images/03_field_1024x768.jpg,-4,5,20,5,cat\n");
        const CliResult run = runCropdeck({"--validate", "--annotations", csv});
        QVERIFY2(run.exitCode == 1, qPrintable(text(run)));
        const QStringList lines = QString::fromUtf8(run.out).split(u'\n', Qt::SkipEmptyParts);
        for (const char* line : {"error: images/01_meadow_640x480.jpg: box 0: outside the image: 60 px past "
                                 "the right edge (x=600 "
                                 "y=10 w=100 h=50 on a 640x480 image) [box-outside]",
                                 "warning: images/01_meadow_640x480.jpg: box 1: same box and label as box 0 "
                                 "(id 0) [duplicate-box]",
                                 "error: images/03_field_1024x768.jpg: box 0: outside the image: 4 px past "
                                 "the left edge (x=-4 y=5 "
                                 "w=20 h=5 on a 1024x768 image) [box-outside]"})
            QVERIFY2(lines.contains(QString::fromUtf8(line)), qPrintable(text(run)));
        const QString missing =
            QStringLiteral("error: images/02_hils_800x600.jpg: image not found (%1); closest "
                           "existing name: images/02_hills_800x600.jpg [image-not-found]")
                .arg(QDir::cleanPath(QDir(m_demo).filePath("images/02_hils_800x600.jpg")));
        QVERIFY2(lines.contains(missing), qPrintable(text(run)));
        QVERIFY2(lines.last().endsWith(
                     "3 images, 4 boxes: 4 errors, 1 warnings (image-not-found 1, box-outside 3, "
                     "duplicate-box 1)"),
                 qPrintable(lines.last()));
        // --quiet keeps the errors and the summary only.
        const CliResult quiet = runCropdeck({"--validate", "--annotations", csv, "--quiet"});
        QCOMPARE(quiet.exitCode, 1);
        QVERIFY(!quiet.out.contains("warning:"));
        QCOMPARE(quiet.out.count("error: "), 4);
    }

    void warningsAloneExitZero() {
        const QString csv = QDir(m_demo).filePath("duplicate.csv");
        writeText(csv, "path,x,y,w,h,label\nimages/08_gray_1000x1000.jpg,1,2,30,40,a\n"
                       "images/08_gray_1000x1000.jpg,1,2,30,40,a\n");
        const CliResult run = runCropdeck({"--validate", "--annotations", csv});
        QVERIFY2(run.exitCode == 0, qPrintable(text(run)));
        QVERIFY(run.out.contains("box 1: same box and label as box 0"));
        QVERIFY(run.out.contains("0 errors, 1 warnings"));
    }

    void jsonIsOneDocument() {
        const QString csv = QDir(m_demo).filePath("bad.csv");
        const CliResult run = runCropdeck({"--validate", "--annotations", csv, "--json"});
        QCOMPARE(run.exitCode, 1);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError && document.isObject(), run.out.constData());
        const QJsonObject report = document.object();
        QCOMPARE(report["outcome"].toString(), QStringLiteral("errors"));
        QCOMPARE(report["format"].toString(), QStringLiteral("csv"));
        QCOMPARE(report["images"].toInt(), 3);
        QCOMPARE(report["boxes"].toInt(), 4);
        QCOMPARE(report["errors"].toInt(), 4);
        QCOMPARE(report["warnings"].toInt(), 1);
        QCOMPARE(report["counts"].toObject()["box-outside"].toInt(), 3);
        QCOMPARE(report["counts"].toObject()["image-not-found"].toInt(), 1);
        const QJsonArray findings = report["findings"].toArray();
        QCOMPARE(findings.size(), 5);
        QJsonObject notFound;
        for (const QJsonValue& value : findings)
            if (value["kind"].toString() == u"image-not-found")
                notFound = value.toObject();
        QCOMPARE(notFound["image"].toString(), QStringLiteral("images/02_hils_800x600.jpg"));
        QCOMPARE(notFound["closest"].toString(), QStringLiteral("images/02_hills_800x600.jpg"));
        QCOMPARE(notFound["severity"].toString(), QStringLiteral("error"));
        QVERIFY(!notFound.contains("box_index"));
        const QJsonObject first = findings[0].toObject();
        QCOMPARE(first["kind"].toString(), QStringLiteral("box-outside"));
        QCOMPARE(first["image_index"].toInt(), 0);
        QCOMPARE(first["box_index"].toInt(), 0);
        QCOMPARE(first["box_id"].toString(), QStringLiteral("0"));
    }

    // The demo's portrait is stored 1600x1200 with EXIF orientation 6 (1200x1600 as displayed).
    void exifTellTaleOnDemoPortrait() {
        const QString csv = QDir(m_demo).filePath("stored-sizes.csv");
        writeText(csv, "filename,width,height,class,xmin,ymin,xmax,ymax\n"
                       "images/11_portrait_exif6_1200x1600.jpg,1600,1200,face,11,11,100,100\n");
        const CliResult run = runCropdeck({"--validate", "--annotations", csv});
        QVERIFY2(run.exitCode == 0, qPrintable(text(run))); // a warning
        QVERIFY2(run.out.contains(
                     "warning: images/11_portrait_exif6_1200x1600.jpg: declared size 1600x1200 is the "
                     "stored size (EXIF orientation 6 swaps the axes), but boxes are read on the "
                     "upright image 1200x1600"),
                 qPrintable(text(run)));
        QVERIFY(run.out.contains("pass --stored-coordinates [exif-convention]"));
        QVERIFY(run.out.contains("note: 1 of 1 images with an axis-swapping EXIF orientation"));
        const CliResult stored = runCropdeck({"--validate", "--annotations", csv, "--stored-coordinates"});
        QVERIFY2(stored.exitCode == 0 && stored.out.contains("no problems found"), qPrintable(text(stored)));
        // --batch says the same before it starts.
        const CliResult batch =
            runCropdeck({"--batch", "--annotations", csv, "--out", m_dir.filePath("exif-out"), "--dry-run"});
        QVERIFY2(batch.exitCode == 0, qPrintable(text(batch)));
        QVERIFY2(
            batch.err.contains("warning: 1 of 1 images with an axis-swapping EXIF orientation (5-8) declare "
                               "their stored size") &&
                batch.err.contains("pass --stored-coordinates"),
            qPrintable(text(batch)));
        const CliResult batchStored =
            runCropdeck({"--batch", "--annotations", csv, "--out", m_dir.filePath("exif-out"), "--dry-run",
                         "--stored-coordinates"});
        QCOMPARE(batchStored.exitCode, 0);
        QVERIFY2(!batchStored.err.contains("EXIF"), qPrintable(text(batchStored)));
    }

    void exifTellTaleOnSharedPhotos() {
        CROPDECK_REQUIRE_SHARED_DATA();
        const QString photos = QDir(sharedDataDir()).filePath("exif_orientation");
        QByteArray rows = "filename,width,height,class,xmin,ymin,xmax,ymax\n";
        for (const char* kind : {"Landscape", "Portrait"})
            for (int orientation = 0; orientation <= 8; ++orientation) {
                // Stored sizes: orientations 5-8 keep the other axis order in the file.
                const bool landscape = QByteArray(kind) == "Landscape";
                const bool wide = landscape != (orientation >= 5);
                rows += QStringLiteral("%1_%2.jpg,%3,%4,face,101,101,300,400\n")
                            .arg(kind)
                            .arg(orientation)
                            .arg(wide ? 1800 : 1200)
                            .arg(wide ? 1200 : 1800)
                            .toUtf8();
            }
        const QString csv = m_dir.filePath("exif-stored.csv");
        writeText(csv, rows);
        const CliResult run = runCropdeck({"--validate", "--annotations", csv, "--images", photos, "--json"});
        QVERIFY2(run.exitCode == 0, qPrintable(text(run)));
        const QJsonObject report = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(report["outcome"].toString(), QStringLiteral("warnings"));
        QCOMPARE(report["counts"].toObject()["exif-convention"].toInt(), 8);
        QCOMPARE(report["images_readable"].toInt(), 18);
        QVERIFY(report["notes"].toArray()[0].toString().startsWith("8 of 8 images"));
        const CliResult batch = runCropdeck({"--batch", "--annotations", csv, "--images", photos, "--out",
                                             m_dir.filePath("exif-shared-out"), "--dry-run"});
        QVERIFY2(batch.err.contains("8 of 8 images") && batch.err.contains("--stored-coordinates"),
                 qPrintable(text(batch)));
    }

    void vocToCocoToVocKeepsEveryPixel() {
        CROPDECK_REQUIRE_SHARED_DATA();
        const QString raccoon = QDir(sharedDataDir()).filePath("raccoon_voc_csv");
        const QString coco = m_dir.filePath("raccoon/raccoon.json");
        const QString voc = m_dir.filePath("raccoon/voc");
        const CliResult toCoco =
            runCropdeck({"--convert", "--annotations", QDir(raccoon).filePath("annotations"), "--images",
                         QDir(raccoon).filePath("images"), "--to", "coco", "--out", coco});
        QVERIFY2(toCoco.exitCode == 0, qPrintable(text(toCoco)));
        QVERIFY(toCoco.out.contains("(voc, 200 images, 217 boxes) to coco"));
        // VOC fields COCO has no place for are reported, not dropped silently.
        QVERIFY2(toCoco.err.contains("warning: coco: box field 'voc.difficult' is not kept: 217"),
                 qPrintable(text(toCoco)));
        const CliResult back = runCropdeck({"--convert", "--annotations", coco, "--to", "voc", "--out", voc});
        QVERIFY2(back.exitCode == 0, qPrintable(text(back)));
        const QMap<QString, QStringList> original = vocBoxes(QDir(raccoon).filePath("annotations"));
        const QMap<QString, QStringList> roundTrip = vocBoxes(voc);
        QCOMPARE(original.size(), 200);
        QCOMPARE(roundTrip.keys(), original.keys());
        for (auto it = original.cbegin(); it != original.cend(); ++it)
            QCOMPARE(roundTrip.value(it.key()), it.value());
        // The round trip also validates clean against the images.
        const CliResult validated =
            runCropdeck({"--validate", "--annotations", voc, "--images", QDir(raccoon).filePath("images")});
        QVERIFY2(validated.exitCode == 0 && validated.out.contains("no problems found"),
                 qPrintable(text(validated)));
    }

    void convertReportsWhatTheTargetCannotHold() {
        const QString out = m_dir.filePath("lossy/list.csv");
        const CliResult run =
            runCropdeck({"--convert", "--annotations", demoCsv(), "--to", "centre-scale", "--out", out});
        QVERIFY2(run.exitCode == 0, qPrintable(text(run)));
        QVERIFY2(run.err.contains("warning: centre-scale: boxes skipped (a centre/scale list holds only "
                                  "centre/scale squares): 43"),
                 qPrintable(text(run)));
        QVERIFY(run.out.contains("see the warnings for what the format cannot hold"));
        QVERIFY(QFile::exists(out));
    }

    void convertSizesComeFromHeaders() {
        // VOC needs image sizes that a CSV does not declare: read from the headers, in the convention in use.
        const QString upright = m_dir.filePath("sizes/upright");
        const QString stored = m_dir.filePath("sizes/stored");
        QCOMPARE(
            runCropdeck({"--convert", "--annotations", demoCsv(), "--to", "voc", "--out", upright}).exitCode,
            0);
        QCOMPARE(runCropdeck({"--convert", "--annotations", demoCsv(), "--to", "voc", "--out", stored,
                              "--stored-coordinates"})
                     .exitCode,
                 0);
        const QString xml = QStringLiteral("images/11_portrait_exif6_1200x1600.xml");
        QVERIFY2(
            readAll(QDir(upright).filePath(xml)).contains("<width>1200</width>\n\t\t<height>1600</height>"),
            readAll(QDir(upright).filePath(xml)).constData());
        QVERIFY(
            readAll(QDir(stored).filePath(xml)).contains("<width>1600</width>\n\t\t<height>1200</height>"));
        QVERIFY(readAll(QDir(upright).filePath("images/01_meadow_640x480.xml"))
                    .contains("<width>640</width>\n\t\t<height>480</height>"));
    }

    void convertRefusesToOverwriteItsInput() {
        const QByteArray before = readAll(demoCsv());
        const CliResult same = runCropdeck({"--convert", "--annotations", demoCsv(), "--to", "csv", "--out",
                                            QDir(m_demo).filePath("./images/../annotations.csv")});
        QCOMPARE(same.exitCode, 2);
        QVERIFY2(same.err.contains("is the input"), same.err.constData());
        QCOMPARE(readAll(demoCsv()), before);

        const QString voc = m_dir.filePath("overwrite/voc");
        QCOMPARE(runCropdeck({"--convert", "--annotations", demoCsv(), "--to", "voc", "--out", voc}).exitCode,
                 0);
        const CliResult folder =
            runCropdeck({"--convert", "--annotations", voc, "--to", "voc", "--out", voc});
        QCOMPARE(folder.exitCode, 2);
        QVERIFY2(folder.err.contains("is the input"), folder.err.constData());
        const CliResult inside =
            runCropdeck({"--convert", "--annotations", voc, "--to", "labelme", "--out", voc + "/labelme"});
        QCOMPARE(inside.exitCode, 2);
        QVERIFY2(inside.err.contains("is inside the input"), inside.err.constData());

        const QString coco = m_dir.filePath("overwrite/lm/all.json");
        QCOMPARE(
            runCropdeck({"--convert", "--annotations", demoCsv(), "--to", "coco", "--out", coco}).exitCode,
            0);
        const QByteArray cocoBefore = readAll(coco);
        const CliResult holds = runCropdeck(
            {"--convert", "--annotations", coco, "--to", "labelme", "--out", m_dir.filePath("overwrite/lm")});
        QCOMPARE(holds.exitCode, 2);
        QVERIFY2(holds.err.contains("would hold files like the input"), holds.err.constData());
        QCOMPARE(readAll(coco), cocoBefore);
    }

    void convertExitsOneWhenTheReaderDroppedLines() {
        const QString csv = QDir(m_demo).filePath("one-bad-line.csv");
        writeText(csv, "path,x,y,w,h,label\nimages/01_meadow_640x480.jpg,1,2,30,40,a\n"
                       "images/01_meadow_640x480.jpg,one,2,30,40,a\n");
        const QString out = m_dir.filePath("dropped/out.json");
        const CliResult run = runCropdeck({"--convert", "--annotations", csv, "--to", "coco", "--out", out});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("error: %1:3").arg(csv).toUtf8()), qPrintable(text(run)));
        QVERIFY(run.out.contains("the reader dropped some boxes or lines"));
        QVERIFY(QFile::exists(out));
    }

    // Regression: with a relative --images, CSV -> COCO (written elsewhere) -> VOC gave a <path> with the
    // folders above the images twice (/tmp/x/demo/demo/images/...): the COCO file_name was relative to
    // the COCO file, and the next --convert read it relative to --images.
    void vocPathAfterTwoConversionsWithRelativeImages() {
        writeText(QDir(m_demo).filePath("relative-voc.csv"),
                  "path,x,y,w,h,label\n01_meadow_640x480.jpg,10,20,30,40,cat\n");
        const QString coco = m_dir.filePath("chain/boxes.json");
        const QString voc = m_dir.filePath("chain/voc");
        const CliResult toCoco = runCropdeckIn(m_demo, {"--convert", "--annotations", "relative-voc.csv",
                                                        "--images", "images", "--to", "coco", "--out", coco});
        QVERIFY2(toCoco.exitCode == 0, qPrintable(text(toCoco)));
        QVERIFY2(readAll(coco).contains("\"file_name\": \"01_meadow_640x480.jpg\""),
                 readAll(coco).constData());
        const CliResult toVoc = runCropdeckIn(
            m_demo, {"--convert", "--annotations", coco, "--images", "images", "--to", "voc", "--out", voc});
        QVERIFY2(toVoc.exitCode == 0, qPrintable(text(toVoc)));
        const QByteArray xml = readAll(QDir(voc).filePath("01_meadow_640x480.xml"));
        const QString image = QDir::cleanPath(QDir(m_demo).filePath("images/01_meadow_640x480.jpg"));
        QVERIFY2(xml.contains(QStringLiteral("<path>%1</path>").arg(image).toUtf8()), xml.constData());
        QVERIFY2(xml.contains("<filename>01_meadow_640x480.jpg</filename>"), xml.constData());
        QVERIFY2(xml.contains("<folder>images</folder>"), xml.constData());
    }

    // Regression: --convert wrote paths relative to the output file (images/o1.jpg), so the same flags
    // on the converted file looked for images/images/o1.jpg. Every target format, relative --images and
    // --out as a user types them: --validate and --batch --dry-run with the same --images find every image.
    void convertedFileRunsWithTheSameFlags_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("source"); // in the demo folder, paths relative to images/
        QTest::addColumn<QString>("out");    // in the demo folder, next to images/ (as in `--out c.csv`)
        QTest::addColumn<int>("images");
        QTest::addColumn<int>("boxes");
        for (const auto& [format, out] : {std::pair{"coco", "converted.json"},
                                          {"voc", "converted-voc"},
                                          {"yolo", "converted-yolo"},
                                          {"labelme", "converted-labelme"},
                                          {"csv", "converted.csv"}})
            QTest::newRow(format) << QString::fromLatin1(format) << "same-flags.csv"
                                  << QString::fromLatin1(out) << 12 << 43;
        QTest::newRow("centre-scale") << "centre-scale"
                                      << "same-flags-squares.csv"
                                      << "converted-squares.csv" << 2 << 3;
    }
    void convertedFileRunsWithTheSameFlags() {
        QFETCH(QString, format);
        QFETCH(QString, source);
        QFETCH(QString, out);
        QFETCH(int, images);
        QFETCH(int, boxes);
        QByteArray boxesCsv = readAll(demoCsv());
        boxesCsv.replace("images/", "");
        writeText(QDir(m_demo).filePath("same-flags.csv"), boxesCsv);
        writeText(QDir(m_demo).filePath("same-flags-squares.csv"),
                  "path,x,y,scale\n01_meadow_640x480.jpg,0.25,0.5,0.5\n01_meadow_640x480.jpg,0.5,0.5,0.25\n"
                  "08_gray_1000x1000.jpg,0.1,0.2,0.3\n");
        const QStringList imagesFlag = {"--images", "images"};
        const CliResult converted = runCropdeckIn(
            m_demo,
            QStringList{"--convert", "--annotations", source, "--to", format, "--out", out} + imagesFlag);
        QVERIFY2(converted.exitCode == 0, qPrintable(text(converted)));

        const CliResult validated =
            runCropdeckIn(m_demo, QStringList{"--validate", "--annotations", out, "--json"} + imagesFlag);
        QVERIFY2(validated.exitCode == 0, qPrintable(text(validated)));
        const QJsonObject report = QJsonDocument::fromJson(validated.out).object();
        QCOMPARE(report["counts"].toObject()["image-not-found"].toInt(), 0);
        QCOMPARE(report["errors"].toInt(), 0);
        QCOMPARE(report["boxes"].toInt(), boxes);
        QCOMPARE(report["images_readable"].toInt(), images);

        const CliResult batch =
            runCropdeckIn(m_demo, QStringList{"--batch", "--annotations", out, "--out",
                                              m_dir.filePath("same-flags-" + format), "--dry-run"} +
                                      imagesFlag);
        QVERIFY2(batch.exitCode == 0, qPrintable(text(batch)));
        QVERIFY2(batch.out.contains(
                     QStringLiteral("%1 windows planned, 0 already done, 0 problems").arg(boxes).toUtf8()),
                 qPrintable(text(batch)));
        QVERIFY2(!batch.err.contains("images/images") && !validated.out.contains("images/images"),
                 qPrintable(text(batch)));
    }

    // Two files of one name in an --images list: neither mode guesses, both name the two paths.
    void ambiguousNameInImageList() {
        const QString dir = m_dir.filePath("twins");
        for (const char* day : {"day1", "day2"}) {
            QDir().mkpath(QDir(dir).filePath(day));
            QVERIFY(QFile::copy(QDir(m_demo).filePath("images/01_meadow_640x480.jpg"),
                                QDir(dir).filePath(QStringLiteral("%1/meadow.jpg").arg(day))));
        }
        writeText(QDir(dir).filePath("list.txt"), "day1/meadow.jpg\nday2/meadow.jpg\n");
        writeText(QDir(dir).filePath("boxes.csv"), "path,x,y,w,h,label\nmeadow.jpg,1,2,30,40,a\n");
        const QString both = QStringLiteral("%1, %2").arg(QDir(dir).filePath("day1/meadow.jpg"),
                                                          QDir(dir).filePath("day2/meadow.jpg"));
        const CliResult validated =
            runCropdeckIn(dir, {"--validate", "--annotations", "boxes.csv", "--images", "list.txt"});
        QCOMPARE(validated.exitCode, 1);
        QVERIFY2(
            validated.out.contains(QStringLiteral("error: meadow.jpg: file name meadow.jpg matches 2 images "
                                                  "in the --images list and the path none of them: %1")
                                       .arg(both)
                                       .toUtf8()),
            qPrintable(text(validated)));
        const CliResult batch = runCropdeckIn(dir, {"--batch", "--annotations", "boxes.csv", "--images",
                                                    "list.txt", "--out", "out", "--dry-run"});
        QCOMPARE(batch.exitCode, 1);
        QVERIFY2(batch.err.contains(both.toUtf8()), qPrintable(text(batch)));
    }

    void minBoxSizeWarns() {
        const QString csv = QDir(m_demo).filePath("click.csv");
        writeText(csv, "path,x,y,w,h,label\nimages/01_meadow_640x480.jpg,10,20,1,1,cat\n"
                       "images/01_meadow_640x480.jpg,10,20,3,3,cat\n");
        const CliResult run = runCropdeck({"--validate", "--annotations", csv});
        QVERIFY2(run.exitCode == 0, qPrintable(text(run))); // a warning
        QVERIFY2(run.out.contains("warning: images/01_meadow_640x480.jpg: box 0: 1x1 px, smaller than the "
                                  "minimum box size 2 px (--min-box-size): x=10 y=20 w=1 h=1 [small-box]"),
                 qPrintable(text(run)));
        QVERIFY(run.out.contains("0 errors, 1 warnings (small-box 1)"));
        const CliResult four = runCropdeck({"--validate", "--annotations", csv, "--min-box-size", "4"});
        QVERIFY2(four.out.contains("0 errors, 2 warnings (small-box 2)"), qPrintable(text(four)));
        const CliResult off = runCropdeck({"--validate", "--annotations", csv, "--min-box-size", "0"});
        QVERIFY2(off.out.contains("no problems found"), qPrintable(text(off)));
        const CliResult bad = runCropdeck({"--validate", "--annotations", csv, "--min-box-size", "-1"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--min-box-size \"-1\""), bad.err.constData());
    }

    void batchPrintsReaderIssuesOnceWithTheirLine() {
        // --batch goes on past lines the reader drops (an error) or keeps under an assumption (a
        // warning: the zero-size box), prints each once as "warning: file:line: ...", and counts the
        // dropped line as a failure: summary and exit code say so, in text, JSON and --dry-run.
        const QString csv = QDir(m_demo).filePath("batch-bad-line.csv");
        writeText(csv, "path,x,y,w,h,label\nimages/01_meadow_640x480.jpg,1,2,30,40,a\n"
                       "images/01_meadow_640x480.jpg,one,2,30,40,a\n"
                       "images/01_meadow_640x480.jpg,5,5,0,10,z\n");
        const QString out = m_dir.filePath("batch-bad-line-out");
        const CliResult run = runCropdeck({"--batch", "--annotations", csv, "--out", out});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(QFile::exists(QDir(out).filePath("01_meadow_640x480_0_a.jpg")));
        const QByteArray dropped = QStringLiteral("warning: %1:3: ").arg(csv).toUtf8();
        const QByteArray zeroSize = QStringLiteral("warning: %1:4: zero-size box").arg(csv).toUtf8();
        QCOMPARE(run.err.count(dropped), 1);
        QCOMPARE(run.err.count(zeroSize), 1);
        for (const QByteArray& line : run.err.split('\n'))
            QVERIFY2(line.count("warning: ") <= 1, line.constData());
        QVERIFY2(run.err.contains("the annotation reader dropped lines or boxes (listed above)"),
                 qPrintable(text(run)));
        QVERIFY2(run.out.contains("completed-with-failures:"), qPrintable(text(run)));

        // Only the dropped line this time: nothing else fails, so the outcome comes from it alone.
        const QString onlyDropped = QDir(m_demo).filePath("batch-dropped-line.csv");
        writeText(onlyDropped, "path,x,y,w,h,label\nimages/01_meadow_640x480.jpg,1,2,30,40,a\n"
                               "images/01_meadow_640x480.jpg,one,2,30,40,a\n");
        const CliResult json =
            runCropdeck({"--batch", "--annotations", onlyDropped, "--out", out + "-json", "--json"});
        QCOMPARE(json.exitCode, 1);
        const QJsonObject summary = QJsonDocument::fromJson(json.out.trimmed().split('\n').last()).object();
        QCOMPARE(summary["event"].toString(), QStringLiteral("summary"));
        QCOMPARE(summary["outcome"].toString(), QStringLiteral("completed-with-failures"));

        const CliResult dry =
            runCropdeck({"--batch", "--annotations", onlyDropped, "--out", out + "-dry", "--dry-run"});
        QCOMPARE(dry.exitCode, 1);
        QVERIFY2(dry.out.contains("1 windows planned, 0 already done, 1 problems"), qPrintable(text(dry)));
    }
};

QTEST_GUILESS_MAIN(TestCliValidateConvert)
#include "test_cli_validate_convert.moc"
