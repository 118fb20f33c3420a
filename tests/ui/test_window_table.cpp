// SPDX-License-Identifier: GPL-3.0-or-later
// The window table: cells show the exact boxes, edits are undoable document edits, and its selection
// follows the canvas and back (in the main window, over a generated set).
#include "TestUtils.h"
#include "annotations/BoxConventions.h"
#include "bench/DatasetGenerator.h"
#include "ui/AnnotationDocument.h"
#include "ui/BatchPanel.h"
#include "ui/CropCanvas.h"
#include "ui/MainWindow.h"
#include "ui/WindowItem.h"
#include "ui/WindowTable.h"
#include "ui/WindowTableModel.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::ui;

namespace {

AnnotationSet oneImage() {
    AnnotationSet set;
    ImageEntry image;
    image.path = "a.png";
    CropWindow a;
    a.box = QRectF(10, 20, 30, 40);
    a.label = "cat";
    a.id = "0";
    CropWindow b;
    b.box = QRectF(0.5, 1.25, 7.75, 8);
    b.label = "dog";
    b.id = "1";
    CropWindow square;
    square.kind = CropWindow::Kind::NormalizedSquare;
    square.square = {0.25, 0.5, 0.125};
    square.id = "2";
    image.windows = {a, b, square};
    set.images = {image};
    return set;
}

QString cell(const WindowTableModel& model, int row, int column) {
    return model.data(model.index(row, column)).toString();
}

bool openAndShow(MainWindow& window, const OpenRequest& request) {
    QSignalSpy opened(&window, &MainWindow::opened);
    QSignalSpy shown(&window, &MainWindow::imageShown);
    window.open(request);
    return (opened.count() > 0 || opened.wait(20000)) && (shown.count() > 0 || shown.wait(20000));
}

// Makes the demo set in `dir` and shows its first image in `window`; a failure fails the calling test.
void openDemoSet(MainWindow& window, const QTemporaryDir& dir) {
    Result<QString> csv = makeDemoDataset(dir.filePath("demo"));
    QVERIFY2(csv.ok(), csv ? "" : qPrintable(csv.error().message));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    OpenRequest request;
    request.request.annotations = *csv;
    QVERIFY(openAndShow(window, request));
}

} // namespace

class TestWindowTable : public QObject {
    Q_OBJECT

private slots:
    void cellsShowExactBoxes() {
        AnnotationDocument document;
        document.setAnnotations(oneImage());
        WindowTableModel model(&document);
        model.setImage(0);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), 6);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QString("Label"));
        QCOMPARE(model.headerData(4, Qt::Horizontal).toString(), QString("h"));
        const QStringList first = {cell(model, 0, 0), cell(model, 0, 1), cell(model, 0, 2), cell(model, 0, 3),
                                   cell(model, 0, 4)};
        QCOMPARE(first, QStringList({"cat", "10", "20", "30", "40"}));
        QCOMPARE(cell(model, 1, 1), QString("0.5"));
        QCOMPARE(cell(model, 1, 3), QString("7.75"));
        // Centre/scale: centre and scale, read-only but for the label.
        QCOMPARE(cell(model, 2, 1), QString("0.25"));
        QCOMPARE(cell(model, 2, 3), QString("0.125"));
        QVERIFY(!(model.flags(model.index(2, 1)) & Qt::ItemIsEditable));
        QVERIFY(model.flags(model.index(2, 0)) & Qt::ItemIsEditable);
        QVERIFY(model.flags(model.index(0, 3)) & Qt::ItemIsEditable);
        model.setImage(5);
        QCOMPARE(model.rowCount(), 0);
    }

    void editsAreUndoableDocumentEdits() {
        AnnotationDocument document;
        document.setAnnotations(oneImage());
        WindowTableModel model(&document);
        model.setImage(0);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(model.setData(model.index(0, WindowTableModel::X), "12.5"));
        QCOMPARE(document.windows(0)[0].box, QRectF(12.5, 20, 30, 40)); // moved, size kept
        QCOMPARE(changed.count(), 1);
        QVERIFY(model.setData(model.index(0, WindowTableModel::Width), " 31 "));
        QCOMPARE(document.windows(0)[0].box, QRectF(12.5, 20, 31, 40));
        QVERIFY(model.setData(model.index(0, WindowTableModel::Label), "bird"));
        QCOMPARE(cell(model, 0, 0), QString("bird"));
        QVERIFY(!model.setData(model.index(0, WindowTableModel::Height), "0")); // not a size
        QVERIFY(!model.setData(model.index(0, WindowTableModel::Y), "twelve")); // not a number
        QVERIFY(!model.setData(model.index(2, WindowTableModel::X), "0.5"));    // read-only
        QCOMPARE(document.undoStack()->count(), 3);
        document.undoStack()->undo();
        document.undoStack()->undo();
        document.undoStack()->undo();
        QCOMPARE(document.windows(0)[0].box, QRectF(10, 20, 30, 40));
        QCOMPARE(cell(model, 0, 1), QString("10"));
        QCOMPARE(cell(model, 0, 0), QString("cat"));
    }

    void followsAddAndDelete() {
        AnnotationDocument document;
        document.setAnnotations(oneImage());
        WindowTable table(&document);
        table.setImage(0);
        QVERIFY(!table.accessibleName().isEmpty());
        QCOMPARE(table.model()->rowCount(), 3);
        document.addWindow(0, QRectF(1, 2, 3, 4), "cat");
        QCOMPARE(table.model()->rowCount(), 4);
        QCOMPARE(cell(*table.windowModel(), 3, 4), QString("4"));
        document.deleteWindows(0, {0, 1});
        QCOMPARE(table.model()->rowCount(), 2);
        document.setAnnotations(oneImage());
        QCOMPARE(table.model()->rowCount(), 0); // a new set: no image shown yet
    }

    void selectionAndEditsStayInStepWithTheCanvas() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        cropdeck::test::useSettingsFolder(dir.filePath("settings")); // before the window reads them
        MainWindow window;
        openDemoSet(window, dir);
        if (QTest::currentTestFailed())
            return;
        CropCanvas* canvas = window.canvas();
        WindowTable* table = window.windowTable();
        const int image = canvas->imageIndex();
        QVERIFY(image >= 0);
        QVERIFY2(canvas->windowItems().size() >= 2, "the demo set's first image has several windows");
        QCOMPARE(table->model()->rowCount(), canvas->windowItems().size());

        // Canvas → table.
        canvas->setSelectedWindows({1});
        QCOMPARE(table->selectedWindows(), QList<int>({1}));
        // Table → canvas, as a user click on a row.
        QSignalSpy canvasSelected(canvas, &CropCanvas::windowSelected);
        const QRect row0 = table->visualRect(table->model()->index(0, 1));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, row0.center());
        QCOMPARE(canvas->selectedWindows(), QList<int>({0}));
        QCOMPARE(canvasSelected.last().first().toInt(), 0);

        // A table edit moves the canvas item; undo moves it back.
        const QRectF before = window.document()->windows(image)[0].box;
        QVERIFY(window.document()->isEditable(image, 0));
        QVERIFY(table->model()->setData(table->model()->index(0, WindowTableModel::Y), before.y() + 7));
        QCOMPARE(canvas->windowItem(0)->rect(), before.translated(0, 7));
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(canvas->windowItem(0)->rect(), before);
        QCOMPARE(table->model()->data(table->model()->index(0, WindowTableModel::Y)).toString(),
                 formatCoordinate(before.y()));

        // A canvas edit shows in the table; the selection survives an add on the canvas.
        canvas->duplicateSelected();
        const int copy = table->model()->rowCount() - 1;
        QCOMPARE(canvas->selectedWindows(), QList<int>({copy}));
        QCOMPARE(table->selectedWindows(), QList<int>({copy}));
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_Left);
        QCOMPARE(table->model()->data(table->model()->index(copy, WindowTableModel::X)).toString(),
                 formatCoordinate(window.document()->windows(image)[copy].box.x()));
        QCOMPARE(table->selectedWindows(), QList<int>({copy}));
    }

    void batchSettingsShowOnTheCanvasAndInTheTable() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        cropdeck::test::useSettingsFolder(dir.filePath("settings")); // before the window reads them
        MainWindow window;
        openDemoSet(window, dir);
        if (QTest::currentTestFailed())
            return;
        CropCanvas* canvas = window.canvas();
        WindowTableModel* model = window.windowTable()->windowModel();
        const int image = canvas->imageIndex();
        QVERIFY(canvas->cutPreview().isActive()); // the shown image's header and the Batch dock's settings
        const auto bounds = [model] {
            return model->data(model->index(0, WindowTableModel::Bounds)).toString();
        };
        QCOMPARE(bounds(), QString("inside"));

        // Half out past the left edge, then the policy changed in the Batch dock as a user would.
        window.document()->setBox(image, 0, QRectF(-20, 10, 60, 40));
        auto* policy = window.batchPanel()->findChild<QComboBox*>("bounds");
        QVERIFY(policy);
        policy->setCurrentIndex(policy->findText("shift"));
        QCOMPARE(int(canvas->windowItem(0)->cut().kind), int(WindowCut::Kind::Crop));
        QCOMPARE(canvas->windowItem(0)->cut().cut, QRectF(0, 10, 60, 40)); // moved inside, whole
        QCOMPARE(bounds(), QString("shifted to 0,10 60×40"));
        policy->setCurrentIndex(policy->findText("skip"));
        QCOMPARE(int(canvas->windowItem(0)->cut().kind), int(WindowCut::Kind::Skip));
        QVERIFY2(bounds().startsWith("skipped: "), qPrintable(bounds()));
    }
};

QTEST_MAIN(TestWindowTable)
#include "test_window_table.moc"
