// SPDX-License-Identifier: GPL-3.0-or-later
// The main window, offscreen: opening sets lists what the batch plans, and the canvas shows each image's
// windows at their exact boxes over a picture covering the whole image.
#include "TestUtils.h"
#include "bench/DatasetGenerator.h"
#include "ui/AnnotationDocument.h"
#include "ui/CropCanvas.h"
#include "ui/DatasetModel.h"
#include "ui/MainWindow.h"
#include "ui/WindowItem.h"

#include <QApplication>
#include <QDir>
#include <QGraphicsPixmapItem>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace cropdeck;
using namespace cropdeck::ui;

namespace {

// Opens `request` and waits for the first image to be shown.
bool openAndShow(MainWindow& window, const OpenRequest& request) {
    QSignalSpy opened(&window, &MainWindow::opened);
    QSignalSpy shown(&window, &MainWindow::imageShown);
    window.open(request);
    return (opened.count() > 0 || opened.wait(20000)) && (shown.count() > 0 || shown.wait(20000));
}

// Answers the unsaved-edits question with `button` once it shows; records whether it offered Save.
void answerUnsavedQuestion(QMessageBox::StandardButton button, bool* offeredSave) {
    QTimer::singleShot(0, [button, offeredSave] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box || box->objectName() != "unsavedEditsQuestion") {
            answerUnsavedQuestion(button, offeredSave); // not shown yet: look again
            return;
        }
        *offeredSave = box->button(QMessageBox::Save) != nullptr;
        box->button(button)->click();
    });
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        cropdeck::test::useSettingsFolder(m_dir.filePath("settings"));
        Result<QString> csv = makeDemoDataset(m_dir.filePath("demo"));
        QVERIFY2(csv.ok(), csv ? "" : qPrintable(csv.error().message));
        m_demoCsv = *csv;
    }

    void demoSetListsThePlannedImagesAndShowsExactBoxes() {
        MainWindow window;
        window.show();
        OpenRequest request;
        request.request.annotations = m_demoCsv;
        QVERIFY(openAndShow(window, request));

        // The same images and windows the batch plans for this request.
        BatchRequest batchRequest = request.request;
        Result<PreparedBatch> planned = prepareBatch(batchRequest, PrepareFor::DryRun);
        QVERIFY(planned.ok());
        QCOMPARE(window.dataset()->rowCount(), int(planned->plan.images.size()));
        QCOMPARE(window.dataset()->totalWindows(), planned->plan.windowsTotal);

        for (int row = 0; row < window.dataset()->rowCount(); ++row) {
            QSignalSpy shown(&window, &MainWindow::imageShown);
            if (row != window.currentImage()) {
                window.selectImage(row);
                QVERIFY(shown.wait(20000));
            }
            const PlannedImage& image = window.dataset()->image(row);
            const QList<WindowItem*> items = window.canvas()->windowItems();
            QCOMPARE(items.size(), image.windows.size());
            for (WindowItem* item : items) {
                QCOMPARE(item->rect(), image.windows[item->windowIndex()].box);
                QCOMPARE(item->label(), image.windows[item->windowIndex()].label);
            }
            // The picture covers the full-resolution image, whatever scale it was decoded at.
            const QRectF sceneRect = window.canvas()->scene()->sceneRect();
            QCOMPARE(sceneRect.size(), QSizeF(window.canvas()->sceneSize()));
            QGraphicsPixmapItem* picture = nullptr;
            for (QGraphicsItem* item : window.canvas()->scene()->items())
                if ((picture = dynamic_cast<QGraphicsPixmapItem*>(item)))
                    break;
            QVERIFY(picture);
            QCOMPARE(picture->mapRectToScene(picture->boundingRect()), sceneRect);
        }
    }

    void orientedPhotoIsShownUpright() {
        // The demo set holds a JPEG stored sideways with EXIF orientation 6: its scene is the upright size.
        MainWindow window;
        window.show();
        OpenRequest request;
        request.request.annotations = m_demoCsv;
        QVERIFY(openAndShow(window, request));
        bool found = false;
        for (int row = 0; row < window.dataset()->rowCount(); ++row) {
            if (!window.dataset()->image(row).relativePath.contains("exif6"))
                continue;
            QSignalSpy shown(&window, &MainWindow::imageShown);
            window.selectImage(row);
            if (row != 0)
                QVERIFY(shown.wait(20000));
            const QSize scene = window.canvas()->sceneSize();
            QVERIFY2(scene.height() > scene.width(),
                     "orientation 6 turns a landscape file into a portrait view");
            found = true;
        }
        QVERIFY2(found, "the demo set should hold an EXIF-oriented photo");
    }

    void folderWithoutAnnotationsListsEveryImage() {
        MainWindow window;
        window.show();
        OpenRequest request;
        request.request.images = QFileInfo(m_demoCsv).absolutePath() + "/images";
        QVERIFY(openAndShow(window, request));
        const int files = QDir(request.request.images).entryList(QDir::Files).size();
        QCOMPARE(window.dataset()->rowCount(), files);
        QCOMPARE(window.dataset()->totalWindows(), 0);
        QCOMPARE(window.canvas()->windowItems().size(), 0);
    }

    void keyboardMovesThroughImages() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        OpenRequest request;
        request.request.annotations = m_demoCsv;
        QVERIFY(openAndShow(window, request));
        QCOMPARE(window.currentImage(), 0);
        QSignalSpy shown(&window, &MainWindow::imageShown);
        QTest::keyClick(&window, Qt::Key_PageDown);
        QCOMPARE(window.currentImage(), 1);
        QVERIFY(shown.wait(20000));
        QCOMPARE(shown.last().first().toString(), window.dataset()->image(1).absolutePath);
        QTest::keyClick(&window, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(window.currentImage(), window.dataset()->rowCount() - 1);
        QTest::keyClick(&window, Qt::Key_PageUp);
        QCOMPARE(window.currentImage(), window.dataset()->rowCount() - 2);
    }

    void realVocSetOpens() {
        const QString root = test::sharedDataDir() + "/raccoon_voc_csv";
        if (!QDir(root).exists())
            QSKIP(qPrintable("no ../shared/data/raccoon_voc_csv here (set CROPDECK_SHARED_DATA): " + root));
        MainWindow window;
        window.show();
        OpenRequest request;
        request.request.annotations = root + "/annotations";
        request.request.images = root + "/images";
        QVERIFY(openAndShow(window, request));
        QCOMPARE(window.dataset()->rowCount(), 200);
        QVERIFY(window.dataset()->totalWindows() >= 200);
        QCOMPARE(window.canvas()->windowItems().size(), window.dataset()->image(0).windows.size());
    }

    void openWhileOpeningKeepsTheNewestSet() {
        MainWindow window;
        window.show();
        OpenRequest first;
        first.request.images = QFileInfo(m_demoCsv).absolutePath() + "/images";
        OpenRequest second;
        second.request.annotations = m_demoCsv;
        QSignalSpy opened(&window, &MainWindow::opened);
        window.open(first);
        window.open(second); // returns at once; the first result is dropped
        QVERIFY(opened.wait(20000));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(window.dataset()->totalWindows(), window.dataset()->batch().plan.windowsTotal);
        QVERIFY(window.dataset()->totalWindows() > 0); // the annotated set, not the bare folder
    }

    void editsMarkTheTitleAndUnsavedEditsAreAskedAbout() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        OpenRequest request;
        request.request.annotations = m_demoCsv;
        QVERIFY(openAndShow(window, request));
        QVERIFY(window.windowTitle().contains("[*]"));
        QVERIFY(!window.isWindowModified());
        const int image = window.canvas()->imageIndex();
        const qsizetype windows = window.document()->windows(image).size();
        window.canvas()->setSelectedWindows({0});
        QTest::keyClick(&window, Qt::Key_D, Qt::ControlModifier); // Edit > Duplicate
        QCOMPARE(window.document()->windows(image).size(), windows + 1);
        QVERIFY(window.isWindowModified());
        const QModelIndex row = window.dataset()->index(window.currentImage());
        QCOMPARE(row.data(DatasetModel::WindowCountRole).toInt(), int(windows + 1)); // the list follows

        bool offeredSave = false;
        answerUnsavedQuestion(QMessageBox::Cancel, &offeredSave);
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
        QVERIFY(offeredSave); // Save Project, by default

        window.setSaveHandler({}); // none: only Discard and Cancel
        answerUnsavedQuestion(QMessageBox::Cancel, &offeredSave);
        QVERIFY(!window.close());
        QVERIFY(!offeredSave);

        bool saved = false;
        window.setSaveHandler([&] {
            saved = true;
            window.document()->setClean();
            return true;
        });
        answerUnsavedQuestion(QMessageBox::Save, &offeredSave);
        QVERIFY(window.confirmDiscardEdits());
        QVERIFY(offeredSave && saved);
        QVERIFY(!window.isWindowModified());

        window.document()->undoStack()->undo(); // past the save (Ctrl+Z: test_window_table)
        QCOMPARE(window.document()->windows(image).size(), windows);
        QVERIFY(window.isWindowModified());
        // Opening another set asks too; Discard opens it, clean.
        answerUnsavedQuestion(QMessageBox::Discard, &offeredSave);
        QVERIFY(openAndShow(window, request));
        QVERIFY(!window.isWindowModified());
        QVERIFY(window.close());
    }

    void badAnnotationFileSaysWhy() {
        MainWindow window;
        QSignalSpy failed(&window, &MainWindow::openFailed);
        OpenRequest request;
        request.request.annotations = m_dir.filePath("missing.csv");
        window.open(request);
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.first().first().toString().contains("missing.csv"),
                 qPrintable(failed.first().first().toString()));
    }

private:
    QTemporaryDir m_dir;
    QString m_demoCsv;
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
