// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/BenchmarkPanel.h"

#include "bench/SystemInfo.h"
#include "ui/BenchCharts.h"
#include "ui/BenchCompareView.h"
#include "ui/BenchReportFile.h"
#include "ui/BenchResultsModel.h"
#include "ui/BenchSetupForm.h"
#include "ui/QtReaderEngine.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace cropdeck::ui {
namespace {

QLabel* textLine(const QString& accessibleName) {
    auto* label = new QLabel;
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAccessibleName(accessibleName);
    label->hide(); // until it has a line: see setLine()
    return label;
}

// An empty line takes no height: the dock is short, and the pages below it get the room.
void setLine(QLabel* label, const QString& text) {
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QString outcomeText(const bench::BenchReport& report) {
    int wrong = 0, unavailable = 0;
    for (const bench::EngineRun& run : report.runs) {
        unavailable += !run.unavailable.isEmpty();
        wrong += !run.skipped() && !run.correct();
    }
    QString text = BenchmarkPanel::tr("%n run(s)", nullptr, int(report.runs.size()));
    text += wrong > 0 ? BenchmarkPanel::tr(", %n failed or wrong (see Verified)", nullptr, wrong)
                      : BenchmarkPanel::tr(", every crop verified");
    if (unavailable > 0)
        text += BenchmarkPanel::tr(", %n unavailable here", nullptr, unavailable);
    return text;
}

} // namespace

BenchmarkPanel::BenchmarkPanel(QWidget* parent)
    : QWidget(parent)
    , m_setup(new BenchSetupForm)
    , m_run(new QPushButton(tr("Run")))
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_save(new QPushButton(tr("Save Report…")))
    , m_compare(new QPushButton(tr("Compare…")))
    , m_progress(textLine(tr("Benchmark progress")))
    , m_status(textLine(tr("Benchmark status")))
    , m_system(textLine(tr("System the report ran on")))
    , m_tabs(new QTabWidget)
    , m_case(new QComboBox)
    , m_table(new QTableView)
    , m_results(new BenchResultsModel(this))
    , m_charts(new BenchCharts)
    , m_comparison(new BenchCompareView) {
    m_run->setToolTip(tr("Time the checked engines on the dataset, verifying every crop"));
    m_cancel->setToolTip(tr("Stop at the next pass; nothing of the run is kept"));
    m_save->setToolTip(tr("Write the report as JSON, CSV, Markdown or HTML (with the charts), as "
                          "cropdeck --bench --report does"));
    m_compare->setToolTip(tr("Two saved JSON reports side by side, or one beside this run, as "
                             "cropdeck --bench --compare prints them"));
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_setup);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    m_tabs->setAccessibleName(tr("Benchmark pages"));
    m_tabs->addTab(scroll, tr("Setup"));
    m_tabs->addTab(makeTablePage(), tr("Results"));
    m_tabs->addTab(makeChartsPage(), tr("Charts"));
    m_tabs->addTab(m_comparison, tr("Comparison"));
    auto* buttons = new QHBoxLayout;
    for (QPushButton* button : {m_run, m_cancel, m_save, m_compare})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_tabs, 1);

    connect(m_run, &QPushButton::clicked, this, &BenchmarkPanel::start);
    connect(m_cancel, &QPushButton::clicked, this, &BenchmarkPanel::cancel);
    connect(m_save, &QPushButton::clicked, this, &BenchmarkPanel::saveReportDialog);
    connect(m_compare, &QPushButton::clicked, this, &BenchmarkPanel::compareDialog);
    connect(m_case, &QComboBox::currentIndexChanged, this, &BenchmarkPanel::showCase);
    connect(&m_running, &QFutureWatcherBase::finished, this, &BenchmarkPanel::runEnded);
    setState(State::Idle);
}

BenchmarkPanel::~BenchmarkPanel() {
    m_cancelFlag = true;
    m_running.waitForFinished(); // the worker's progress lines are queued to this object
}

QWidget* BenchmarkPanel::makeTablePage() {
    m_table->setModel(m_results);
    m_table->setAccessibleName(tr("Benchmark results"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6); // dense rows
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_system);
    return page;
}

QWidget* BenchmarkPanel::makeChartsPage() {
    m_case->setAccessibleName(tr("Case"));
    m_case->setToolTip(tr("The case the charts show"));
    auto* caseRow = new QHBoxLayout;
    auto* caseLabel = new QLabel(tr("&Case"));
    caseLabel->setBuddy(m_case);
    caseRow->addWidget(caseLabel);
    caseRow->addWidget(m_case, 1);
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(caseRow);
    layout->addWidget(m_charts, 1);
    return page;
}

QString BenchmarkPanel::progressText() const {
    return m_progress->text();
}

QString BenchmarkPanel::statusText() const {
    return m_status->text();
}

void BenchmarkPanel::start() {
    if (m_state != State::Idle)
        return;
    Result<bench::BenchRequest> request = m_setup->request();
    if (!request) {
        setLine(m_status, request.error().message);
        emit finished(false, request.error().message);
        return;
    }
    request->cropdeckVersion = QCoreApplication::applicationVersion();
    m_report.reset();
    m_results->clear();
    setLine(m_system, {});
    m_case->clear();
    m_charts->clear();
    setLine(m_status, {});
    setLine(m_progress, tr("Starting…"));
    m_cancelFlag = false;
    setState(State::Running);
    // Lines come from the worker thread: queued to this object, shown on the GUI thread.
    const bench::ProgressLine progress = [this](const QString& line) {
        QMetaObject::invokeMethod(
            this, [this, line] { showProgress(line); }, Qt::QueuedConnection);
    };
    m_running.setFuture(QtConcurrent::run([this, benchRequest = *request, progress] {
        std::vector<std::unique_ptr<bench::BenchEngine>> qt;
        qt.push_back(makeQtReaderEngine()); // QtGui's reader: core cannot make it
        return bench::runBench(benchRequest, progress, std::move(qt), &m_cancelFlag);
    }));
    emit started();
}

void BenchmarkPanel::cancel() {
    if (m_state != State::Running)
        return;
    m_cancelFlag = true;
    setLine(m_status, tr("Cancelling: the pass in hand ends first…"));
    setState(State::Cancelling);
}

void BenchmarkPanel::showProgress(const QString& line) {
    if (m_state == State::Idle)
        return; // a line queued before the end arrived after it
    setLine(m_progress, line);
    emit progressed(line);
}

void BenchmarkPanel::runEnded() {
    Result<bench::BenchReport> report = m_running.result();
    setState(State::Idle);
    if (!report) {
        const bool cancelled = report.error().kind == ErrorKind::Cancelled;
        const QString message = cancelled ? tr("Cancelled: no report.") : report.error().message;
        setLine(m_progress, cancelled ? tr("cancelled") : tr("failed"));
        setLine(m_status, message);
        emit finished(false, message);
        return;
    }
    m_report = std::move(*report);
    m_results->setReport(*m_report);
    QStringList cases;
    for (const bench::EngineRun& run : m_report->runs)
        if (!cases.contains(run.caseName))
            cases << run.caseName;
    m_case->addItems(cases); // shows the first case's charts
    setLine(m_progress, tr("done"));
    setLine(m_status, outcomeText(*m_report));
    const QString system = bench::describe(m_report->system).trimmed();
    setLine(m_system, system.section(u'\n', 0, 0)); // the CPU and its load; the rest as tooltip: rows first
    m_system->setToolTip(system);
    m_tabs->setCurrentWidget(m_table->parentWidget()); // the Results page
    m_save->setEnabled(true);
    emit finished(true, {});
}

void BenchmarkPanel::showCase(int index) {
    if (index < 0 || !m_report)
        return m_charts->clear();
    m_charts->showCase(*m_report, m_case->itemText(index));
}

Status BenchmarkPanel::saveReportTo(const QString& path) const {
    if (!m_report)
        return makeError(ErrorKind::Invalid, tr("No report yet: run a benchmark first."));
    return saveBenchReport(*m_report, path);
}

void BenchmarkPanel::saveReportDialog() {
    QString filter;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save Benchmark Report"), QStringLiteral("cropdeck-bench.json"),
        tr("JSON (*.json);;CSV (*.csv);;Markdown (*.md);;HTML with charts (*.html)"), &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty()) { // the filter's extension, as "--report" needs one
        QString extension = QStringLiteral(".json");
        for (const char* candidate : {".csv", ".md", ".html"})
            if (filter.contains(QLatin1String(candidate)))
                extension = QLatin1String(candidate);
        path += extension;
    }
    if (Status saved = saveReportTo(path); !saved)
        QMessageBox::warning(this, tr("Save Benchmark Report"), saved.error().message);
    else
        setLine(m_status, tr("Report written to %1").arg(path));
}

Status BenchmarkPanel::compareReports(const QString& a, const QString& b) {
    Status shown = m_comparison->compareFiles(a, b);
    showComparison(shown);
    return shown;
}

Status BenchmarkPanel::compareWithLastRun(const QString& saved) {
    if (!m_report) {
        Status refused = makeError(ErrorKind::Invalid, tr("No run to compare yet: choose two saved "
                                                          "reports, or run a benchmark first."));
        showComparison(refused);
        return refused;
    }
    Status shown = m_comparison->compareWithRun(saved, *m_report, tr("this run"));
    showComparison(shown);
    return shown;
}

void BenchmarkPanel::showComparison(const Status& shown) {
    if (!shown) {
        setLine(m_status, shown.error().message);
        return;
    }
    setLine(m_status, tr("Comparison: B/A is how many times faster B is"));
    m_tabs->setCurrentWidget(m_comparison);
}

void BenchmarkPanel::compareDialog() {
    const QStringList files = QFileDialog::getOpenFileNames(
        this,
        m_report ? tr("Compare: one saved report (A) with this run (B), or two (A, B)")
                 : tr("Compare: two saved reports (A, B)"),
        {}, tr("JSON reports (*.json)"));
    // Either shows its error in the status line: nothing more to do with it here.
    if (files.size() == 2)
        (void)compareReports(files[0], files[1]);
    else if (files.size() == 1)
        (void)compareWithLastRun(files[0]);
    else if (!files.isEmpty())
        setLine(m_status, tr("Compare: choose one report (beside this run) or two."));
}

void BenchmarkPanel::setState(State state) {
    m_state = state;
    m_run->setEnabled(state == State::Idle);
    m_setup->setEnabled(state == State::Idle);
    m_cancel->setEnabled(state == State::Running);
    m_save->setEnabled(state == State::Idle && m_report.has_value());
    m_compare->setEnabled(state == State::Idle);
}

} // namespace cropdeck::ui
