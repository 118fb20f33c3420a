// SPDX-License-Identifier: GPL-3.0-or-later
// Editing windows on the canvas with simulated mouse and keys, offscreen, at 1:1 in a fixed-size view
// (scene (0, 0) at a whole widget pixel), so every resulting box is known to the pixel.
#include "CanvasTestSupport.h"
#include "ui/AnnotationDocument.h"
#include "ui/CropCanvas.h"
#include "ui/WindowItem.h"

#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::ui;

namespace {

CropWindow boxWindow(QRectF box, const QString& label, const QString& id) {
    CropWindow window;
    window.box = box;
    window.label = label;
    window.id = id;
    return window;
}

} // namespace

class TestCanvasEditing : public QObject {
    Q_OBJECT

private slots:
    void init() {
        AnnotationSet set;
        ImageEntry image;
        image.path = "generated.png";
        image.windows = {boxWindow({20, 20, 40, 30}, "cat", "0"), boxWindow({100, 60, 50, 40}, "dog", "1")};
        set.images = {image};
        QVERIFY(cropdeck::test::showCanvasFor(m_screen, set));
        QImage picture(200, 150, QImage::Format_RGB32);
        picture.fill(Qt::darkGreen);
        m_screen.canvas->setPicture(picture, picture.size());
        m_screen.canvas->zoomOneToOne();
        m_screen.canvas->showWindows(0, 1.0);
        QCOMPARE(m_screen.canvas->zoom(), 1.0);
        // Whole-pixel mapping both ways: scene points below are exact.
        QCOMPARE(m_screen.canvas->mapToScene(at(QPointF(10, 10))), QPointF(10, 10));
    }
    void cleanup() {
        m_screen.canvas.reset();
        m_screen.document.reset();
    }

    void clickSelectsAndCtrlClickToggles() {
        QSignalSpy selected(m_screen.canvas.get(), &CropCanvas::windowSelected);
        click(QPointF(30, 30));
        QCOMPARE(m_screen.canvas->selectedWindows(), QList<int>({0}));
        QCOMPARE(selected.last().first().toInt(), 0);
        click(QPointF(120, 80), Qt::ControlModifier);
        QCOMPARE(m_screen.canvas->selectedWindows(), QList<int>({0, 1}));
        click(QPointF(30, 30), Qt::ControlModifier);
        QCOMPARE(m_screen.canvas->selectedWindows(), QList<int>({1}));
        click(QPointF(180, 10)); // background
        QCOMPARE(m_screen.canvas->selectedWindows(), QList<int>());
        QCOMPARE(selected.last().first().toInt(), -1);
        QCOMPARE(m_screen.document->undoStack()->count(), 0); // selecting edits nothing
    }

    void draggingTheBodyMovesByWholePixelsInOneUndoStep() {
        drag(QPointF(40, 35), {QPointF(45, 37), QPointF(50, 40)}, QPointF(55, 45));
        QCOMPARE(m_screen.document->windows(0)[0].box, QRectF(35, 30, 40, 30));
        QCOMPARE(m_screen.canvas->windowItem(0)->rect(), QRectF(35, 30, 40, 30));
        QCOMPARE(m_screen.document->windows(0)[1].box, QRectF(100, 60, 50, 40)); // the other window stays
        QCOMPARE(m_screen.document->undoStack()->count(), 1);
        m_screen.document->undoStack()->undo();
        QCOMPARE(m_screen.canvas->windowItem(0)->rect(), QRectF(20, 20, 40, 30)); // follows the document
    }

    void draggingMovesTheWholeSelection() {
        click(QPointF(30, 30));
        click(QPointF(120, 80), Qt::ControlModifier);
        drag(QPointF(120, 80), {QPointF(110, 75)}, QPointF(100, 70));
        QCOMPARE(m_screen.document->windows(0)[0].box, QRectF(0, 10, 40, 30));
        QCOMPARE(m_screen.document->windows(0)[1].box, QRectF(80, 50, 50, 40));
        QCOMPARE(m_screen.document->undoStack()->count(), 1);
    }

    void draggingAHandleResizes() {
        click(QPointF(30, 30));                                    // handles show on the selected window
        drag(QPointF(60, 50), {QPointF(70, 60)}, QPointF(80, 70)); // the bottom-right corner
        QCOMPARE(m_screen.document->windows(0)[0].box, QRectF(20, 20, 60, 50));
        // A handle just outside the box (3 screen px) still grabs: the left edge.
        drag(QPointF(17, 45), {QPointF(12, 45)}, QPointF(10, 45));
        QCOMPARE(m_screen.document->windows(0)[0].box, QRectF(10, 20, 70, 50));
        QCOMPARE(m_screen.document->undoStack()->count(), 2);
    }

    void aspectLockKeepsTheRatio() {
        m_screen.canvas->setAspectLocked(true);
        click(QPointF(30, 30));
        drag(QPointF(60, 50), {QPointF(80, 50)}, QPointF(100, 52)); // 40 × 30 → wider: 80 × 60
        QCOMPARE(m_screen.document->windows(0)[0].box, QRectF(20, 20, 80, 60));
    }

    void shiftOnReleaseKeepsTheRatio() {
        click(QPointF(30, 30));
        QTest::mousePress(m_screen.canvas->viewport(), Qt::LeftButton, {}, at(QPointF(60, 50)));
        QTest::mouseMove(m_screen.canvas->viewport(), at(QPointF(80, 50)));
        QTest::mouseRelease(m_screen.canvas->viewport(), Qt::LeftButton, Qt::ShiftModifier,
                            at(QPointF(100, 52)));
        QCOMPARE(m_screen.document->windows(0)[0].box, QRectF(20, 20, 80, 60));
        QCOMPARE(m_screen.document->undoStack()->count(), 1);
    }

    void addModeDrawsANewWindow() {
        QSignalSpy mode(m_screen.canvas.get(), &CropCanvas::addModeChanged);
        m_screen.canvas->setAddMode(true);
        QCOMPARE(mode.count(), 1);
        drag(QPointF(190, 40), {QPointF(170, 30)}, QPointF(150, 10)); // drawn up and left
        QCOMPARE(m_screen.document->windows(0).size(), 3);
        const CropWindow& added = m_screen.document->windows(0)[2];
        QCOMPARE(added.box, QRectF(150, 10, 40, 30));
        QCOMPARE(added.id, QString("2"));
        QCOMPARE(added.label, QString("cat")); // the set's first label
        QCOMPARE(m_screen.canvas->selectedWindows(), QList<int>({2}));
        QCOMPARE(m_screen.canvas->windowItems().size(), 3);
        // Over an existing window, add mode still draws (a window inside a window).
        drag(QPointF(25, 25), {QPointF(30, 30)}, QPointF(35, 35));
        QCOMPARE(m_screen.document->windows(0)[3].box, QRectF(25, 25, 10, 10));
        QTest::keyClick(m_screen.canvas.get(), Qt::Key_Escape);
        QVERIFY(!m_screen.canvas->addMode());
        m_screen.document->undoStack()->undo();
        m_screen.document->undoStack()->undo();
        QCOMPARE(m_screen.canvas->windowItems().size(), 2);
    }

    void rubberBandSelects() {
        drag(QPointF(5, 5), {QPointF(40, 40)}, QPointF(70, 55));
        QCOMPARE(m_screen.canvas->selectedWindows(), QList<int>({0}));
        drag(QPointF(195, 145), {QPointF(150, 100)}, QPointF(10, 10));
        QCOMPARE(m_screen.canvas->selectedWindows(), QList<int>({0, 1}));
        QCOMPARE(m_screen.document->undoStack()->count(), 0);
    }

    void keysNudgeDuplicateAndDelete() {
        click(QPointF(30, 30));
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(m_screen.canvas.get(), Qt::Key_Right);
        QTest::keyClick(m_screen.canvas.get(), Qt::Key_Down, Qt::ShiftModifier);
        QTest::keyClick(m_screen.canvas.get(), Qt::Key_Left);
        QCOMPARE(m_screen.document->windows(0)[0].box, QRectF(22, 30, 40, 30));
        QCOMPARE(m_screen.document->undoStack()->count(), 1); // a run of nudges is one step

        QTest::keyClick(m_screen.canvas.get(), Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(m_screen.document->windows(0).size(), 3);
        QCOMPARE(m_screen.document->windows(0)[2].box, QRectF(32, 40, 40, 30));
        QCOMPARE(m_screen.document->windows(0)[2].id, QString("2"));
        QCOMPARE(m_screen.canvas->selectedWindows(), QList<int>({2})); // the copy, to drag away
        QTest::keyClick(m_screen.canvas.get(), Qt::Key_Right);         // a new step: another selection
        QCOMPARE(m_screen.document->windows(0)[2].box, QRectF(33, 40, 40, 30));
        QCOMPARE(m_screen.document->undoStack()->count(), 3);

        click(QPointF(120, 80), Qt::ControlModifier);
        QTest::keyClick(m_screen.canvas.get(), Qt::Key_Delete);
        QCOMPARE(m_screen.document->windows(0).size(), 1);
        QCOMPARE(m_screen.document->windows(0)[0].id, QString("0"));
        QCOMPARE(m_screen.canvas->selectedWindows(), QList<int>());
        m_screen.document->undoStack()->undo();
        QCOMPARE(m_screen.document->windows(0).size(), 3);
        QCOMPARE(m_screen.canvas->windowItem(2)->rect(), QRectF(33, 40, 40, 30));
    }

    void duplicateStaysInsideTheImage() {
        m_screen.document->setBox(0, 1, QRectF(145, 105, 50, 40));
        click(QPointF(150, 110));
        m_screen.canvas->duplicateSelected();
        QCOMPARE(m_screen.document->windows(0)[2].box, QRectF(150, 110, 50, 40)); // 200 × 150 image
    }

    void windowsMayLeaveTheImage() {
        drag(QPointF(30, 30), {QPointF(10, 10)}, QPointF(-10, 0)); // released outside the picture
        QCOMPARE(m_screen.document->windows(0)[0].box, QRectF(-20, -10, 40, 30));
    }

    void escapeCancelsADrag() {
        QTest::mousePress(m_screen.canvas->viewport(), Qt::LeftButton, {}, at(QPointF(40, 35)));
        QTest::mouseMove(m_screen.canvas->viewport(), at(QPointF(60, 60)));
        QCOMPARE(m_screen.document->windows(0)[0].box, QRectF(40, 45, 40, 30));
        QTest::keyClick(m_screen.canvas.get(), Qt::Key_Escape);
        QCOMPARE(m_screen.document->windows(0)[0].box, QRectF(20, 20, 40, 30));
        QTest::mouseRelease(m_screen.canvas->viewport(), Qt::LeftButton, {}, at(QPointF(60, 60)));
        QCOMPARE(m_screen.document->windows(0)[0].box, QRectF(20, 20, 40, 30));
        QCOMPARE(m_screen.document->undoStack()->count(), 0);
        QVERIFY(!m_screen.document->isModified());
    }

    void centreScaleWindowsAreReadOnly() {
        CropWindow square;
        square.kind = CropWindow::Kind::NormalizedSquare;
        square.square = {0, 0, 0.5}; // 75 × 75 at (0, 0) on 200 × 150
        square.id = "2";
        AnnotationSet set = m_screen.document->annotations();
        set.images[0].windows = {square};
        m_screen.document->setAnnotations(set);
        m_screen.canvas->showWindows(0, 1.0);
        QCOMPARE(m_screen.canvas->windowItem(0)->rect(), QRectF(0, 0, 75, 75));
        QVERIFY(!m_screen.canvas->windowItem(0)->isEditable());
        QSignalSpy message(m_screen.canvas.get(), &CropCanvas::message);
        drag(QPointF(30, 30), {QPointF(40, 40)}, QPointF(50, 50));
        QCOMPARE(m_screen.canvas->selectedWindows(),
                 QList<int>({0})); // selectable, for the table and preview
        QCOMPARE(m_screen.canvas->windowItem(0)->rect(), QRectF(0, 0, 75, 75));
        QVERIFY(message.count() >= 1);
        QVERIFY(message.first().first().toString().contains("read-only"));
        QTest::keyClick(m_screen.canvas.get(), Qt::Key_Delete);
        QTest::keyClick(m_screen.canvas.get(), Qt::Key_Right);
        QCOMPARE(m_screen.document->windows(0).size(), 1);
        QCOMPARE(m_screen.document->undoStack()->count(), 0);
    }

    void middleDragPansWithoutEditing() {
        for (int i = 0; i < 8; ++i)
            m_screen.canvas->zoomIn(); // 1.25^8 ≈ 6×: the picture is larger than the view
        QScrollBar* bar = m_screen.canvas->horizontalScrollBar();
        bar->setValue(bar->maximum() / 2);
        const int before = bar->value();
        const QPoint from(200, 150);
        QTest::mousePress(m_screen.canvas->viewport(), Qt::MiddleButton, {}, from);
        QTest::mouseMove(m_screen.canvas->viewport(), from + QPoint(-30, 0));
        QTest::mouseRelease(m_screen.canvas->viewport(), Qt::MiddleButton, {}, from + QPoint(-40, 0));
        QCOMPARE(bar->value(), before + 40);
        QCOMPARE(m_screen.document->undoStack()->count(), 0);
        QCOMPARE(m_screen.document->windows(0)[0].box, QRectF(20, 20, 40, 30));
    }

private:
    QPoint at(QPointF scene) const { return m_screen.canvas->mapFromScene(scene); }

    void click(QPointF scene, Qt::KeyboardModifiers modifiers = {}) {
        QTest::mouseClick(m_screen.canvas->viewport(), Qt::LeftButton, modifiers, at(scene));
    }

    void drag(QPointF from, const QList<QPointF>& via, QPointF to) {
        QTest::mousePress(m_screen.canvas->viewport(), Qt::LeftButton, {}, at(from));
        for (QPointF point : via)
            QTest::mouseMove(m_screen.canvas->viewport(), at(point));
        QTest::mouseRelease(m_screen.canvas->viewport(), Qt::LeftButton, {}, at(to));
    }

    cropdeck::test::CanvasOnScreen m_screen;
};

QTEST_MAIN(TestCanvasEditing)
#include "test_canvas_editing.moc"
