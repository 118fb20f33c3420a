// SPDX-License-Identifier: GPL-3.0-or-later
// The Batch panel, offscreen, running real batches: to completion with the CLI's summary text; paused and
// resumed; cancelled midway (no temporaries, a manifest that matches the files) and resumed to the end;
// and its output tree byte-identical to `cropdeck --batch` with the same settings. The settings form
// gives back exactly the request it was given. Every wait is on a signal.
#include "CliRunner.h"
#include "RunTestSupport.h"
#include "engine/BatchSummaryText.h"
#include "ui/BatchPanel.h"
#include "ui/BatchSettingsForm.h"
#include "ui/ThroughputChart.h"

#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::test;
using namespace cropdeck::ui;

Q_DECLARE_METATYPE(cropdeck::BatchRequest)

namespace {

constexpr int kWaitMs = 120'000;

void usePrepareBatch(BatchPanel& panel) {
    panel.setPrepare([](const BatchRequest& request) { return prepareBatch(request, PrepareFor::Run); });
}

BatchSummary summaryOf(const QSignalSpy& finished) {
    return finished.first().first().value<BatchSummary>();
}

// Progress signals until `done` holds; false when the batch ends first or nothing comes.
template <typename Predicate> bool waitForProgress(BatchPanel& panel, Predicate done) {
    QSignalSpy progressed(&panel, &BatchPanel::progressed);
    QSignalSpy finished(&panel, &BatchPanel::finished);
    for (;;) {
        for (const QList<QVariant>& signal : progressed)
            if (done(signal.first().value<BatchProgress>()))
                return true;
        progressed.clear();
        if (!finished.isEmpty() || !progressed.wait(kWaitMs))
            return false;
    }
}

// PNG at level 9 on one thread: slow enough to pause and cancel midway.
BatchRequest slowRequest(const QString& csv, const QString& out) {
    BatchRequest request;
    request.annotations = csv;
    request.outputDir = out;
    request.threads = 1;
    request.settings.format = OutputFormat::Png;
    request.settings.pngCompression = 9;
    return request;
}

} // namespace

class TestBatchPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_small = makeJpegSet(m_dir.filePath("small"), 6, QSize(240, 160));
        m_large = makeJpegSet(m_dir.filePath("large"), 40, QSize(640, 480));
        QVERIFY(!m_small.isEmpty() && !m_large.isEmpty());
    }

    void runsABatchToCompletionWithTheCliSummary() {
        QTemporaryDir out;
        BatchPanel panel;
        panel.show();
        usePrepareBatch(panel);
        BatchRequest request;
        request.annotations = m_small;
        request.outputDir = out.path();
        panel.setRequest(request);
        QSignalSpy started(&panel, &BatchPanel::started);
        QSignalSpy progressed(&panel, &BatchPanel::progressed);
        QSignalSpy finished(&panel, &BatchPanel::finished);
        panel.startButton()->click();
        // The GUI thread did not wait: preparing runs in the background.
        QCOMPARE(panel.state(), BatchPanel::State::Preparing);
        QVERIFY(!panel.startButton()->isEnabled());
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.first().at(0).toInt(), 6);
        QCOMPARE(started.first().at(1).toInt(), 18);
        const BatchSummary summary = summaryOf(finished);
        QCOMPARE(summary.outcome, BatchOutcome::Completed);
        QCOMPARE(summary.progress.windowsWritten, 18);
        QCOMPARE(outputTree(out.path()).size(), 18);
        QCOMPARE(panel.summaryText(), batchSummaryText(summary, QDir(out.path()).absolutePath()));
        QVERIFY(panel.summaryText().startsWith(u"completed: 6 images (0 failed), 18 windows written"));
        // One chart point per progress snapshot, the last one the summary's rates.
        QVERIFY(progressed.count() >= 1);
        QCOMPARE(panel.chart()->sampleCount(), progressed.count());
        const QPointF last = panel.chart()->imagesSeries()->points().last();
        QCOMPARE(last.x(), summary.progress.elapsedSeconds);
        QCOMPARE(last.y(), summary.progress.imagesPerSecond());
        QCOMPARE(panel.chart()->megapixelsSeries()->points().last().y(),
                 summary.progress.megapixelsPerSecond());
        QVERIFY(panel.statusText().contains(u"6/6 images · 18 of 18 windows written"));
        QCOMPARE(panel.progressBar()->value(), 6);
        QCOMPARE(panel.problemList()->count(), 0);
        QVERIFY(panel.problemList()->isHidden()); // no empty box taking the chart's room
        QCOMPARE(panel.state(), BatchPanel::State::Idle);
        QVERIFY(panel.startButton()->isEnabled());
    }

    void errorsAreListedAndDoubleClickRequestsTheImage() {
        QTemporaryDir out;
        BatchPanel panel;
        usePrepareBatch(panel);
        BatchRequest request;
        request.annotations = m_small;
        request.outputDir = out.path();
        request.settings.bounds = BoundsPolicy::Error; // the edge windows fail
        panel.setRequest(request);
        QSignalSpy finished(&panel, &BatchPanel::finished);
        panel.start();
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(summaryOf(finished).outcome, BatchOutcome::CompletedWithFailures);
        QCOMPARE(summaryOf(finished).progress.windowsFailed, 6);
        QCOMPARE(panel.problemList()->count(), 6);
        QVERIFY(!panel.problemList()->isHidden());
        QListWidgetItem* item = panel.problemList()->item(0);
        QVERIFY2(item->text().startsWith(u"error: window 2"), qPrintable(item->text()));
        QSignalSpy requested(&panel, &BatchPanel::imageRequested);
        emit panel.problemList()->itemDoubleClicked(item);
        QCOMPARE(requested.count(), 1);
        const QString path = requested.first().first().toString();
        QVERIFY2(QFileInfo(path).isAbsolute() && QFileInfo::exists(path), qPrintable(path));
        QVERIFY(item->text().contains(QFileInfo(path).fileName()));
    }

    // A short dock (in a 1600x1000 window the Batch dock is about 460 px wide and 370-480 px high, as the
    // other docks leave it): the wrapped status and summary were laid out over the chart's time axis.
    void inAShortDockNothingIsDrawnOverTheChart() {
        QTemporaryDir out;
        BatchPanel panel;
        panel.resize(460, 480);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        usePrepareBatch(panel);
        BatchRequest request;
        request.annotations = m_small;
        request.outputDir = out.path();
        request.settings.bounds = BoundsPolicy::Error; // errors too: the problem list shows
        panel.setRequest(request);
        QSignalSpy finished(&panel, &BatchPanel::finished);
        panel.start();
        QVERIFY(finished.wait(kWaitMs));
        QCoreApplication::processEvents(); // the layout after the last texts
        QWidget* chart = panel.chart();
        QVERIFY(chart->isVisible());
        QVERIFY2(chart->height() >= chart->minimumHeight(), qPrintable(QString::number(chart->height())));
        const QRect chartArea(chart->mapTo(&panel, QPoint(0, 0)), chart->size());
        // The panel made room for the progress and the summary: none of it is scrolled out of sight.
        QWidget* viewport = chart->parentWidget()->parentWidget();
        const auto shown = [&](QWidget* w) {
            return viewport->rect().contains(QRect(w->mapTo(viewport, QPoint(0, 0)), w->size()));
        };
        QVERIFY(shown(chart));
        int checked = 0;
        for (QWidget* other : panel.findChildren<QWidget*>()) {
            if (other == chart || !other->isVisible() || other->parentWidget() != chart->parentWidget())
                continue;
            const QString name =
                QStringLiteral("%1 (%2)").arg(other->accessibleName(), other->metaObject()->className());
            const QRect area(other->mapTo(&panel, QPoint(0, 0)), other->size());
            QVERIFY2(!area.intersects(chartArea), qPrintable(name + QStringLiteral(" overlaps the chart")));
            QVERIFY2(shown(other), qPrintable(name + QStringLiteral(" is scrolled out of sight")));
            ++checked;
        }
        QCOMPARE(checked, 7); // the three buttons, progress bar, status, problem list, summary
    }

    void pauseHoldsTheBatchAndResumeCompletesIt() {
        QTemporaryDir out;
        BatchPanel panel;
        usePrepareBatch(panel);
        panel.setRequest(slowRequest(m_large, out.path()));
        QSignalSpy finished(&panel, &BatchPanel::finished);
        panel.start();
        QVERIFY(waitForProgress(panel, [](const BatchProgress& p) { return p.imagesDone >= 1; }));
        panel.pauseButton()->click();
        QVERIFY(panel.isPaused());
        QCOMPARE(panel.pauseButton()->text(), QStringLiteral("Resume"));
        // Paused: the image in hand finishes, then two snapshots in a row show the same count.
        int previous = -1;
        QVERIFY(waitForProgress(panel, [&](const BatchProgress& p) {
            const bool still = p.imagesDone == previous;
            previous = p.imagesDone;
            return still;
        }));
        QVERIFY2(previous < 40, "the pause must hold the batch before its end");
        // And it holds: three more snapshots, no image finished.
        int ticks = 0;
        bool moved = false;
        QVERIFY(waitForProgress(panel, [&](const BatchProgress& p) {
            moved = moved || p.imagesDone != previous;
            return moved || ++ticks >= 3;
        }));
        QVERIFY(!moved);
        QVERIFY(finished.isEmpty());
        panel.pauseButton()->click();
        QVERIFY(!panel.isPaused());
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(summaryOf(finished).outcome, BatchOutcome::Completed);
        QCOMPARE(summaryOf(finished).progress.windowsWritten, 120);
    }

    void cancelLeavesNoTemporariesAndResumeFinishesTheRest() {
        QTemporaryDir out;
        BatchPanel panel;
        usePrepareBatch(panel);
        panel.setRequest(slowRequest(m_large, out.path()));
        QSignalSpy finished(&panel, &BatchPanel::finished);
        panel.start();
        QVERIFY(waitForProgress(panel, [](const BatchProgress& p) { return p.windowsWritten >= 3; }));
        panel.cancelButton()->click();
        QVERIFY(finished.wait(kWaitMs));
        const BatchSummary cancelled = summaryOf(finished);
        QCOMPARE(cancelled.outcome, BatchOutcome::Cancelled);
        const int written = cancelled.progress.windowsWritten;
        QVERIFY2(written >= 3 && written < 120, qPrintable(QString::number(written)));
        QCOMPARE(temporariesIn(out.path()), QStringList());
        QCOMPARE(checkedManifestOutputs(out.path()), written);
        QCOMPARE(outputTree(out.path()).size(), written);
        QVERIFY(panel.summaryText().startsWith(u"cancelled: "));

        BatchRequest resume = panel.request().value();
        resume.resume = true;
        panel.setRequest(resume);
        finished.clear();
        panel.start();
        QVERIFY(finished.wait(kWaitMs));
        const BatchSummary rest = summaryOf(finished);
        QCOMPARE(rest.outcome, BatchOutcome::Completed);
        QCOMPARE(rest.progress.windowsResumed, written);
        QCOMPARE(rest.progress.windowsWritten, 120 - written);
        QCOMPARE(checkedManifestOutputs(out.path()), 120);
        QCOMPARE(temporariesIn(out.path()), QStringList());

        // The interrupted and resumed tree is the one an uninterrupted CLI run writes.
        QTemporaryDir cli;
        const CliResult result = runCropdeck({"--batch", "--annotations", m_large, "--out", cli.path(),
                                              "--format", "png", "--png-level", "9"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(outputTree(out.path()) == outputTree(cli.path()));
    }

    void outputIsByteIdenticalToTheCli_data() {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<BatchRequest>("settings"); // input and output left empty
        BatchRequest defaults;
        QTest::newRow("defaults") << QStringList{} << defaults;
        BatchRequest png;
        png.settings.format = OutputFormat::Png;
        png.settings.pngCompression = 6;
        png.settings.resize = ResizeMode::Fit;
        png.settings.resizeTo = QSize(40, 30);
        png.settings.bounds = BoundsPolicy::Pad;
        png.settings.padBgr[0] = 0x00;
        png.settings.padBgr[1] = 0x80;
        png.settings.padBgr[2] = 0xff;
        png.settings.margin = {10, true};
        png.nameTemplate = QStringLiteral("{label}/{stem}_{index}.{ext}");
        QTest::newRow("png fit pad margin names")
            << QStringList{"--format",      "png",
                           "--png-level",   "6",
                           "--resize",      "40x30",
                           "--resize-mode", "fit",
                           "--pad",         "#ff8000",
                           "--margin",      "10%",
                           "--name",        "{label}/{stem}_{index}.{ext}"}
            << png;
        BatchRequest jpeg;
        jpeg.settings.format = OutputFormat::Jpeg;
        jpeg.settings.jpegQuality = 70;
        jpeg.settings.webpQuality = 70;
        jpeg.settings.aspect = 4.0 / 3.0;
        jpeg.settings.grayscale = true;
        jpeg.settings.bounds = BoundsPolicy::Shift;
        jpeg.settings.fixedSize = QSize(64, 48);
        jpeg.threads = 3;
        QTest::newRow("jpeg q70 aspect gray shift size")
            << QStringList{"--format", "jpeg",  "--quality", "70",    "--aspect",  "4:3", "--gray",
                           "--bounds", "shift", "--size",    "64x48", "--threads", "3"}
            << jpeg;
        BatchRequest lossless;
        lossless.settings.lossless = true;
        lossless.settings.bounds = BoundsPolicy::Skip;
        lossless.settings.failOn = FailOn::Truncated;
        lossless.memoryBudgetBytes = qint64(64) << 20;
        QTest::newRow("lossless skip")
            << QStringList{"--lossless", "--bounds", "skip", "--fail-on", "truncated", "--max-memory", "64"}
            << lossless;
    }

    void outputIsByteIdenticalToTheCli() {
        QFETCH(QStringList, flags);
        QFETCH(BatchRequest, settings);
        QTemporaryDir gui, cli;
        BatchRequest request = settings;
        request.annotations = m_small;
        request.outputDir = gui.path();
        BatchPanel panel;
        usePrepareBatch(panel);
        panel.setRequest(request);
        // The form gives back exactly what it was given: the widgets hold every setting.
        QCOMPARE(panel.request().value(), request);
        QSignalSpy finished(&panel, &BatchPanel::finished);
        panel.start();
        QVERIFY(finished.wait(kWaitMs));
        const BatchSummary summary = summaryOf(finished);
        QVERIFY(summary.outcome == BatchOutcome::Completed);

        const CliResult result =
            runCropdeck(QStringList{"--batch", "--annotations", m_small, "--out", cli.path()} + flags);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QMap<QString, QByteArray> guiTree = outputTree(gui.path());
        const QMap<QString, QByteArray> cliTree = outputTree(cli.path());
        QCOMPARE(guiTree.keys(), cliTree.keys());
        for (auto it = guiTree.begin(); it != guiTree.end(); ++it)
            QVERIFY2(it.value() == cliTree.value(it.key()), qPrintable(it.key()));
        QVERIFY(guiTree.size() >= 12);
        // The same summary, but for the folder and the timings.
        const QString cliSummary = QString::fromLocal8Bit(result.out).section(u';', 0, 0);
        QCOMPARE(panel.summaryText().section(u';', 0, 0), cliSummary);
    }

    void aFieldThatDoesNotParseIsNamedAndNothingStarts() {
        BatchPanel panel;
        usePrepareBatch(panel);
        BatchRequest request;
        request.annotations = m_small;
        request.outputDir = m_dir.filePath("never");
        panel.setRequest(request);
        panel.form()->findChild<QLineEdit*>(QStringLiteral("margin"))->setText(QStringLiteral("ten"));
        QSignalSpy failed(&panel, &BatchPanel::startFailed);
        panel.start();
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.first().first().toString().startsWith(u"Margin \"ten\""),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(panel.state(), BatchPanel::State::Idle);
        QVERIFY(!QFileInfo::exists(m_dir.filePath("never")));
    }

private:
    QTemporaryDir m_dir;
    QString m_small;
    QString m_large;
};

QTEST_MAIN(TestBatchPanel)
#include "test_batch_panel.moc"
