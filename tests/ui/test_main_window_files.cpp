// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's file work, offscreen: a project saved from the window holds the edits and the Batch
// dock's settings, reopens to the same windows and runs headless to the same tree as the window's batch;
// export writes the edited windows and never over the source unless the user says Replace; the validation
// dock checks the open set as edited and a finding selects its box; drops open; the last batch settings
// and the list's mode come back in the next session.
#include "RunTestSupport.h"
#include "TestUtils.h"
#include "annotations/AnnotationIO.h"
#include "batch/ProjectFile.h"
#include "ui/AnnotationDocument.h"
#include "ui/BatchPanel.h"
#include "ui/CropCanvas.h"
#include "ui/DatasetModel.h"
#include "ui/MainWindow.h"
#include "ui/RecentSessions.h"
#include "ui/ThumbnailCache.h"
#include "ui/ValidationPanel.h"

#include <QApplication>
#include <QListView>
#include <QMessageBox>
#include <QMimeData>
#include <QPixmap>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <tuple>

using namespace cropdeck;
using namespace cropdeck::ui;
using cropdeck::test::fileContents;

namespace {

constexpr int kWaitMs = 30000;

bool openAndShow(MainWindow& window, const OpenRequest& request) {
    QSignalSpy opened(&window, &MainWindow::opened);
    QSignalSpy shown(&window, &MainWindow::imageShown);
    window.open(request);
    return (opened.count() > 0 || opened.wait(kWaitMs)) && (shown.count() > 0 || shown.wait(kWaitMs));
}

OpenRequest openCsv(const QString& csv) {
    OpenRequest request;
    request.request.annotations = csv;
    return request;
}

// Presses the button named `text` of the question called `name` once it shows.
void answerQuestion(const QString& name, const QString& text, bool* asked) {
    QTimer::singleShot(0, [name, text, asked] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box || box->objectName() != name)
            return answerQuestion(name, text, asked); // not shown yet: look again
        *asked = true;
        for (QAbstractButton* button : box->buttons())
            if (button->text().remove(u'&') == text)
                return button->click();
        box->reject();
    });
}

// The boxes of the set, image by image (path → boxes in order), as a reader gives them back.
QMap<QString, QList<QRectF>> boxesByImage(const AnnotationSet& set) {
    QMap<QString, QList<QRectF>> boxes;
    for (const ImageEntry& image : set.images)
        for (const CropWindow& window : image.windows)
            boxes[QFileInfo(image.path).fileName()] << window.box;
    return boxes;
}

// An edit the test can recognise: the first window of the shown image moved to (1, 2).
QRectF moveFirstWindow(MainWindow& window) {
    const int image = window.canvas()->imageIndex();
    QRectF box = window.document()->window(image, 0)->box;
    box.moveTopLeft(QPointF(1, 2));
    window.document()->setBox(image, 0, box);
    return box;
}

} // namespace

class TestMainWindowFiles : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        cropdeck::test::useSettingsFolder(m_dir.filePath("settings"));
        m_csv = cropdeck::test::makeJpegSet(m_dir.filePath("set"), 3, QSize(320, 240));
    }

    void init() {
        QSettings().clear(); // each test starts as a first session
    }

    void projectKeepsEditsAndSettingsAndRunsHeadlessToTheSameTree() {
        QTemporaryDir work;
        const QString project = work.filePath("poles.cropdeck");
        QRectF moved;
        {
            MainWindow window;
            window.show();
            QVERIFY(openAndShow(window, openCsv(m_csv)));
            moved = moveFirstWindow(window);
            QVERIFY(window.isWindowModified());

            // The window's own batch, with a setting changed in the dock.
            Result<BatchRequest> request = window.batchPanel()->request();
            QVERIFY(request.ok());
            request->outputDir = work.filePath("gui");
            request->settings.format = OutputFormat::Png;
            window.batchPanel()->setRequest(*request);
            QSignalSpy finished(window.batchPanel(), &BatchPanel::finished);
            window.batchPanel()->start();
            QVERIFY(finished.wait(kWaitMs));

            QVERIFY(window.saveProjectTo(project));
            QVERIFY(!window.isWindowModified());
            QVERIFY2(window.windowTitle().startsWith("poles.cropdeck"), qPrintable(window.windowTitle()));
            QCOMPARE(window.openedRequest().projectPath, QFileInfo(project).absoluteFilePath());
            QSettings settings;
            QCOMPARE(RecentSessions(settings).sessions().value(0).project,
                     QFileInfo(project).absoluteFilePath());
        }

        Result<CropProject> saved = loadProject(project);
        QVERIFY2(saved.ok(), saved ? "" : qPrintable(saved.error().message));
        QVERIFY(saved->editedAnnotations.has_value());
        QCOMPARE(saved->request.settings.format, OutputFormat::Png);

        // Headless, the project cuts what the window cut.
        QProcess cli;
        cli.start(cropdeck::test::cropdeckBinary(),
                  {"--batch", "--project", project, "--out", work.filePath("cli"), "--quiet"});
        QVERIFY(cli.waitForFinished(kWaitMs));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const QMap<QString, QByteArray> gui = cropdeck::test::outputTree(work.filePath("gui"));
        QVERIFY(!gui.isEmpty());
        QVERIFY(gui.firstKey().endsWith(".png"));
        QCOMPARE(cropdeck::test::outputTree(work.filePath("cli")), gui);

        // Reopened (as a drop of the file), the window shows the edit and the project's settings.
        MainWindow window;
        window.show();
        QSignalSpy opened(&window, &MainWindow::opened);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(project)});
        QSignalSpy failed(&window, &MainWindow::openFailed);
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QVERIFY(opened.wait(kWaitMs));
        QVERIFY(!window.isWindowModified());
        QCOMPARE(boxesByImage(window.document()->annotations()), boxesByImage(*saved->editedAnnotations));
        QTRY_COMPARE_WITH_TIMEOUT(window.canvas()->imageIndex(), 0, kWaitMs);
        QCOMPARE(window.document()->window(0, 0)->box, moved);
        QCOMPARE(window.batchPanel()->request()->settings.format, OutputFormat::Png);
    }

    void exportWritesTheEditedWindowsAndNeverTheSourceUnasked() {
        QTemporaryDir work;
        const QByteArray source = fileContents(m_csv);
        MainWindow window;
        window.show();
        QVERIFY(openAndShow(window, openCsv(m_csv)));
        moveFirstWindow(window);

        QSignalSpy exported(&window, &MainWindow::exported);
        QSignalSpy failed(&window, &MainWindow::exportFailed);
        window.exportAnnotations(work.filePath("out.json"), AnnotationFormat::Coco,
                                 SourceReplacement::Refused);
        QVERIFY(exported.wait(kWaitMs));
        QList<AnnotationIssue> issues;
        ReadOptions read;
        read.imageRoot = QFileInfo(m_csv).absolutePath();
        Result<AnnotationSet> back = readAnnotations(work.filePath("out.json"), read, &issues);
        QVERIFY2(back.ok(), back ? "" : qPrintable(back.error().message));
        QCOMPARE(boxesByImage(*back), boxesByImage(window.document()->annotations()));
        QVERIFY(window.isWindowModified()); // a copy elsewhere does not save the edits

        // Over the source: refused, the file untouched.
        window.exportAnnotations(m_csv, AnnotationFormat::Csv, SourceReplacement::Refused);
        QVERIFY(failed.wait(kWaitMs));
        QVERIFY2(failed.first().first().toString().contains(QFileInfo(m_csv).fileName()),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(fileContents(m_csv), source);
        QTRY_VERIFY(QApplication::activeModalWidget() == nullptr ||
                    QApplication::activeModalWidget()->objectName() == "errorMessage");
        if (QWidget* error = QApplication::activeModalWidget())
            error->close();
    }

    void saveToSourceAsksAndReplacesOnlyOnReplace() {
        QTemporaryDir work;
        const QString csv = work.filePath("copy.csv");
        QVERIFY(QFile::copy(m_csv, csv));
        // The copy names its images relative to the set's folder.
        OpenRequest request = openCsv(csv);
        request.request.images = QFileInfo(m_csv).absolutePath();
        const QByteArray before = fileContents(csv);

        MainWindow window;
        window.show();
        QVERIFY(openAndShow(window, request));
        const QRectF moved = moveFirstWindow(window);
        QAction* save = nullptr;
        for (QAction* action : window.findChildren<QAction*>())
            if (action->text().startsWith("Save Annotations to Source"))
                save = action;
        QVERIFY(save && save->isEnabled());

        bool asked = false;
        answerQuestion("replaceSourceQuestion", "Cancel", &asked);
        save->trigger();
        QVERIFY(asked);
        QCOMPARE(fileContents(csv), before);

        QSignalSpy exported(&window, &MainWindow::exported);
        asked = false;
        answerQuestion("replaceSourceQuestion", "Replace", &asked);
        save->trigger();
        QVERIFY(asked);
        QVERIFY(exported.wait(kWaitMs));
        QVERIFY(!window.isWindowModified());
        QList<AnnotationIssue> issues;
        ReadOptions read;
        read.imageRoot = request.request.images;
        Result<AnnotationSet> back = readAnnotations(csv, read, &issues);
        QVERIFY(back.ok());
        const QString first =
            QFileInfo(window.dataset()->image(window.currentImage()).absolutePath).fileName();
        QCOMPARE(boxesByImage(*back).value(first).value(0), moved);
    }

    void validationDockChecksTheEditedSetAndAFindingSelectsItsBox() {
        MainWindow window;
        window.show();
        QSignalSpy validated(window.validationPanel(), &ValidationPanel::validated);
        QVERIFY(openAndShow(window, openCsv(m_csv)));
        QVERIFY(validated.count() > 0 || validated.wait(kWaitMs)); // it may end before the picture shows
        const ValidationReport first = window.validationPanel()->report();
        // makeJpegSet puts one window of each image across the right edge.
        QVERIFY2(first.count(FindingKind::BoxOutside) == 3, qPrintable(first.summary()));

        // An edit is validated again: a box made 1×1 is reported.
        const int image = window.canvas()->imageIndex();
        window.document()->setBox(image, 1, QRectF(4, 4, 1, 1));
        QVERIFY(validated.wait(kWaitMs));
        QCOMPARE(window.validationPanel()->report().warningCount(), first.warningCount() + 1);

        // Activating (Enter) a finding of a box in another image shows that image and selects the box.
        QTableView* view = window.validationPanel()->view();
        QSignalSpy activated(window.validationPanel(), &ValidationPanel::findingActivated);
        int wantedImage = -1, wantedWindow = -1;
        for (int row = 0; row < view->model()->rowCount() && wantedImage < 0; ++row) {
            view->setCurrentIndex(view->model()->index(row, 0));
            QTest::keyClick(view, Qt::Key_Return);
            QVERIFY(!activated.isEmpty());
            const QList<QVariant> finding = activated.takeLast();
            if (finding.at(0).toInt() != image && finding.at(1).toInt() >= 0)
                std::tie(wantedImage, wantedWindow) = std::pair(finding.at(0).toInt(), finding.at(1).toInt());
        }
        QVERIFY(wantedImage >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(window.canvas()->imageIndex(), wantedImage, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(window.canvas()->selectedWindows(), QList<int>{wantedWindow}, kWaitMs);
    }

    void thumbnailsFillTheListAndTheGridAndSettingsComeBack() {
        QTemporaryDir out;
        {
            MainWindow window;
            window.show();
            QVERIFY(openAndShow(window, openCsv(m_csv)));
            const QModelIndex row = window.dataset()->index(0);
            QTRY_VERIFY_WITH_TIMEOUT(!row.data(Qt::DecorationRole).value<QPixmap>().isNull(), kWaitMs);
            // 4:3 photos fill the 4:3 thumbnail box exactly.
            QCOMPARE(row.data(Qt::DecorationRole).value<QPixmap>().size(), window.thumbnails()->box());
            QVERIFY(!window.isThumbnailGrid());
            QTest::keyClick(&window, Qt::Key_G, Qt::ControlModifier); // View > Thumbnail Grid
            QVERIFY(window.isThumbnailGrid());
            QCOMPARE(window.imageList()->viewMode(), QListView::IconMode);

            Result<BatchRequest> request = window.batchPanel()->request();
            request->outputDir = out.path();
            request->settings.jpegQuality = 77;
            window.batchPanel()->setRequest(*request);
            QVERIFY(window.close());
        }
        // The next session: the grid, and the last batch settings for a set opened without its own.
        MainWindow window;
        window.show();
        QVERIFY(window.isThumbnailGrid());
        QVERIFY(openAndShow(window, openCsv(m_csv)));
        const Result<BatchRequest> request = window.batchPanel()->request();
        QVERIFY(request.ok());
        QCOMPARE(request->outputDir, out.path());
        QCOMPARE(request->settings.jpegQuality, 77);
        QCOMPARE(request->annotations, m_csv); // the input is the new set's
        QSettings settings;
        QCOMPARE(RecentSessions(settings).sessions().value(0).annotations,
                 QFileInfo(m_csv).absoluteFilePath());
    }

private:
    QTemporaryDir m_dir;
    QString m_csv;
};

QTEST_MAIN(TestMainWindowFiles)
#include "test_main_window_files.moc"
