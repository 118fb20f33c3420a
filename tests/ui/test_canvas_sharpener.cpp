// SPDX-License-Identifier: GPL-3.0-or-later
// Zoomed in on a large JPEG, the canvas lays the visible region at full resolution over its DCT-scaled
// picture (core's decodeDisplayRegion, whose pixels test_display_region checks); another image clears it.
#include "TestUtils.h"
#include "ui/CanvasSharpener.h"
#include "ui/CropCanvas.h"
#include "ui/DatasetModel.h"
#include "ui/MainWindow.h"

#include <QDir>
#include <QGraphicsObject>
#include <QGraphicsScene>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace cropdeck;
using namespace cropdeck::ui;
using cropdeck::test::writeTextFile;

namespace {

void writeTexture(const QString& path, int width, int height) {
    cv::Mat image(height, width, CV_8UC3);
    cv::randu(image, 0, 255);
    cv::GaussianBlur(image, image, cv::Size(9, 9), 0);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QVERIFY(cv::imwrite(path.toStdString(), image));
}

QRectF visibleImageRect(const CropCanvas& canvas) {
    return canvas.mapToScene(canvas.viewport()->rect())
        .boundingRect()
        .intersected(QRectF(QPointF(0, 0), QSizeF(canvas.sceneSize())));
}

} // namespace

class TestCanvasSharpener : public QObject {
    Q_OBJECT

private slots:
    void zoomedInRegionsAreSharpenedAndFollowThePan() {
        QTemporaryDir dir;
        cropdeck::test::useSettingsFolder(dir.filePath("settings"));
        writeTexture(dir.filePath("images/large.jpg"), 4000, 3000);
        writeTexture(dir.filePath("images/small.jpg"), 400, 300);
        writeTextFile(dir.filePath("boxes.csv"), "path,x,y,w,h,label\nlarge.jpg,1800,1400,300,200,a\n"
                                                 "small.jpg,10,10,50,50,b\n");
        MainWindow window;
        window.resize(1000, 700);
        window.show();
        QSignalSpy shown(&window, &MainWindow::imageShown);
        OpenRequest request;
        request.request.annotations = dir.filePath("boxes.csv");
        request.request.images = dir.filePath("images");
        window.open(request);
        QVERIFY(shown.wait(20000));
        QVERIFY(window.dataset()->image(window.currentImage()).absolutePath.endsWith("large.jpg"));
        CanvasSharpener& sharpener = *window.sharpener();
        CropCanvas& canvas = *window.canvas();
        QVERIFY2(sharpener.pictureScaleDenom() >= 4, "the canvas should show a DCT-scaled picture");
        QVERIFY(sharpener.sharpRegion().isEmpty()); // fitted: the scaled picture is all the view needs

        QSignalSpy sharpened(&sharpener, &CanvasSharpener::sharpened);
        canvas.setSelectedWindows({0});
        canvas.zoomOneToOne();
        canvas.centerOn(QPointF(1950, 1500));
        QVERIFY(sharpened.wait(20000));
        QVERIFY2(QRectF(sharpener.sharpRegion()).contains(visibleImageRect(canvas)),
                 "the sharp region covers the view");
        QVERIFY(sharpener.sharpRegion().width() < 4000); // only what is in view, with some room
        int patches = 0;
        for (QGraphicsItem* item : canvas.scene()->items())
            patches += item->zValue() == -0.5 ? 1 : 0;
        QCOMPARE(patches, 1);

        // A small pan stays inside the region: no new decode. A pan far away asks for the new view.
        canvas.horizontalScrollBar()->setValue(canvas.horizontalScrollBar()->value() + 20);
        QVERIFY(!sharpened.wait(500));
        canvas.centerOn(QPointF(300, 300));
        QVERIFY(sharpened.wait(20000));
        QVERIFY(QRectF(sharpener.sharpRegion()).contains(visibleImageRect(canvas)));

        // The next image (shown whole at its size) clears it.
        window.selectImage(window.currentImage() + 1);
        QTRY_VERIFY(window.dataset()->image(window.currentImage()).absolutePath.endsWith("small.jpg"));
        QTRY_VERIFY(sharpener.sharpRegion().isEmpty());
    }
};

QTEST_MAIN(TestCanvasSharpener)
#include "test_canvas_sharpener.moc"
