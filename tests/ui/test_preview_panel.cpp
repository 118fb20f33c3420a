// SPDX-License-Identifier: GPL-3.0-or-later
// The Output Preview panel, offscreen: the output size and byte count it shows are those of the file a
// real batch writes for that window, under several settings; it renders again when the settings change;
// the newest request wins; and MainWindow feeds it the window selected on the canvas.
#include "RunTestSupport.h"
#include "TestUtils.h"
#include "engine/BatchRunner.h"
#include "engine/WindowPreview.h"
#include "ui/BatchPanel.h"
#include "ui/BatchSettingsForm.h"
#include "ui/CropCanvas.h"
#include "ui/DatasetModel.h"
#include "ui/MainWindow.h"
#include "ui/PreviewPanel.h"
#include "ui/WindowItem.h"

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::test;
using namespace cropdeck::ui;

Q_DECLARE_METATYPE(cropdeck::CropSettings)

namespace {

constexpr int kWaitMs = 60'000;

// prepareBatch (Run) and a BatchRunner to the end: the batch the CLI runs.
Result<PreparedBatch> runBatch(const BatchRequest& request) {
    Result<PreparedBatch> batch = prepareBatch(request, PrepareFor::Run);
    if (!batch)
        return batch;
    BatchRunner runner;
    QSignalSpy finished(&runner, &BatchRunner::finished);
    runner.start(batch->plan, batch->options);
    if (!finished.wait(kWaitMs))
        return makeError(ErrorKind::Io, QStringLiteral("the batch did not finish"));
    return batch;
}

QSize decodedSize(const QString& file) {
    const cv::Mat pixels = referenceDecode(file);
    return QSize(pixels.cols, pixels.rows);
}

} // namespace

class TestPreviewPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        cropdeck::test::useSettingsFolder(m_dir.filePath("settings"));
        m_csv = makeJpegSet(m_dir.filePath("set"), 3, QSize(301, 203));
        QVERIFY(!m_csv.isEmpty());
    }

    void shownSizeAndBytesAreTheBatchOutput_data() {
        QTest::addColumn<CropSettings>("settings");
        QTest::newRow("same as input") << CropSettings{};
        CropSettings png;
        png.format = OutputFormat::Png;
        png.resize = ResizeMode::Fit;
        png.resizeTo = QSize(50, 40);
        png.bounds = BoundsPolicy::Pad;
        QTest::newRow("png fit 50x40 pad") << png;
        CropSettings webp;
        webp.format = OutputFormat::WebP;
        webp.webpQuality = 40;
        webp.margin = {15, true};
        QTest::newRow("webp q40 margin 15%") << webp;
        CropSettings lossless;
        lossless.lossless = true;
        QTest::newRow("lossless") << lossless;
    }

    void shownSizeAndBytesAreTheBatchOutput() {
        QFETCH(CropSettings, settings);
        QTemporaryDir out;
        BatchRequest request;
        request.annotations = m_csv;
        request.outputDir = out.path();
        request.settings = settings;
        const Result<PreparedBatch> batch = runBatch(request);
        QVERIFY2(batch.ok(), batch ? "" : qPrintable(batch.error().message));
        PreviewPanel panel;
        panel.resize(300, 300);
        panel.show();
        int compared = 0;
        for (const PlannedImage& image : batch->plan.images)
            for (int w = 0; w < image.windows.size(); ++w) {
                QSignalSpy shown(&panel, &PreviewPanel::previewShown);
                panel.showWindow(image.absolutePath, image.windows[w], batch->options.settings);
                QVERIFY(shown.wait(kWaitMs));
                const QString file = QDir(out.path()).filePath(image.outputs[w].relativePath);
                QVERIFY2(QFileInfo::exists(file), qPrintable(file));
                QCOMPARE(panel.shownBytes(), QFileInfo(file).size());
                QCOMPARE(panel.shownSize(), decodedSize(file));
                QCOMPARE(panel.shownImage().size(), panel.shownSize());
                const QString size =
                    QStringLiteral("%1×%2").arg(panel.shownSize().width()).arg(panel.shownSize().height());
                QVERIFY2(panel.detailsText().startsWith(size), qPrintable(panel.detailsText()));
                QVERIFY2(panel.detailsText().contains(QStringLiteral("%1 bytes").arg(QFileInfo(file).size())),
                         qPrintable(panel.detailsText()));
                ++compared;
            }
        QCOMPARE(compared, 9);
    }

    void settingsChangeRendersAgainAndTheNewestWins() {
        Result<PreparedBatch> set = prepareBatch(
            [&] {
                BatchRequest r;
                r.annotations = m_csv;
                return r;
            }(),
            PrepareFor::Browse);
        QVERIFY(set.ok());
        const PlannedImage& image = set->plan.images.first();
        PreviewPanel panel;
        panel.show();
        CropSettings small;
        small.resize = ResizeMode::Exact;
        small.resizeTo = QSize(33, 21);
        // Two requests at once: only the second is shown.
        panel.showWindow(image.absolutePath, image.windows[0], CropSettings{});
        panel.showWindow(image.absolutePath, image.windows[1], small);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRendering() && panel.shownSize().isValid(), kWaitMs);
        QCOMPARE(panel.shownSize(), QSize(33, 21));
        const Result<WindowPreview> expected = previewWindow(image.absolutePath, image.windows[1], small);
        QVERIFY(expected.ok());
        QCOMPARE(panel.shownBytes(), qint64(expected->encoded.size()));

        QSignalSpy shown(&panel, &PreviewPanel::previewShown);
        small.resizeTo = QSize(17, 9);
        panel.setSettings(small);
        QVERIFY(shown.wait(kWaitMs));
        QCOMPARE(panel.shownSize(), QSize(17, 9));
    }

    void mainWindowPreviewsTheSelectedWindowUnderThePanelsSettings() {
        MainWindow window;
        window.show();
        QSignalSpy shownImage(&window, &MainWindow::imageShown);
        OpenRequest open;
        open.request.annotations = m_csv;
        window.open(open);
        QVERIFY(shownImage.wait(kWaitMs));
        QTemporaryDir out;
        BatchRequest settings = window.batchPanel()->request().value();
        settings.outputDir = out.path();
        settings.settings.format = OutputFormat::Png;
        settings.settings.margin = {4, false};
        window.batchPanel()->setRequest(settings);

        const QList<WindowItem*> items = window.canvas()->windowItems();
        QCOMPARE(items.size(), 3);
        QSignalSpy previewed(window.previewPanel(), &PreviewPanel::previewShown);
        for (WindowItem* item : items)
            item->setSelected(item->windowIndex() == 2);
        QVERIFY(previewed.wait(kWaitMs));

        const Result<PreparedBatch> batch = runBatch(window.batchPanel()->request().value());
        QVERIFY2(batch.ok(), batch ? "" : qPrintable(batch.error().message));
        const PlannedImage& image = batch->plan.images[window.currentImage()];
        const QString file = QDir(out.path()).filePath(image.outputs[2].relativePath);
        QCOMPARE(window.previewPanel()->shownBytes(), QFileInfo(file).size());
        QCOMPARE(window.previewPanel()->shownSize(), decodedSize(file));

        // A setting edited in the batch panel renders the preview again.
        previewed.clear();
        settings.settings.resize = ResizeMode::Exact;
        settings.settings.resizeTo = QSize(24, 12);
        window.batchPanel()->setRequest(settings);
        QVERIFY(previewed.wait(kWaitMs));
        QCOMPARE(window.previewPanel()->shownSize(), QSize(24, 12));
    }

private:
    QTemporaryDir m_dir;
    QString m_csv;
};

QTEST_MAIN(TestPreviewPanel)
#include "test_preview_panel.moc"
