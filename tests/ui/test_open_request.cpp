// SPDX-License-Identifier: GPL-3.0-or-later
// What each kind of opened path becomes in the request the GUI browses.
#include "batch/BatchRequestJson.h"
#include "batch/ProjectFile.h"
#include "ui/OpenRequest.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::ui;

namespace {
void touch(const QString& path) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("x");
}
} // namespace

class TestOpenRequest : public QObject {
    Q_OBJECT

private slots:
    void init() {
        QVERIFY(m_dir.isValid());
        touch(m_dir.filePath("photos/a.jpg"));
        touch(m_dir.filePath("dataset/JPEGImages/b.png"));
        touch(m_dir.filePath("voc/b.xml"));
        touch(m_dir.filePath("boxes.csv"));
    }

    void imageFolderBecomesImages() {
        const Result<OpenRequest> open = openRequestFor({m_dir.filePath("photos")}, {});
        QVERIFY(open.ok());
        QCOMPARE(open->request.images, m_dir.filePath("photos"));
        QVERIFY(open->request.annotations.isEmpty());
    }
    void datasetRootWithImageSubfoldersBecomesImages() {
        const Result<OpenRequest> open = openRequestFor({m_dir.filePath("dataset")}, {});
        QVERIFY(open.ok());
        QCOMPARE(open->request.images, m_dir.filePath("dataset"));
    }
    void folderWithoutImagesIsAnnotations() {
        const Result<OpenRequest> open =
            openRequestFor({m_dir.filePath("voc"), m_dir.filePath("dataset")}, {});
        QVERIFY(open.ok());
        QCOMPARE(open->request.annotations, m_dir.filePath("voc"));
        QCOMPARE(open->request.images, m_dir.filePath("dataset"));
    }
    void singleImageOpensItsFolderSelected() {
        const Result<OpenRequest> open = openRequestFor({m_dir.filePath("photos/a.jpg")}, {});
        QVERIFY(open.ok());
        QCOMPARE(open->request.images, m_dir.filePath("photos"));
        QCOMPARE(open->selectPath, m_dir.filePath("photos/a.jpg"));
    }
    void annotationFileKeepsGivenImages() {
        BatchRequest base;
        base.images = m_dir.filePath("photos");
        const Result<OpenRequest> open = openRequestFor({m_dir.filePath("boxes.csv")}, base);
        QVERIFY(open.ok());
        QCOMPARE(open->request.annotations, m_dir.filePath("boxes.csv"));
        QCOMPARE(open->request.images, m_dir.filePath("photos"));
    }
    void savedRequestIsLoadedWhole() {
        BatchRequest saved;
        saved.images = QStringLiteral("photos");
        saved.annotations = QStringLiteral("boxes.csv");
        saved.settings.jpegQuality = 77;
        QVERIFY(saveBatchRequest(saved, m_dir.filePath("project.json")).ok());
        QVERIFY(isBatchRequestFile(m_dir.filePath("project.json")));
        const Result<OpenRequest> open = openRequestFor({m_dir.filePath("project.json")}, {});
        QVERIFY(open.ok());
        QCOMPARE(open->request.images, m_dir.filePath("photos")); // relative to the request file
        QCOMPARE(open->request.settings.jpegQuality, 77);
    }
    void jsonAnnotationsAreNotARequest() {
        QFile coco(m_dir.filePath("coco.json"));
        QVERIFY(coco.open(QIODevice::WriteOnly));
        coco.write(R"({"images": [], "annotations": [], "categories": []})");
        coco.close();
        QVERIFY(!isBatchRequestFile(coco.fileName()));
        const Result<OpenRequest> open = openRequestFor({coco.fileName()}, {});
        QVERIFY(open.ok());
        QCOMPARE(open->request.annotations, coco.fileName());
    }
    void projectGivesRequestAndEdits() {
        CropProject project;
        project.request.images = m_dir.filePath("photos");
        project.request.outputDir = m_dir.filePath("out");
        AnnotationSet edited;
        edited.imageRoot = m_dir.filePath("photos");
        ImageEntry image;
        image.path = "a.jpg";
        CropWindow window;
        window.box = QRectF(1.5, 2, 30, 40);
        window.id = "0";
        image.windows << window;
        edited.images << image;
        project.editedAnnotations = edited;
        QVERIFY(saveProject(project, m_dir.filePath("work.cropdeck")));
        const Result<OpenRequest> open = openRequestFor({m_dir.filePath("work.cropdeck")}, {});
        QVERIFY2(open, open ? "" : qPrintable(open.error().message));
        QCOMPARE(open->projectPath, m_dir.filePath("work.cropdeck"));
        QCOMPARE(open->request.outputDir, m_dir.filePath("out"));
        QVERIFY(open->editedAnnotations);
        QCOMPARE(open->editedAnnotations->images.at(0).windows.at(0).box, QRectF(1.5, 2, 30, 40));
    }

    void missingPathIsNamed() {
        const Result<OpenRequest> open = openRequestFor({m_dir.filePath("nope")}, {});
        QVERIFY(!open.ok());
        QVERIFY2(open.error().message.contains(m_dir.filePath("nope")), qPrintable(open.error().message));
        QCOMPARE(open.error().kind, ErrorKind::NotFound);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestOpenRequest)
#include "test_open_request.moc"
