// SPDX-License-Identifier: GPL-3.0-or-later
// The editing modes the batch settings imply, with simulated mouse and keys at 1:1 (a scene pixel is a
// widget pixel): with lossless output of a JPEG every edit lands on the MCU grid of that JPEG (4:2:0,
// 4:4:4, and 4:2:0 under EXIF orientation 6, where the grid runs backwards along x), proved by core's
// lossless crop writing exactly the box, unaligned; with a fixed size, a click in add mode places a
// window of that size centred on the click, and handles do not resize.
#include "CanvasTestSupport.h"
#include "bench/BenchJpegWriter.h"
#include "engine/ImageCropper.h"
#include "io/ImageProbe.h"
#include "ui/AnnotationDocument.h"
#include "ui/CropCanvas.h"
#include "ui/WindowItem.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>

using namespace cropdeck;
using namespace cropdeck::ui;

Q_DECLARE_METATYPE(cropdeck::bench::ChromaSubsampling)

namespace {

constexpr QSize kStored(200, 150);

QString writeJpeg(const QString& path, bench::ChromaSubsampling subsampling, int orientation) {
    cv::Mat pixels(kStored.height(), kStored.width(), CV_8UC3);
    cv::randu(pixels, 0, 256);
    bench::JpegWriteOptions options;
    options.subsampling = subsampling;
    options.exifOrientation = orientation;
    const Result<QByteArray> jpeg = bench::encodeBenchJpeg(pixels, options);
    QFile file(path);
    if (!jpeg || !file.open(QIODevice::WriteOnly) || file.write(*jpeg) != jpeg->size())
        return {};
    return path;
}

CropSettings losslessSettings() {
    CropSettings settings;
    settings.lossless = true;
    return settings;
}

} // namespace

class TestCanvasSnap : public QObject {
    Q_OBJECT

private slots:
    void editsSnapToTheLosslessMcuGrid_data() {
        QTest::addColumn<bench::ChromaSubsampling>("subsampling");
        QTest::addColumn<int>("orientation");
        QTest::addColumn<QRectF>("moved");   // (20, 20, 40, 30) dragged by (13, 5)
        QTest::addColumn<QRectF>("resized"); // then its bottom-right corner dragged by (20, 22)
        QTest::addColumn<QRectF>("added");   // an add-drag from (101, 81) to (130, 120)
        QTest::addColumn<QRectF>("nudged");  // the added window, Right arrow: one MCU
        // 4:2:0, upright: lines every 16 px (and the image's edges, 200 and 150).
        QTest::addRow("4:2:0") << bench::ChromaSubsampling::S420 << 1 << QRectF(32, 32, 48, 16)
                               << QRectF(32, 32, 64, 32) << QRectF(96, 80, 32, 32) << QRectF(112, 80, 32, 32);
        // 4:4:4: every 8 px.
        QTest::addRow("4:4:4") << bench::ChromaSubsampling::S444 << 1 << QRectF(32, 24, 40, 32)
                               << QRectF(32, 24, 56, 56) << QRectF(104, 80, 24, 40)
                               << QRectF(112, 80, 24, 40);
        // 4:2:0 rotated 90 (EXIF 6, upright 150 × 200): x shows stored y backwards, so x lines are
        // 150 - 16k (6, 22, 38, 54, 70, ...); y shows stored x (0, 16, 32, ...).
        QTest::addRow("4:2:0, EXIF 6")
            << bench::ChromaSubsampling::S420 << 6 << QRectF(38, 32, 32, 16) << QRectF(38, 32, 48, 32)
            << QRectF(102, 80, 32, 32) << QRectF(118, 80, 32, 32);
    }
    void editsSnapToTheLosslessMcuGrid() {
        QFETCH(bench::ChromaSubsampling, subsampling);
        QFETCH(int, orientation);
        QFETCH(QRectF, moved);
        QFETCH(QRectF, resized);
        QFETCH(QRectF, added);
        QFETCH(QRectF, nudged);
        const QString path = writeJpeg(m_dir.filePath("snap.jpg"), subsampling, orientation);
        QVERIFY(!path.isEmpty());
        showImage(path, losslessSettings());
        QVERIFY(m_screen.canvas->cutPreview().grid().has_value());

        drag(QPointF(30, 30), {QPointF(36, 32)}, QPointF(43, 35));
        QCOMPARE(box(0), moved);
        click(moved.center()); // select: handles show
        drag(moved.bottomRight(), {QPointF(90, 60)}, moved.bottomRight() + QPointF(20, 22)); // the corner
        QCOMPARE(box(0), resized);
        m_screen.canvas->setAddMode(true);
        drag(QPointF(101, 81), {QPointF(120, 100)}, QPointF(130, 120));
        QCOMPARE(box(1), added);
        m_screen.canvas->setAddMode(false);
        QTest::keyClick(m_screen.canvas.get(), Qt::Key_Right);
        QCOMPARE(box(1), nudged);

        // The lossless path writes exactly these boxes: nothing moved to the grid.
        const Result<CroppedImage> cropped =
            cropImage(path, m_screen.document->windows(0), losslessSettings());
        QVERIFY2(cropped.ok(), cropped.ok() ? "" : qPrintable(cropped.error().message));
        QCOMPARE(cropped->windows.size(), size_t(2));
        for (const CroppedWindow& window : cropped->windows) {
            QVERIFY(!window.losslessJpeg.isEmpty());
            QVERIFY(!window.mcuAligned);
            QCOMPARE(QRectF(window.writtenRect), box(window.windowIndex));
        }
    }

    void noSnapWithoutLosslessOrForOtherFormats() {
        const QString path = writeJpeg(m_dir.filePath("plain.jpg"), bench::ChromaSubsampling::S420, 1);
        showImage(path, CropSettings());
        QVERIFY(!m_screen.canvas->cutPreview().grid().has_value());
        drag(QPointF(30, 30), {QPointF(36, 32)}, QPointF(43, 35));
        QCOMPARE(box(0), QRectF(33, 25, 40, 30));
    }

    void fixedSizeClickAddsAWindowOfThatSize() {
        const QString path = writeJpeg(m_dir.filePath("fixed.jpg"), bench::ChromaSubsampling::S420, 1);
        CropSettings settings;
        settings.fixedSize = QSize(40, 30);
        showImage(path, settings);
        m_screen.canvas->setAddMode(true);
        click(QPointF(100, 80));
        // Centred on pixel (100, 80) by the batch's rule: start = 100 + floor((1 - 40) / 2).
        QCOMPARE(m_screen.document->windows(0).size(), 2);
        QCOMPARE(box(1), QRectF(80, 65, 40, 30));
        QCOMPARE(m_screen.canvas->selectedWindows(), QList<int>({1}));
        QCOMPARE(QRectF(inspectedWindow(1, settings)), QRectF(80, 65, 40, 30)); // what the batch cuts
        // A click outside the image adds nothing and says why.
        QSignalSpy message(m_screen.canvas.get(), &CropCanvas::message);
        click(QPointF(250, 80));
        QCOMPARE(m_screen.document->windows(0).size(), 2);
        QCOMPARE(message.count(), 1);
        // Handles do not resize: a press on the selected window's corner moves it, size kept.
        m_screen.canvas->setAddMode(false);
        QVERIFY(!m_screen.canvas->windowItem(1)->isResizable());
        drag(QPointF(119, 94), {QPointF(124, 99)}, QPointF(129, 104));
        QCOMPARE(box(1), QRectF(90, 75, 40, 30));
    }

    void fixedSizeWithLosslessPlacesTheCutOnTheGrid() {
        const QString path =
            writeJpeg(m_dir.filePath("fixed-lossless.jpg"), bench::ChromaSubsampling::S420, 1);
        CropSettings settings = losslessSettings();
        settings.fixedSize = QSize(40, 30);
        showImage(path, settings);
        m_screen.canvas->setAddMode(true);
        click(QPointF(100, 80));
        // (80, 65) → top-left on the 16 px grid, the size is the batch's: 40 × 30.
        QCOMPARE(box(1), QRectF(80, 64, 40, 30));
        const Result<CroppedImage> cropped = cropImage(path, m_screen.document->windows(0), settings);
        QVERIFY(cropped.ok());
        QVERIFY(!cropped->windows[1].mcuAligned);
        QCOMPARE(cropped->windows[1].writtenRect, QRect(80, 64, 40, 30));
    }

    void init() { QVERIFY(m_dir.isValid()); }
    void cleanup() {
        m_screen.canvas.reset();
        m_screen.document.reset();
    }

private:
    void showImage(const QString& path, const CropSettings& settings) {
        const Result<ImageInfo> info = probeImage(path, settings.maxPixels);
        QVERIFY(info.ok());
        AnnotationSet set;
        ImageEntry image;
        image.path = path;
        CropWindow window;
        window.box = QRectF(20, 20, 40, 30);
        window.label = "cat";
        window.id = "0";
        image.windows = {window};
        set.images = {image};
        QVERIFY(cropdeck::test::showCanvasFor(m_screen, set));
        const QSize upright(info->uprightWidth(), info->uprightHeight());
        QImage picture(upright, QImage::Format_RGB32);
        picture.fill(Qt::darkGreen);
        m_screen.canvas->setPicture(picture, upright);
        m_screen.canvas->zoomOneToOne();
        m_screen.canvas->showWindows(0, 1.0);
        m_screen.canvas->setImageInfo(*info);
        m_screen.canvas->setCutPreview(settings);
        QCOMPARE(m_screen.canvas->mapToScene(at(QPointF(10, 10))), QPointF(10, 10));
    }

    QRect inspectedWindow(int index, const CropSettings& settings) const {
        return m_screen.canvas->cutPreview().inspect(m_screen.document->windows(0)[index]).window;
    }

    QRectF box(int index) const { return m_screen.document->windows(0)[index].box; }

    QPoint at(QPointF scene) const { return m_screen.canvas->mapFromScene(scene); }

    void click(QPointF scene) {
        QTest::mouseClick(m_screen.canvas->viewport(), Qt::LeftButton, {}, at(scene));
    }

    void drag(QPointF from, const QList<QPointF>& via, QPointF to) {
        QTest::mousePress(m_screen.canvas->viewport(), Qt::LeftButton, {}, at(from));
        for (QPointF point : via)
            QTest::mouseMove(m_screen.canvas->viewport(), at(point));
        QTest::mouseRelease(m_screen.canvas->viewport(), Qt::LeftButton, {}, at(to));
    }

    QTemporaryDir m_dir;
    cropdeck::test::CanvasOnScreen m_screen;
};

QTEST_MAIN(TestCanvasSnap)
#include "test_canvas_snap.moc"
