// SPDX-License-Identifier: GPL-3.0-or-later
// Exporting annotations: the GUI's export of a set in memory (exportAnnotationSet) writes what
// `cropdeck --convert` (exportAnnotations) writes for the same unedited set, byte for byte, carries the
// user's edits exactly, and never writes over the set's own source.

#include "TestUtils.h"
#include "annotations/AnnotationIO.h"
#include "batch/AnnotationExport.h"
#include "batch/PrepareBatch.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

using namespace cropdeck;
using cropdeck::test::fileContents;
using cropdeck::test::writeTextFile;

namespace {

void writeImage(const QString& path, int width, int height) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QVERIFY(cv::imwrite(path.toStdString(), cv::Mat(height, width, CV_8UC3, cv::Scalar(1, 2, 3))));
}

// Every file under a folder output, or the file itself, by relative name.
QMap<QString, QByteArray> written(const QString& path) {
    QMap<QString, QByteArray> files;
    if (QFileInfo(path).isFile()) {
        files.insert(QString(), fileContents(path));
        return files;
    }
    for (const QString& name : QDir(path).entryList(QDir::Files))
        files.insert(name, fileContents(path + "/" + name));
    return files;
}

} // namespace

class TestAnnotationExport : public QObject {
    Q_OBJECT
private slots:
    void init() {
        QVERIFY(m_dir.isValid());
        writeImage(m_dir.filePath("images/a.jpg"), 64, 48);
        writeImage(m_dir.filePath("images/b.jpg"), 40, 30);
        writeTextFile(m_dir.filePath("boxes.csv"),
                      "path,x,y,w,h,label\na.jpg,2,3,20,10,cat\na.jpg,30,20,10,10,dog\nb.jpg,0,0,8,8,cat\n");
        m_request.annotations = m_dir.filePath("boxes.csv");
        m_request.images = m_dir.filePath("images");
    }

    void uneditedSetExportsAsConvertDoes_data() {
        QTest::addColumn<QString>("format");
        for (const char* format : {"csv", "voc", "coco", "yolo", "labelme", "centre-scale"})
            QTest::newRow(format) << QString::fromLatin1(format);
    }
    void uneditedSetExportsAsConvertDoes() {
        QFETCH(QString, format);
        const Result<AnnotationFormat> target = exportFormatNamed(format);
        QVERIFY(target);
        const Result<PreparedBatch> opened = prepareBatch(m_request, PrepareFor::Browse);
        QVERIFY(opened);
        const QString viaConvert = m_dir.filePath("convert/" + format),
                      viaSet = m_dir.filePath("set/" + format);
        QDir().mkpath(m_dir.filePath("convert"));
        QDir().mkpath(m_dir.filePath("set"));
        const Result<AnnotationExport> a = exportAnnotations(m_request, viaConvert, *target);
        QVERIFY2(a, a ? "" : qPrintable(a.error().message));
        const Result<AnnotationExport> b =
            exportAnnotationSet(opened->annotations, m_request, viaSet, *target);
        QVERIFY2(b, b ? "" : qPrintable(b.error().message));
        QCOMPARE(b->boxCount, a->boxCount);
        QCOMPARE(b->imageCount, a->imageCount);
        QCOMPARE(b->losses, a->losses);
        QCOMPARE(written(viaSet), written(viaConvert));
    }

    void editsAreWrittenExactly() {
        Result<PreparedBatch> opened = prepareBatch(m_request, PrepareFor::Browse);
        QVERIFY(opened);
        AnnotationSet edited = opened->annotations;
        edited.images[0].windows[1].box = QRectF(31, 21, 12, 9);
        edited.images[0].windows[1].label = "fox";
        edited.images[1].windows.clear();
        const QString out = m_dir.filePath("edited.csv");
        const Result<AnnotationExport> exported =
            exportAnnotationSet(edited, m_request, out, AnnotationFormat::Csv);
        QVERIFY2(exported, exported ? "" : qPrintable(exported.error().message));
        QCOMPARE(exported->boxCount, 2);
        ReadOptions options;
        options.imageRoot = m_dir.filePath("images");
        const Result<AnnotationSet> back = readAnnotations(out, options);
        QVERIFY(back);
        QCOMPARE(back->windowCount(), 2);
        QCOMPARE(back->images[0].windows[1].box, QRectF(31, 21, 12, 9));
        QCOMPARE(back->images[0].windows[1].label, QString("fox"));
    }

    void neverOverItsSource() {
        const Result<PreparedBatch> opened = prepareBatch(m_request, PrepareFor::Browse);
        QVERIFY(opened);
        const QByteArray before = fileContents(m_dir.filePath("boxes.csv"));
        const Result<AnnotationExport> exported = exportAnnotationSet(
            opened->annotations, m_request, m_dir.filePath("boxes.csv"), AnnotationFormat::Csv);
        QVERIFY(!exported);
        QCOMPARE(exported.error().setting, QString("export.output"));
        QCOMPARE(fileContents(m_dir.filePath("boxes.csv")), before);

        // Replacing it is an explicit choice: then the edits are written there.
        AnnotationSet edited = opened->annotations;
        edited.images[0].windows.removeLast();
        const Result<AnnotationExport> replaced =
            exportAnnotationSet(edited, m_request, m_dir.filePath("boxes.csv"), AnnotationFormat::Csv,
                                SourceReplacement::Allowed);
        QVERIFY2(replaced, replaced ? "" : qPrintable(replaced.error().message));
        QCOMPARE(replaced->boxCount, 2);
        QCOMPARE(fileContents(m_dir.filePath("boxes.csv")),
                 QByteArray("path,x,y,w,h,label\na.jpg,2,3,20,10,cat\nb.jpg,0,0,8,8,cat\n"));
    }

private:
    QTemporaryDir m_dir;
    BatchRequest m_request;
};

QTEST_GUILESS_MAIN(TestAnnotationExport)
#include "test_annotation_export.moc"
