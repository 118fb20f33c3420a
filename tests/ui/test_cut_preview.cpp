// SPDX-License-Identifier: GPL-3.0-or-later
// What the bounds policy does to windows crossing each edge of the image, as the canvas draws it and the
// window table words it: the drawn rectangles are core's (inspectWindow, the dry run's call) and the
// expected values below are worked out by hand. The canvas is at 1:1 in a fixed view, offscreen, so a
// scene pixel is a widget pixel and the drawn padding can be read back from the screen.
#include "CanvasTestSupport.h"
#include "batch/PlanInspection.h"
#include "ui/AnnotationDocument.h"
#include "ui/CropCanvas.h"
#include "ui/WindowItem.h"
#include "ui/WindowTableModel.h"

#include <QTest>

using namespace cropdeck;
using namespace cropdeck::ui;

Q_DECLARE_METATYPE(cropdeck::BoundsPolicy)
Q_DECLARE_METATYPE(QList<cropdeck::ui::OutsidePart>)

namespace {

constexpr QSize kImage(200, 150);

CropWindow boxWindow(QRectF box, const QString& id) {
    CropWindow window;
    window.box = box;
    window.label = "cat";
    window.id = id;
    return window;
}

ImageInfo imageInfo() {
    ImageInfo info;
    info.format = ImageFormat::Png;
    info.width = kImage.width();
    info.height = kImage.height();
    return info;
}

CropSettings settingsFor(BoundsPolicy policy) {
    CropSettings settings;
    settings.bounds = policy;
    settings.padBgr[0] = 255; // blue, as B G R
    return settings;
}

// One window crossing each edge by 10 px, one inside, one wholly outside.
const QList<QRectF> kWindows = {QRectF(-10, 20, 40, 30), QRectF(60, -10, 40, 30), QRectF(170, 60, 40, 30),
                                QRectF(60, 130, 40, 30), QRectF(80, 60, 40, 30),  QRectF(250, 60, 20, 20)};

} // namespace

class TestCutPreview : public QObject {
    Q_OBJECT

private slots:
    void init() {
        AnnotationSet set;
        ImageEntry image;
        image.path = "generated.png";
        for (int i = 0; i < kWindows.size(); ++i)
            image.windows.append(boxWindow(kWindows[i], QString::number(i)));
        set.images = {image};
        QVERIFY(cropdeck::test::showCanvasFor(m_screen, set));
        QImage picture(kImage, QImage::Format_RGB32);
        picture.fill(Qt::darkGreen);
        m_screen.canvas->setPicture(picture, kImage);
        m_screen.canvas->zoomOneToOne();
        m_screen.canvas->showWindows(0, 1.0);
        m_screen.canvas->setImageInfo(imageInfo());
    }
    void cleanup() {
        m_screen.canvas.reset();
        m_screen.document.reset();
    }

    void drawnCutIsCoresCut_data() {
        QTest::addColumn<BoundsPolicy>("policy");
        QTest::addColumn<int>("window");
        QTest::addColumn<int>("kind");   // WindowCut::Kind
        QTest::addColumn<QRectF>("cut"); // what is read; empty when nothing is cut
        QTest::addColumn<int>("outsideParts");
        const auto crop = int(WindowCut::Kind::Crop), skip = int(WindowCut::Kind::Skip),
                   error = int(WindowCut::Kind::Error);
        const char* edges[] = {"left", "top", "right", "bottom"};
        // Clip and Pad read the part inside; Shift moves the window in whole.
        const QList<QRectF> clipped = {QRectF(0, 20, 30, 30), QRectF(60, 0, 40, 20), QRectF(170, 60, 30, 30),
                                       QRectF(60, 130, 40, 20)};
        const QList<QRectF> shifted = {QRectF(0, 20, 40, 30), QRectF(60, 0, 40, 30), QRectF(160, 60, 40, 30),
                                       QRectF(60, 120, 40, 30)};
        for (int edge = 0; edge < 4; ++edge) {
            QTest::addRow("clip, %s", edges[edge])
                << BoundsPolicy::Clip << edge << crop << clipped[edge] << 1;
            QTest::addRow("shift, %s", edges[edge])
                << BoundsPolicy::Shift << edge << crop << shifted[edge] << 1;
            QTest::addRow("pad, %s", edges[edge]) << BoundsPolicy::Pad << edge << crop << clipped[edge] << 1;
            QTest::addRow("skip, %s", edges[edge]) << BoundsPolicy::Skip << edge << skip << QRectF() << 1;
            QTest::addRow("error, %s", edges[edge]) << BoundsPolicy::Error << edge << error << QRectF() << 1;
        }
        for (BoundsPolicy policy : {BoundsPolicy::Clip, BoundsPolicy::Shift, BoundsPolicy::Pad,
                                    BoundsPolicy::Skip, BoundsPolicy::Error})
            QTest::addRow("inside, policy %d", int(policy)) << policy << 4 << crop << kWindows[4] << 0;
        QTest::addRow("clip, wholly outside") << BoundsPolicy::Clip << 5 << skip << QRectF() << 1;
        QTest::addRow("shift, wholly outside")
            << BoundsPolicy::Shift << 5 << crop << QRectF(180, 60, 20, 20) << 1;
    }
    void drawnCutIsCoresCut() {
        QFETCH(BoundsPolicy, policy);
        QFETCH(int, window);
        QFETCH(int, kind);
        QFETCH(QRectF, cut);
        QFETCH(int, outsideParts);
        m_screen.canvas->setCutPreview(settingsFor(policy));
        const WindowCut& drawn = m_screen.canvas->windowItem(window)->cut();
        QCOMPARE(int(drawn.kind), kind);
        QCOMPARE(drawn.window, kWindows[window]); // no margin, aspect or size: the box itself
        QCOMPARE(drawn.cut, cut);
        QCOMPARE(drawn.outside.size(), outsideParts);
        // The same answer as the dry run's.
        const InspectedWindow core =
            inspectWindow(m_screen.document->windows(0)[window], imageInfo(), settingsFor(policy));
        if (core.action == InspectedWindow::Action::Crop)
            QCOMPARE(drawn.cut, QRectF(core.cut.value_or(core.window)));
        QCOMPARE(drawn.window, QRectF(core.window));
    }

    void partsOutsideTheImage_data() {
        QTest::addColumn<QRectF>("window");
        QTest::addColumn<QList<OutsidePart>>("parts");
        QTest::addRow("inside") << QRectF(10, 10, 20, 20) << QList<OutsidePart>{};
        QTest::addRow("left") << QRectF(-10, 20, 40, 30)
                              << QList<OutsidePart>{{QRectF(-10, 20, 10, 30), false}};
        QTest::addRow("bottom") << QRectF(60, 130, 40, 30)
                                << QList<OutsidePart>{{QRectF(60, 150, 40, 10), true}};
        // A corner: the band below spans the whole width, the side part only the rows inside.
        QTest::addRow("bottom right")
            << QRectF(190, 140, 20, 20)
            << QList<OutsidePart>{{QRectF(190, 150, 20, 10), true}, {QRectF(200, 140, 10, 10), false}};
        QTest::addRow("all round") << QRectF(-5, -5, 210, 160)
                                   << QList<OutsidePart>{{QRectF(-5, -5, 210, 5), true},
                                                         {QRectF(-5, 150, 210, 5), true},
                                                         {QRectF(-5, 0, 5, 150), false},
                                                         {QRectF(200, 0, 5, 150), false}};
        QTest::addRow("wholly outside")
            << QRectF(250, 60, 20, 20) << QList<OutsidePart>{{QRectF(250, 60, 20, 20), true}};
    }
    void partsOutsideTheImage() {
        QFETCH(QRectF, window);
        QFETCH(QList<OutsidePart>, parts);
        QCOMPARE(partsOutside(window, QRectF(QPointF(0, 0), QSizeF(kImage))), parts);
    }

    void paddingIsDrawnInThePadColour() {
        m_screen.canvas->setCutPreview(settingsFor(BoundsPolicy::Pad));
        const QImage shown = m_screen.canvas->viewport()->grab().toImage();
        // The left window's padding is x in [-10, 0), y in [20, 50); the view background is elsewhere.
        QCOMPARE(QColor(shown.pixel(m_screen.canvas->mapFromScene(QPointF(-5, 35)))), QColor(Qt::blue));
        QVERIFY(QColor(shown.pixel(m_screen.canvas->mapFromScene(QPointF(-5, 60)))) != QColor(Qt::blue));
        QCOMPARE(m_screen.canvas->windowItem(0)->cut().outside.first().rect, QRectF(-10, 20, 10, 30));
    }

    void edgePaddingAndClippingAreHatchedNotFilled() {
        CropSettings settings = settingsFor(BoundsPolicy::Pad);
        settings.padMode = PadMode::Edge;
        m_screen.canvas->setCutPreview(settings);
        QVERIFY(m_screen.canvas->windowItem(0)->cut().edgePad);
        const QImage shown = m_screen.canvas->viewport()->grab().toImage();
        QVERIFY(QColor(shown.pixel(m_screen.canvas->mapFromScene(QPointF(-5, 35)))) != QColor(Qt::blue));
    }

    void theThinOutlineIsTheFinalCutAfterShaping() {
        // A 10 px margin grows the inside window to 60 × 50 around it; clip keeps what is in the image.
        CropSettings settings = settingsFor(BoundsPolicy::Clip);
        settings.margin = Margin{10, false};
        m_screen.canvas->setCutPreview(settings);
        QCOMPARE(m_screen.canvas->windowItem(4)->cut().window, QRectF(70, 50, 60, 50));
        QCOMPARE(m_screen.canvas->windowItem(4)->cut().output(), QRectF(70, 50, 60, 50));
        QCOMPARE(m_screen.canvas->windowItem(0)->cut().window, QRectF(-20, 10, 60, 50));
        QCOMPARE(m_screen.canvas->windowItem(0)->cut().output(), QRectF(0, 10, 40, 50));
        // The item's bounding rectangle covers what it draws, so a drag leaves nothing behind.
        QVERIFY(m_screen.canvas->windowItem(0)->boundingRect().contains(QRectF(-20, 10, 60, 50)));
        // Pad writes the whole window, padding included.
        settings.bounds = BoundsPolicy::Pad;
        m_screen.canvas->setCutPreview(settings);
        QCOMPARE(m_screen.canvas->windowItem(0)->cut().output(), QRectF(-20, 10, 60, 50));
        QCOMPARE(m_screen.canvas->windowItem(0)->cut().cut, QRectF(0, 10, 40, 50));
    }

    void followsEdits() {
        m_screen.canvas->setCutPreview(settingsFor(BoundsPolicy::Shift));
        m_screen.document->setBox(0, 4, QRectF(180, 60, 40, 30)); // now past the right edge
        QCOMPARE(m_screen.canvas->windowItem(4)->cut().cut, QRectF(160, 60, 40, 30));
        m_screen.canvas->setImageInfo({}); // no header (another image is loading): nothing drawn
        QCOMPARE(int(m_screen.canvas->windowItem(4)->cut().kind), int(WindowCut::Kind::None));
    }

    void tableColumnSaysWhatTheBoundsPolicyDoes_data() {
        QTest::addColumn<BoundsPolicy>("policy");
        QTest::addColumn<QStringList>("texts"); // windows 0 (left), 2 (right), 4 (inside), 5 (outside)
        QTest::addRow("clip") << BoundsPolicy::Clip
                              << QStringList{"clipped to 0,20 30×30", "clipped to 170,60 30×30", "inside",
                                             "skipped: window (x=250, y=60, 20x20) lies wholly outside the "
                                             "200x150 image"};
        QTest::addRow("shift") << BoundsPolicy::Shift
                               << QStringList{"shifted to 0,20 40×30", "shifted to 160,60 40×30", "inside",
                                              "shifted to 180,60 20×20"};
        QTest::addRow("pad") << BoundsPolicy::Pad
                             << QStringList{"padded: 10 px past the left edge",
                                            "padded: 10 px past the right edge", "inside",
                                            "skipped: window (x=250, y=60, 20x20) lies wholly outside the "
                                            "200x150 image"};
        QTest::addRow("skip") << BoundsPolicy::Skip
                              << QStringList{"skipped: window (x=-10, y=20, 40x30) sticks out of the 200x150 "
                                             "image: 10 px past the left edge",
                                             "", "inside", ""};
        QTest::addRow("error") << BoundsPolicy::Error
                               << QStringList{
                                      "error: window 0: window (x=-10, y=20, 40x30) sticks out of the "
                                      "200x150 image: 10 px past the left edge",
                                      "", "inside", ""};
    }
    void tableColumnSaysWhatTheBoundsPolicyDoes() {
        QFETCH(BoundsPolicy, policy);
        QFETCH(QStringList, texts);
        WindowTableModel model(m_screen.document.get());
        model.setImage(0);
        QCOMPARE(model.headerData(WindowTableModel::Bounds, Qt::Horizontal).toString(), QString("Bounds"));
        QCOMPARE(model.data(model.index(0, WindowTableModel::Bounds)).toString(),
                 QString()); // no preview yet
        m_screen.canvas->setCutPreview(settingsFor(policy));
        model.setCutPreview(m_screen.canvas->cutPreview());
        const int rows[] = {0, 2, 4, 5};
        for (int i = 0; i < 4; ++i)
            if (!texts[i].isEmpty())
                QCOMPARE(model.data(model.index(rows[i], WindowTableModel::Bounds)).toString(), texts[i]);
        QVERIFY(!(model.flags(model.index(0, WindowTableModel::Bounds)) & Qt::ItemIsEditable));
        // Another image forgets the preview: its header is another's.
        model.setImage(-1);
        model.setImage(0);
        QCOMPARE(model.data(model.index(0, WindowTableModel::Bounds)).toString(), QString());
    }

private:
    cropdeck::test::CanvasOnScreen m_screen;
};

QTEST_MAIN(TestCutPreview)
#include "test_cut_preview.moc"
