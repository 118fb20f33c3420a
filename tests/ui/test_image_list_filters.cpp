// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's ways of finding images and windows in a set: the Labels dock (counts, rename in every
// image as one undo step, hide a label's windows), the image list's filter (name, label, findings, no
// windows) with the Go menu walking what the list shows, validation badges on the rows, and zoom to the
// selection.
#include "TestUtils.h"
#include "ui/AnnotationDocument.h"
#include "ui/CropCanvas.h"
#include "ui/DatasetModel.h"
#include "ui/ImageFilterBar.h"
#include "ui/ImageFilterModel.h"
#include "ui/LabelModel.h"
#include "ui/MainWindow.h"
#include "ui/ValidationPanel.h"
#include "ui/WindowItem.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

using namespace cropdeck;
using namespace cropdeck::ui;
using cropdeck::test::writeTextFile;

namespace {

void writeImage(const QString& path, int width, int height) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QVERIFY(cv::imwrite(path.toStdString(), cv::Mat(height, width, CV_8UC3, cv::Scalar(40, 90, 140))));
}

// a.jpg: a cat and a dog whose box leaves the image (a validation error); b.jpg: a cat; c.jpg: a bird.
OpenRequest labelledSet(const QTemporaryDir& dir) {
    for (const char* name : {"a.jpg", "b.jpg", "c.jpg"})
        writeImage(dir.filePath(QStringLiteral("images/") + name), 320, 240);
    writeTextFile(dir.filePath("boxes.csv"), "path,x,y,w,h,label\n"
                                             "a.jpg,10,10,40,30,cat\n"
                                             "a.jpg,300,200,60,60,dog\n"
                                             "b.jpg,100,80,50,40,cat\n"
                                             "c.jpg,20,120,64,64,bird\n");
    OpenRequest request;
    request.request.annotations = dir.filePath("boxes.csv");
    request.request.images = dir.filePath("images");
    return request;
}

bool openAndShow(MainWindow& window, const OpenRequest& request) {
    QSignalSpy opened(&window, &MainWindow::opened);
    QSignalSpy shown(&window, &MainWindow::imageShown);
    window.open(request);
    return opened.wait(20000) && (shown.count() > 0 || shown.wait(20000));
}

int rowOfLabel(const LabelModel& labels, const QString& label) {
    for (int row = 0; row < labels.rowCount(); ++row)
        if (labels.label(row) == label)
            return row;
    return -1;
}

QStringList shownNames(const MainWindow& window) {
    QStringList names;
    const QAbstractItemModel* model = window.imageList()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        names << QFileInfo(model->index(row, 0).data(DatasetModel::AbsolutePathRole).toString()).fileName();
    return names;
}

int datasetRowOf(const MainWindow& window, const QString& name) {
    for (int row = 0; row < window.dataset()->rowCount(); ++row)
        if (QFileInfo(window.dataset()->image(row).absolutePath).fileName() == name)
            return row;
    return -1;
}

QAction* menuAction(const MainWindow& window, const QString& text) {
    for (QAction* action : window.menuBar()->findChildren<QAction*>())
        if (action->text() == text)
            return action;
    return nullptr;
}

QString currentName(const MainWindow& window) {
    const int row = window.currentImage();
    return row < 0 ? QString() : QFileInfo(window.dataset()->image(row).absolutePath).fileName();
}

} // namespace

class TestImageListFilters : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_settings.isValid());
        cropdeck::test::useSettingsFolder(m_settings.path());
    }

    void labelsAreCountedOverTheWholeSet() {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QVERIFY(openAndShow(window, labelledSet(dir)));
        LabelModel& labels = *window.labels();
        QCOMPARE(labels.rowCount(), 3);
        QCOMPARE(labels.label(0), QString("bird"));
        QCOMPARE(labels.count(rowOfLabel(labels, "cat")), 2);
        QCOMPARE(labels.count(rowOfLabel(labels, "dog")), 1);
        QCOMPARE(labels.index(rowOfLabel(labels, "cat")).data().toString(), QString("cat (2)"));

        // A new window with an existing label counts once the document says so.
        window.document()->addWindow(window.dataset()->image(datasetRowOf(window, "c.jpg")).imageIndex,
                                     QRectF(5, 5, 20, 20), "cat");
        QTRY_COMPARE(labels.count(rowOfLabel(labels, "cat")), 3);
    }

    void renamingALabelRenamesItEverywhereInOneUndoStep() {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QVERIFY(openAndShow(window, labelledSet(dir)));
        LabelModel& labels = *window.labels();
        AnnotationDocument& document = *window.document();
        const int undoBefore = document.undoStack()->count();

        QVERIFY(labels.setData(labels.index(rowOfLabel(labels, "cat")), "kitten", Qt::EditRole));
        QCOMPARE(rowOfLabel(labels, "cat"), -1);
        QCOMPARE(labels.count(rowOfLabel(labels, "kitten")), 2);
        const int a = window.dataset()->image(datasetRowOf(window, "a.jpg")).imageIndex;
        const int b = window.dataset()->image(datasetRowOf(window, "b.jpg")).imageIndex;
        QCOMPARE(document.windows(a)[0].label, QString("kitten"));
        QCOMPARE(document.windows(a)[1].label, QString("dog"));
        QCOMPARE(document.windows(b)[0].label, QString("kitten"));
        QCOMPARE(document.undoStack()->count(), undoBefore + 1);
        QVERIFY(document.isModified());

        document.undoStack()->undo();
        QCOMPARE(document.windows(a)[0].label, QString("cat"));
        QCOMPARE(document.windows(b)[0].label, QString("cat"));
        QTRY_COMPARE(labels.count(rowOfLabel(labels, "cat")), 2);

        // An empty name is refused with a reason, and changes nothing.
        QSignalSpy message(&labels, &LabelModel::message);
        QVERIFY(!labels.setData(labels.index(rowOfLabel(labels, "dog")), "  ", Qt::EditRole));
        QCOMPARE(message.count(), 1);
        QCOMPARE(document.windows(a)[1].label, QString("dog"));
    }

    void hiddenLabelsAreNeitherDrawnNorPicked() {
        QTemporaryDir dir;
        MainWindow window;
        window.resize(1000, 700);
        window.show();
        QVERIFY(openAndShow(window, labelledSet(dir)));
        QCOMPARE(currentName(window), QString("a.jpg"));
        CropCanvas& canvas = *window.canvas();
        LabelModel& labels = *window.labels();

        QVERIFY(labels.setData(labels.index(rowOfLabel(labels, "cat")), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(canvas.hiddenLabels(), QSet<QString>{"cat"});
        QVERIFY(!canvas.windowItem(0)->isVisible());
        QVERIFY(canvas.windowItem(1)->isVisible());

        // A click on the hidden cat's box selects nothing; a click on the dog selects it.
        const QPoint catCentre = canvas.mapFromScene(canvas.windowItem(0)->rect().center());
        QTest::mouseClick(canvas.viewport(), Qt::LeftButton, {}, catCentre);
        QCOMPARE(canvas.selectedWindows(), QList<int>{});
        const QRectF dogInside = canvas.windowItem(1)->rect().intersected(QRectF(0, 0, 320, 240));
        QTest::mouseClick(canvas.viewport(), Qt::LeftButton, {}, canvas.mapFromScene(dogInside.center()));
        QCOMPARE(canvas.selectedWindows(), QList<int>{1});

        // Shown again: drawn and pickable.
        QVERIFY(labels.setData(labels.index(rowOfLabel(labels, "cat")), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(canvas.windowItem(0)->isVisible());
        QTest::mouseClick(canvas.viewport(), Qt::LeftButton, {}, catCentre);
        QCOMPARE(canvas.selectedWindows(), QList<int>{0});
    }

    void theListFiltersByNameAndLabel() {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QVERIFY(openAndShow(window, labelledSet(dir)));
        QCOMPARE(shownNames(window), (QStringList{"a.jpg", "b.jpg", "c.jpg"}));
        ImageFilterBar& bar = *window.imageFilterBar();

        bar.searchField()->setText("DOG"); // a label, any case
        QCOMPARE(shownNames(window), QStringList{"a.jpg"});
        bar.searchField()->setText("cat");
        QCOMPARE(shownNames(window), (QStringList{"a.jpg", "b.jpg"}));
        bar.searchField()->setText("c.j"); // a file name
        QCOMPARE(shownNames(window), QStringList{"c.jpg"});
        bar.searchField()->clear();

        bar.showChoice()->setCurrentIndex(
            bar.showChoice()->findData(int(ImageFilterModel::Show::WithoutWindows)));
        QCOMPARE(shownNames(window), QStringList{});
        // The bird deleted: c.jpg has no windows left, and the list follows the edit.
        QVERIFY(window.document()->deleteWindows(
            window.dataset()->image(datasetRowOf(window, "c.jpg")).imageIndex, {0}));
        QTRY_COMPARE(shownNames(window), QStringList{"c.jpg"});
        bar.showChoice()->setCurrentIndex(0);
        QCOMPARE(shownNames(window).size(), 3);

        // A relabelled window is found under its new label.
        const int b = window.dataset()->image(datasetRowOf(window, "b.jpg")).imageIndex;
        window.document()->setLabel(b, 0, "lynx");
        bar.searchField()->setText("lynx");
        QCOMPARE(shownNames(window), QStringList{"b.jpg"});
    }

    void theGoMenuWalksTheFilteredListAndAFindingClearsTheFilter() {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QVERIFY(openAndShow(window, labelledSet(dir)));
        window.imageFilterBar()->searchField()->setText("cat"); // a.jpg, b.jpg
        QAction* next = menuAction(window, "&Next Image");
        QAction* last = menuAction(window, "&Last Image");
        QVERIFY(next && last);
        window.selectImage(datasetRowOf(window, "a.jpg"));
        QTRY_COMPARE(currentName(window), QString("a.jpg"));
        next->trigger();
        QTRY_COMPARE(currentName(window), QString("b.jpg"));
        next->trigger(); // the end of what is shown: stays
        QCOMPARE(currentName(window), QString("b.jpg"));
        last->trigger();
        QCOMPARE(currentName(window), QString("b.jpg"));

        // Asking for a hidden image by its row (a finding, an error's image) shows it, filter cleared.
        window.selectImage(datasetRowOf(window, "c.jpg"));
        QCOMPARE(currentName(window), QString("c.jpg"));
        QVERIFY(window.imageFilterBar()->searchField()->text().isEmpty());
        QCOMPARE(shownNames(window).size(), 3);
    }

    void validationFindingsBadgeTheirRows() {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QSignalSpy validated(window.validationPanel(), &ValidationPanel::validated);
        QVERIFY(openAndShow(window, labelledSet(dir)));
        QVERIFY(validated.count() > 0 || validated.wait(30000));
        const QModelIndex a = window.dataset()->index(datasetRowOf(window, "a.jpg"));
        const QModelIndex b = window.dataset()->index(datasetRowOf(window, "b.jpg"));
        QCOMPARE(a.data(DatasetModel::ErrorCountRole).toInt(), 1); // the dog's box leaves the image
        QVERIFY(a.data().toString().endsWith(" · 1 error"));
        QVERIFY(a.data(Qt::ToolTipRole).toString().contains("dog") ||
                a.data(Qt::ToolTipRole).toString().contains("outside"));
        QCOMPARE(b.data(DatasetModel::ErrorCountRole).toInt(), 0);
        QVERIFY(!b.data().toString().contains(u'·'));

        ImageFilterBar& bar = *window.imageFilterBar();
        bar.showChoice()->setCurrentIndex(
            bar.showChoice()->findData(int(ImageFilterModel::Show::WithErrors)));
        QCOMPARE(shownNames(window), QStringList{"a.jpg"});

        // Fixing the box (inside the image) clears the badge after revalidation, and the filter follows.
        window.selectImage(datasetRowOf(window, "a.jpg"));
        const int image = window.dataset()->image(datasetRowOf(window, "a.jpg")).imageIndex;
        validated.clear();
        window.document()->setBox(image, 1, QRectF(200, 150, 60, 60));
        QVERIFY(validated.wait(30000));
        QCOMPARE(a.data(DatasetModel::ErrorCountRole).toInt(), 0);
        QTRY_COMPARE(shownNames(window), QStringList{});
    }

    void imagesNoAnnotationNamesAreListedAndSavedOnlyOnceAnnotated() {
        QTemporaryDir dir;
        const OpenRequest request = labelledSet(dir);
        writeImage(dir.filePath("images/extra/d.jpg"), 320, 240); // in the folder, in no annotation
        MainWindow window;
        window.show();
        QVERIFY(openAndShow(window, request));
        QCOMPARE(shownNames(window), (QStringList{"a.jpg", "b.jpg", "c.jpg", "d.jpg"}));
        const int row = datasetRowOf(window, "d.jpg");
        const QModelIndex d = window.dataset()->index(row);
        QVERIFY2(d.data().toString().endsWith("not annotated"), qPrintable(d.data().toString()));
        window.imageFilterBar()->showChoice()->setCurrentIndex(
            window.imageFilterBar()->showChoice()->findData(int(ImageFilterModel::Show::WithoutWindows)));
        QCOMPARE(shownNames(window), QStringList{"d.jpg"});

        // Saved, exported and run without it while it has no windows; with one, like any other image.
        AnnotationDocument& document = *window.document();
        const int image = window.dataset()->image(row).imageIndex;
        QVERIFY(document.isListedOnly(image));
        QCOMPARE(document.annotationsToSave().images.size(), 3);
        QVERIFY(document.addWindow(image, QRectF(10, 20, 30, 40), "cat") >= 0);
        const AnnotationSet saved = document.annotationsToSave();
        QCOMPARE(saved.images.size(), 4);
        QCOMPARE(saved.images.last().path, QString("extra/d.jpg"));
        QCOMPARE(saved.images.last().windows.first().box, QRectF(10, 20, 30, 40));
        QVERIFY2(d.data().toString().endsWith("1 window"), qPrintable(d.data().toString()));
        document.undoStack()->undo();
        QCOMPARE(document.annotationsToSave().images.size(), 3);
    }

    void zoomToSelectionFramesTheSelectedWindows() {
        QTemporaryDir dir;
        MainWindow window;
        window.resize(1100, 800);
        window.show();
        QVERIFY(openAndShow(window, labelledSet(dir)));
        CropCanvas& canvas = *window.canvas();
        const double fitZoom = canvas.zoom();
        canvas.zoomToSelection(); // nothing selected: nothing happens
        QCOMPARE(canvas.zoom(), fitZoom);

        canvas.setSelectedWindows({0}); // the cat, 40×30 at (10, 10)
        canvas.zoomToSelection();
        QVERIFY2(canvas.zoom() > fitZoom * 2, qPrintable(QString::number(canvas.zoom())));
        QVERIFY(!canvas.fitsView());
        const QRect box = canvas.mapFromScene(canvas.windowItem(0)->rect()).boundingRect();
        const QRect view = canvas.viewport()->rect();
        QVERIFY2(view.contains(box), qPrintable(QStringLiteral("box %1,%2 %3×%4 in %5×%6")
                                                    .arg(box.x())
                                                    .arg(box.y())
                                                    .arg(box.width())
                                                    .arg(box.height())
                                                    .arg(view.width())
                                                    .arg(view.height())));
        // It fills the view in one direction, less the margin.
        QVERIFY(box.width() > view.width() / 2 || box.height() > view.height() / 2);
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestImageListFilters)
#include "test_image_list_filters.moc"
