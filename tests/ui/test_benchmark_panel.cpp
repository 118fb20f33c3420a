// SPDX-License-Identifier: GPL-3.0-or-later
// The Benchmark tab, offscreen, running core's runBench() for real: a tiny seed benchmark to the end with
// a table row per run of the report (engine, case, % floor, verified flag and cell) and both charts; its JSON
// report read back by core's reader, its HTML report with the charts, a saved report compared with the run;
// two saved reports compared as `--bench --compare` prints them; the open set (the demo set) as the
// dataset; a long run cancelled midway, back to idle with no report; an engine that cannot run here
// disabled with its reason; every control named for screen readers; the dock a tab beside the Batch dock.
// Every wait is on a signal or QTRY_*.
#include "BenchReportSupport.h"
#include "TestUtils.h"
#include "bench/BenchReport.h"
#include "bench/DatasetGenerator.h"
#include "bench/ReportText.h"
#include "ui/BenchCharts.h"
#include "ui/BenchCompareView.h"
#include "ui/BenchResultsModel.h"
#include "ui/BenchSetupForm.h"
#include "ui/BenchmarkPanel.h"
#include "ui/MainWindow.h"

#include <QAbstractSpinBox>
#include <QAccessible>
#include <QChartView>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace cropdeck;
using namespace cropdeck::ui;

namespace {

constexpr int kWaitMs = 300'000;

// The panel is never shown here: the engines are listed on request, as the first show would.
bool waitForEngines(BenchmarkPanel& panel) {
    QSignalSpy listed(panel.setup(), &BenchSetupForm::enginesListed);
    panel.setup()->listEngines();
    return !panel.setup()->isListingEngines() || listed.wait(kWaitMs);
}

// The seed workloads, small: two workloads of `count` pictures of `side` pixels, in `folder`.
void useSmallSeed(BenchSetupForm& setup, const QString& folder, int count, int side) {
    setup.setDataset(BenchSetupForm::Dataset::Seed);
    setup.seedFolderEdit()->setText(folder);
    setup.workloadsEdit()->setText(QStringLiteral("gray-jpeg,color-png-512"));
    setup.seedCountBox()->setValue(count);
    setup.seedSideBox()->setValue(side);
}

QString cell(const QAbstractItemModel& model, int row, int column, int role = Qt::DisplayRole) {
    return model.data(model.index(row, column), role).toString();
}

} // namespace

class TestBenchmarkPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        cropdeck::test::useSettingsFolder(m_dir.filePath("settings")); // the main window's, not the user's
    }

    void runsATinySeedBenchmarkToTheEnd() {
        BenchmarkPanel panel;
        QVERIFY(waitForEngines(panel));
        useSmallSeed(*panel.setup(), m_dir.filePath("seed"), 2, 256);
        QVERIFY(panel.setup()->checkEngines({"cropdeck", "opencv-serial"}));
        panel.setup()->threadsEdit()->setText(QStringLiteral("1, 2"));
        panel.setup()->trialsBox()->setValue(1);
        QSignalSpy finished(&panel, &BenchmarkPanel::finished);
        QSignalSpy progressed(&panel, &BenchmarkPanel::progressed);
        panel.runButton()->click();
        QCOMPARE(panel.state(), BenchmarkPanel::State::Running);
        QVERIFY(!panel.runButton()->isEnabled());
        QVERIFY(finished.wait(kWaitMs));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QVERIFY(!progressed.isEmpty()); // the harness's lines reached the GUI thread
        QCOMPARE(panel.state(), BenchmarkPanel::State::Idle);
        QCOMPARE(panel.progressText(), QStringLiteral("done"));

        QVERIFY(panel.report().has_value());
        const bench::BenchReport& report = *panel.report();
        // 2 workloads × 2 window layouts; cropdeck at 1 and 2 threads, opencv-serial once.
        QCOMPARE(report.runs.size(), size_t(4 * 3));
        const BenchResultsModel& model = *panel.results();
        QCOMPARE(model.rowCount(), int(report.runs.size()));
        for (int row = 0; row < model.rowCount(); ++row) {
            const bench::EngineRun& run = report.runs[size_t(row)];
            QCOMPARE(cell(model, row, BenchResultsModel::Engine), run.engine);
            QCOMPARE(cell(model, row, BenchResultsModel::Case), run.caseName);
            QCOMPARE(cell(model, row, BenchResultsModel::Verified), bench::verifiedCell(run));
            QCOMPARE(model.data(model.index(row, 0), BenchResultsModel::kCorrectRole).toBool(),
                     run.correct());
            QVERIFY2(run.correct(), qPrintable(run.engine + ": " + verificationDetail(run)));
            QVERIFY(cell(model, row, BenchResultsModel::Verified, Qt::ToolTipRole).contains("crops checked"));
            // % floor: the run's own figure, as the terminal table rounds it.
            const QModelIndex floor = model.index(row, BenchResultsModel::PercentOfFloor);
            QCOMPARE(model.data(floor, BenchResultsModel::kPercentOfFloorRole).toDouble(),
                     run.percentOfFloor);
            QVERIFY2(run.percentOfFloor > 0, qPrintable(run.engine + " " + run.floor.error));
            QCOMPARE(cell(model, row, BenchResultsModel::PercentOfFloor),
                     QStringLiteral("%1%").arg(run.percentOfFloor, 0, 'f', 0));
            QVERIFY(cell(model, row, BenchResultsModel::PercentOfFloor, Qt::ToolTipRole)
                        .contains(run.floor.method));
            // Peak memory in MiB as the terminal table has it ("-" where it is not measured).
            const QString peak = cell(model, row, BenchResultsModel::PeakMemory);
            QCOMPARE(peak, run.peakMemoryBytes > 0
                               ? QString::number(double(run.peakMemoryBytes) / (1 << 20), 'f', 0)
                               : QStringLiteral("-"));
#if defined(Q_OS_LINUX)
            QVERIFY2(run.peakMemoryBytes > 0, qPrintable(run.engine));
#endif
        }
        QCOMPARE(model.headerData(BenchResultsModel::PercentOfFloor, Qt::Horizontal).toString(),
                 QStringLiteral("% floor"));
        QCOMPARE(panel.tabs()->currentIndex(), 1); // the finished run shows its table
        // The charts show the first case; two thread counts ran, so the scaling curve too.
        QCOMPARE(panel.caseBox()->count(), 4);
        QCOMPARE(panel.charts()->barView()->chart()->series().size(), 1);
        QVERIFY(!panel.charts()->scalingView()->isHidden());
        QCOMPARE(panel.charts()->scalingView()->chart()->series().size(), 1); // cropdeck's curve

        // The JSON report reads back with core's reader; CSV and Markdown are core's own text.
        QVERIFY(panel.saveButton()->isEnabled());
        const QString json = m_dir.filePath("report.json");
        QVERIFY(panel.saveReportTo(json).ok());
        const Result<bench::BenchReport> loaded = bench::loadReport(json);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error().message));
        QCOMPARE(loaded->runs.size(), report.runs.size());
        std::set<QString> saved, shown;
        for (const bench::EngineRun& run : loaded->runs)
            saved.insert(run.engine);
        for (const bench::EngineRun& run : report.runs)
            shown.insert(run.engine);
        QVERIFY(saved == shown);
        QVERIFY(saved == (std::set<QString>{"cropdeck", "opencv-serial"}));
        const QString csv = m_dir.filePath("report.csv");
        QVERIFY(panel.saveReportTo(csv).ok());
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(csvFile.readAll()), bench::reportCsv(report));
        QVERIFY(!panel.saveReportTo(m_dir.filePath("report.txt")).ok()); // no such format

        // HTML: one page, the table's rows and the charts (bars and curve for each of the 4 cases).
        const QString html = m_dir.filePath("report.html");
        const Status savedHtml = panel.saveReportTo(html);
        QVERIFY2(savedHtml.ok(), savedHtml.ok() ? "" : qPrintable(savedHtml.error().message));
        QFile htmlFile(html);
        QVERIFY(htmlFile.open(QIODevice::ReadOnly));
        const QByteArray page = htmlFile.readAll();
        QCOMPARE(page.count("<td>cropdeck</td>"), 4 * 2);
        QCOMPARE(page.count("<td>opencv-serial</td>"), 4);
        QCOMPARE(page.count("src=\"data:image/png;base64,"), 4 * 2);

        // The saved report (A) beside this run (B): the same figures, so every ratio is 1.
        QVERIFY(panel.compareWithLastRun(json).ok());
        QCOMPARE(panel.comparison()->toPlainText(),
                 bench::compareReports(*loaded, json, report, QStringLiteral("this run")));
        QVERIFY(panel.comparison()->toPlainText().contains("1.00×"));
        QCOMPARE(panel.tabs()->currentWidget(), panel.comparison());
    }

    void comparesTwoSavedReports() {
        const QString a = m_dir.filePath("compare-a.json"), b = m_dir.filePath("compare-b.json");
        QVERIFY(bench::saveReport(test::syntheticBenchReport(1), a).ok());
        QVERIFY(bench::saveReport(test::syntheticBenchReport(2), b).ok()); // twice as fast
        BenchmarkPanel panel;
        QVERIFY(!panel.compareWithLastRun(a).ok()); // no run yet: says so
        QVERIFY2(panel.statusText().contains("No run"), qPrintable(panel.statusText()));
        QVERIFY(!panel.compareReports(a, m_dir.filePath("missing.json")).ok());
        QVERIFY2(panel.statusText().contains("missing.json"), qPrintable(panel.statusText()));

        QVERIFY(panel.compareReports(a, b).ok());
        const QString shown = panel.comparison()->toPlainText();
        QCOMPARE(shown, bench::compareReports(*bench::loadReport(a), a, *bench::loadReport(b), b));
        QVERIFY(shown.contains("Faster CPU"));
        QVERIFY(shown.contains("A % floor"));
        const QStringList rows = shown.split('\n').filter(QStringLiteral("gray-jpeg / random  cropdeck "));
        QCOMPARE(rows.size(), 2); // 1 and 2 threads
        for (const QString& row : rows)
            QVERIFY2(row.contains("2.00×"), qPrintable(row));
        QVERIFY(!shown.contains("vips-cli")); // timed in neither
        QCOMPARE(panel.tabs()->currentWidget(), panel.comparison());
        QVERIFY(panel.comparison()->isReadOnly());
        QVERIFY(panel.compareButton()->isEnabled());
    }

    void benchmarksTheOpenSet() {
        Result<QString> csv = makeDemoDataset(m_dir.filePath("demo"));
        QVERIFY2(csv.ok(), csv ? "" : qPrintable(csv.error().message));
        BenchmarkPanel panel;
        QVERIFY(waitForEngines(panel));
        panel.setup()->setDataset(BenchSetupForm::Dataset::OpenSet);
        QSignalSpy finished(&panel, &BenchmarkPanel::finished);
        panel.start(); // no set open yet: refused, saying what to do
        QCOMPARE(finished.size(), 1);
        QVERIFY2(panel.statusText().contains("open a set"), qPrintable(panel.statusText()));
        finished.clear();

        panel.setup()->setOpenSet({}, *csv); // images beside the annotations, as the window opened them
        QVERIFY(panel.setup()->checkEngines({"cropdeck", "opencv-serial"}));
        panel.setup()->threadsEdit()->setText(QStringLiteral("2"));
        panel.setup()->trialsBox()->setValue(1);
        panel.start();
        QVERIFY(finished.wait(kWaitMs));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        const bench::BenchReport& report = *panel.report();
        QCOMPARE(report.runs.size(), size_t(2)); // one case: the set's windows
        QCOMPARE(panel.results()->rowCount(), 2);
        for (const bench::EngineRun& run : report.runs) {
            QCOMPARE(run.caseName, QStringLiteral("annotations.csv"));
            QVERIFY(run.windows > 0);
            QVERIFY2(run.correct(), qPrintable(run.engine + ": " + verificationDetail(run)));
        }
        QVERIFY(panel.charts()->scalingView()->isHidden()); // one thread count: no curve
    }

    void cancelMidRunGoesBackToIdle() {
        BenchmarkPanel panel;
        QVERIFY(waitForEngines(panel));
        useSmallSeed(*panel.setup(), m_dir.filePath("seed-long"), 4, 512);
        QVERIFY(panel.setup()->checkEngines({"cropdeck", "opencv-serial"}));
        panel.setup()->threadsEdit()->setText(QStringLiteral("1"));
        panel.setup()->trialsBox()->setValue(1000); // far longer than the test waits: only a cancel ends it
        QSignalSpy finished(&panel, &BenchmarkPanel::finished);
        QSignalSpy progressed(&panel, &BenchmarkPanel::progressed);
        panel.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            !progressed.isEmpty() && progressed.last().first().toString().contains("pass"), kWaitMs);
        panel.cancelButton()->click();
        QCOMPARE(panel.state(), BenchmarkPanel::State::Cancelling);
        QVERIFY(!panel.cancelButton()->isEnabled());
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(finished.first().at(0).toBool(), false);
        QCOMPARE(panel.state(), BenchmarkPanel::State::Idle);
        QCOMPARE(panel.progressText(), QStringLiteral("cancelled"));
        QVERIFY(!panel.report().has_value());
        QCOMPARE(panel.results()->rowCount(), 0);
        QVERIFY(panel.runButton()->isEnabled());
        QVERIFY(!panel.saveButton()->isEnabled());
        QVERIFY(!panel.saveReportTo(m_dir.filePath("none.json")).ok());
    }

    void unavailableEngineIsDisabledWithItsReason() {
        // With an empty PATH no peer can be found: each is listed, greyed, with why.
        QTemporaryDir emptyBin;
        const QByteArray savedPath = qgetenv("PATH");
        qputenv("PATH", emptyBin.path().toLocal8Bit());
        BenchmarkPanel panel;
        const bool listed = waitForEngines(panel);
        qputenv("PATH", savedPath);
        QVERIFY(listed);
        QListWidget* engines = panel.setup()->engineList();
        const QList<QListWidgetItem*> found =
            engines->findItems(QStringLiteral("vips-cli"), Qt::MatchExactly);
        QCOMPARE(found.size(), 1);
        QVERIFY(!found.first()->flags().testFlag(Qt::ItemIsEnabled));
        QCOMPARE(found.first()->checkState(), Qt::Unchecked);
        QVERIFY2(found.first()->toolTip().contains("not found on PATH"),
                 qPrintable(found.first()->toolTip()));
        QVERIFY(!panel.setup()->checkEngines({"vips-cli"}));
        QVERIFY(!panel.setup()->checkedEngines().contains("vips-cli"));
        // In-process engines are always there and enabled.
        const QListWidgetItem* cropdeck =
            engines->findItems(QStringLiteral("cropdeck"), Qt::MatchExactly).value(0);
        QVERIFY(cropdeck && cropdeck->flags().testFlag(Qt::ItemIsEnabled));
    }

    void badThreadCountsAreRefusedByName() {
        BenchmarkPanel panel;
        QVERIFY(waitForEngines(panel));
        panel.setup()->threadsEdit()->setText(QStringLiteral("1,zero"));
        QSignalSpy finished(&panel, &BenchmarkPanel::finished);
        panel.start();
        QCOMPARE(finished.size(), 1);
        QVERIFY(panel.statusText().startsWith("Threads:"));
        QCOMPARE(panel.state(), BenchmarkPanel::State::Idle);
    }

    void everyControlIsNamed() {
        BenchmarkPanel panel;
        QVERIFY(waitForEngines(panel));
        QStringList unnamed;
        int checked = 0;
        const auto check = [&](QWidget* widget) {
            for (QWidget* above = widget->parentWidget(); above; above = above->parentWidget())
                if (qobject_cast<QAbstractSpinBox*>(above) || qobject_cast<QComboBox*>(above) ||
                    qobject_cast<QAbstractItemView*>(above))
                    return; // a part of a named control (a spin box's field, a table's header)
            ++checked;
            QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(widget);
            if (!accessible || accessible->text(QAccessible::Name).trimmed().isEmpty())
                unnamed << QStringLiteral("%1 %2").arg(widget->metaObject()->className(),
                                                       widget->objectName());
        };
        for (auto* w : panel.findChildren<QAbstractButton*>())
            check(w);
        for (auto* w : panel.findChildren<QLineEdit*>())
            check(w);
        for (auto* w : panel.findChildren<QAbstractSpinBox*>())
            check(w);
        for (auto* w : panel.findChildren<QComboBox*>())
            check(w);
        for (auto* w : panel.findChildren<QAbstractItemView*>())
            check(w);
        for (auto* w : panel.findChildren<QChartView*>())
            check(w);
        for (auto* w : panel.findChildren<QPlainTextEdit*>())
            check(w);
        for (auto* w : panel.findChildren<QTabWidget*>())
            check(w);
        QTabBar* pages = panel.tabs()->tabBar();
        for (int tab = 0; tab < pages->count(); ++tab)
            if (pages->tabText(tab).isEmpty())
                unnamed << QStringLiteral("tab %1").arg(tab);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(", ")));
        QVERIFY(checked >= 18); // the setup's fields, the buttons, the case box, the table, both charts,
                                // the comparison, the tabs
    }

    void dockIsATabBesideTheBatchDock() {
        MainWindow window;
        QVERIFY(window.benchmarkPanel());
        auto* batch = window.findChild<QDockWidget*>(QStringLiteral("batchDock"));
        auto* benchmark = window.findChild<QDockWidget*>(QStringLiteral("benchmarkDock"));
        QVERIFY(batch && benchmark);
        QCOMPARE(benchmark->widget(), window.benchmarkPanel());
        QVERIFY(window.tabifiedDockWidgets(batch).contains(benchmark));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestBenchmarkPanel)
#include "test_benchmark_panel.moc"
