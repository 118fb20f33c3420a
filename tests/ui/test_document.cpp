// SPDX-License-Identifier: GPL-3.0-or-later
// The editable document: every edit is one undo step that restores the exact boxes, labels and ids;
// gestures merge; new ids are unique; the clean state follows the undo stack.
#include "ui/AnnotationDocument.h"

#include <QSignalSpy>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::ui;

namespace {

CropWindow box(double x, double y, double w, double h, const QString& label, const QString& id) {
    CropWindow window;
    window.box = QRectF(x, y, w, h);
    window.label = label;
    window.id = id;
    return window;
}

// Two images: a.jpg with three boxes (ids 0, 1, 3) and a centre/scale square; b.jpg with none.
AnnotationSet sampleSet() {
    AnnotationSet set;
    set.classes = {"cat", "dog"};
    ImageEntry a;
    a.path = "a.jpg";
    a.windows = {box(10, 20, 30, 40, "cat", "0"), box(0.5, 1.25, 7.75, 8, "dog", "1"),
                 box(100, 100, 10, 10, "cat", "3")};
    CropWindow square;
    square.kind = CropWindow::Kind::NormalizedSquare;
    square.square = {0.5, 0.5, 0.25};
    square.id = "2";
    a.windows.append(square);
    ImageEntry b;
    b.path = "b.jpg";
    set.images = {a, b};
    return set;
}

QList<QRectF> boxesOf(const AnnotationDocument& document, int image) {
    QList<QRectF> boxes;
    for (const CropWindow& window : document.windows(image))
        boxes.append(window.box);
    return boxes;
}

QStringList idsOf(const AnnotationDocument& document, int image) {
    QStringList ids;
    for (const CropWindow& window : document.windows(image))
        ids.append(window.id);
    return ids;
}

} // namespace

class TestDocument : public QObject {
    Q_OBJECT

private slots:
    void addTakesTheNextUnusedIdAndUndoes() {
        AnnotationDocument document;
        document.setAnnotations(sampleSet());
        QSignalSpy changed(&document, &AnnotationDocument::windowsChanged);
        const int index = document.addWindow(0, QRectF(5, 6, 7, 8), "dog");
        QCOMPARE(index, 4);
        QCOMPARE(document.windows(0)[4].box, QRectF(5, 6, 7, 8));
        QCOMPARE(document.windows(0)[4].label, QString("dog"));
        QCOMPARE(document.windows(0)[4].id, QString("4")); // 0..3 are taken
        QCOMPARE(document.windows(0)[4].kind, CropWindow::Kind::Box);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().toInt(), 0);
        QCOMPARE(document.addWindow(1, QRectF(0, 0, 1, 1), "x"), 0);
        QCOMPARE(document.windows(1)[0].id, QString("0"));
        document.undoStack()->undo();
        document.undoStack()->undo();
        QCOMPARE(idsOf(document, 0), QStringList({"0", "1", "3", "2"}));
        QCOMPARE(document.windows(1).size(), 0);
        document.undoStack()->redo();
        QCOMPARE(document.windows(0)[4].box, QRectF(5, 6, 7, 8));
        QCOMPARE(document.addWindow(0, QRectF(), "empty"), -1); // nothing to add
        QCOMPARE(document.addWindow(7, QRectF(0, 0, 1, 1), "no image"), -1);
    }

    void deleteAndUndoRestoreOrderAndValues() {
        AnnotationDocument document;
        document.setAnnotations(sampleSet());
        const AnnotationSet before = document.annotations();
        QVERIFY(document.deleteWindows(0, {2, 0}));
        QCOMPARE(idsOf(document, 0), QStringList({"1", "2"}));
        QCOMPARE(document.undoStack()->text(0), QString("Delete 2 windows"));
        document.undoStack()->undo();
        QCOMPARE(idsOf(document, 0), QStringList({"0", "1", "3", "2"}));
        QCOMPARE(boxesOf(document, 0), [&] {
            QList<QRectF> boxes;
            for (const CropWindow& w : before.images[0].windows)
                boxes.append(w.box);
            return boxes;
        }());
        QCOMPARE(document.windows(0)[1].label, QString("dog"));
        QVERIFY(!document.deleteWindows(0, {9}));
        QVERIFY(!document.deleteWindows(0, {}));
        QCOMPARE(document.undoStack()->count(), 1);
    }

    void setBoxUndoRestoresTheExactFractionalBox() {
        AnnotationDocument document;
        document.setAnnotations(sampleSet());
        QSignalSpy changed(&document, &AnnotationDocument::windowChanged);
        QVERIFY(document.setBox(0, 1, QRectF(1, 2, 8, 8)));
        QCOMPARE(document.windows(0)[1].box, QRectF(1, 2, 8, 8));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(1).toInt(), 1);
        document.undoStack()->undo();
        QCOMPARE(document.windows(0)[1].box, QRectF(0.5, 1.25, 7.75, 8));
        QVERIFY(!document.setBox(0, 1, QRectF(0.5, 1.25, 7.75, 8))); // no change, no step
        QVERIFY(!document.setBox(0, 3, QRectF(0, 0, 5, 5)));         // centre/scale: read-only
        QCOMPARE(document.undoStack()->index(), 0);
    }

    void stepsOfOneGestureMergeIntoOneUndo() {
        AnnotationDocument document;
        document.setAnnotations(sampleSet());
        const int drag = document.newMergeKey();
        for (int step = 1; step <= 5; ++step)
            QVERIFY(document.setBoxes(
                0, {0, 2}, {QRectF(10 + step, 20, 30, 40), QRectF(100 + step, 100, 10, 10)}, drag));
        QCOMPARE(document.undoStack()->count(), 1);
        // Another gesture, or the same gesture on other windows, is another step.
        const int nudges = document.newMergeKey();
        QVERIFY(document.setBox(0, 0, QRectF(16, 20, 30, 40), nudges));
        QVERIFY(document.setBox(0, 0, QRectF(17, 20, 30, 40), nudges));
        QCOMPARE(document.undoStack()->count(), 2);
        QVERIFY(document.setBox(0, 2, QRectF(0, 0, 10, 10), nudges));
        QCOMPARE(document.undoStack()->count(), 3);
        // Edits without a key never merge.
        QVERIFY(document.setBox(0, 1, QRectF(1, 1, 1, 1)));
        QVERIFY(document.setBox(0, 1, QRectF(2, 2, 2, 2)));
        QCOMPARE(document.undoStack()->count(), 5);
        for (int i = 0; i < 5; ++i)
            document.undoStack()->undo();
        QCOMPARE(
            boxesOf(document, 0).mid(0, 3),
            QList<QRectF>({QRectF(10, 20, 30, 40), QRectF(0.5, 1.25, 7.75, 8), QRectF(100, 100, 10, 10)}));
        QVERIFY(!document.isModified());
    }

    void aGestureBackToItsStartLeavesNoStep() {
        AnnotationDocument document;
        document.setAnnotations(sampleSet());
        const int drag = document.newMergeKey();
        QVERIFY(document.setBox(0, 0, QRectF(12, 20, 30, 40), drag));
        QVERIFY(document.setBox(0, 0, QRectF(10, 20, 30, 40), drag));
        QCOMPARE(document.undoStack()->count(), 0);
        QVERIFY(!document.isModified());
    }

    void labelChangesAndBecomesTheDefault() {
        AnnotationDocument document;
        document.setAnnotations(sampleSet());
        QCOMPARE(document.defaultLabel(), QString("cat")); // the first class
        QVERIFY(document.setLabel(0, 0, "bird"));
        QCOMPARE(document.windows(0)[0].label, QString("bird"));
        QCOMPARE(document.defaultLabel(), QString("bird"));
        QVERIFY(!document.setLabel(0, 0, "bird"));
        document.undoStack()->undo();
        QCOMPARE(document.windows(0)[0].label, QString("cat"));
    }

    void duplicateCopiesEditableWindowsWithNewIds() {
        AnnotationDocument document;
        document.setAnnotations(sampleSet());
        const QList<int> copies =
            document.duplicateWindows(0, {3, 2, 0}, [](const QRectF& b) { return b.translated(10, 10); });
        QCOMPARE(copies, QList<int>({4, 5})); // the centre/scale window (3) is not copied
        QCOMPARE(idsOf(document, 0), QStringList({"0", "1", "3", "2", "4", "5"}));
        QCOMPARE(document.windows(0)[4].box, QRectF(20, 30, 30, 40));
        QCOMPARE(document.windows(0)[4].label, QString("cat"));
        QCOMPARE(document.windows(0)[5].box, QRectF(110, 110, 10, 10));
        QCOMPARE(document.undoStack()->count(), 1);
        document.undoStack()->undo();
        QCOMPARE(document.windows(0).size(), 4);
    }

    void cleanStateFollowsTheStack() {
        AnnotationDocument document;
        document.setAnnotations(sampleSet());
        QSignalSpy modified(&document, &AnnotationDocument::modifiedChanged);
        QVERIFY(!document.isModified());
        QVERIFY(document.setLabel(0, 0, "x"));
        QVERIFY(document.isModified());
        QCOMPARE(modified.count(), 1);
        QCOMPARE(modified.last().first().toBool(), true);
        document.setClean(); // saved
        QVERIFY(!document.isModified());
        QCOMPARE(modified.last().first().toBool(), false);
        document.undoStack()->undo(); // back past the save: modified again
        QVERIFY(document.isModified());
        document.undoStack()->redo();
        QVERIFY(!document.isModified());
        // A nudge after a save does not merge into the saved step.
        const int key = document.newMergeKey();
        QVERIFY(document.setBox(0, 0, QRectF(11, 20, 30, 40), key));
        document.setClean();
        QVERIFY(document.setBox(0, 0, QRectF(12, 20, 30, 40), key));
        QCOMPARE(document.undoStack()->count(), 3);
        // A new set starts clean with no history.
        document.setAnnotations(sampleSet());
        QVERIFY(!document.isModified());
        QCOMPARE(document.undoStack()->count(), 0);
        QCOMPARE(modified.last().first().toBool(), false);
    }
};

QTEST_MAIN(TestDocument)
#include "test_document.moc"
