// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/BenchmarkPanel.h"

#include "bench/SystemInfo.h"
#include "ui/BenchCharts.h"
#include "ui/BenchResultsModel.h"
#include "ui/BenchSetupForm.h"

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
#include <QSplitter>
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
    return label;
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
    return text + QStringLiteral("\n") + bench::describe(report.system).trimmed();
}

} // namespace

BenchmarkPanel::BenchmarkPanel(QWidget* parent)
    : QWidget(parent)
    , m_setup(new BenchSetupForm)
    , m_run(new QPushButton(tr("Run")))
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_save(new QPushButton(tr("Save Report…")))
    , m_progress(textLine(tr("Benchmark progress")))
    , m_status(textLine(tr("Benchmark status")))
    , m_case(new QComboBox)
    , m_table(new QTableView)
    , m_results(new BenchResultsModel(this))
    , m_charts(new BenchCharts) {
    m_run->setToolTip(tr("Time the checked engines on the dataset, verifying every crop"));
    m_cancel->setToolTip(tr("Stop at the next pass; nothing of the run is kept"));
    m_save->setToolTip(tr("Write the report as JSON, CSV or Markdown, as cropdeck --bench --report does"));
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_setup);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_save);
    auto* top = new QWidget;
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(scroll, 1);
    topLayout->addLayout(buttons);
    topLayout->addWidget(m_progress);
    topLayout->addWidget(m_status);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(top);
    splitter->addWidget(makeResultsPane());
    splitter->setSizes({2000, 3000});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_run, &QPushButton::clicked, this, &BenchmarkPanel::start);
    connect(m_cancel, &QPushButton::clicked, this, &BenchmarkPanel::cancel);
    connect(m_save, &QPushButton::clicked, this, &BenchmarkPanel::saveReportDialog);
    connect(m_case, &QComboBox::currentIndexChanged, this, &BenchmarkPanel::showCase);
    connect(&m_running, &QFutureWatcherBase::finished, this, &BenchmarkPanel::runEnded);
    setState(State::Idle);
}

BenchmarkPanel::~BenchmarkPanel() {
    m_cancelFlag = true;
    m_running.waitForFinished(); // the worker's progress lines are queued to this object
}

QWidget* BenchmarkPanel::makeResultsPane() {
    m_case->setAccessibleName(tr("Case"));
    m_case->setToolTip(tr("The case the charts show"));
    m_table->setModel(m_results);
    m_table->setAccessibleName(tr("Benchmark results"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6); // dense rows
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* caseRow = new QHBoxLayout;
    auto* caseLabel = new QLabel(tr("&Case"));
    caseLabel->setBuddy(m_case);
    caseRow->addWidget(caseLabel);
    caseRow->addWidget(m_case, 1);
    auto* pane = new QWidget;
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 2);
    layout->addLayout(caseRow);
    layout->addWidget(m_charts, 3);
    return pane;
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
        m_status->setText(request.error().message);
        emit finished(false, request.error().message);
        return;
    }
    request->cropdeckVersion = QCoreApplication::applicationVersion();
    m_report.reset();
    m_results->clear();
    m_case->clear();
    m_charts->clear();
    m_status->clear();
    m_progress->setText(tr("Starting…"));
    m_cancelFlag = false;
    setState(State::Running);
    // Lines come from the worker thread: queued to this object, shown on the GUI thread.
    const bench::ProgressLine progress = [this](const QString& line) {
        QMetaObject::invokeMethod(
            this, [this, line] { showProgress(line); }, Qt::QueuedConnection);
    };
    m_running.setFuture(QtConcurrent::run([this, benchRequest = *request, progress] {
        return bench::runBench(benchRequest, progress, {}, &m_cancelFlag);
    }));
    emit started();
}

void BenchmarkPanel::cancel() {
    if (m_state != State::Running)
        return;
    m_cancelFlag = true;
    m_status->setText(tr("Cancelling: the pass in hand ends first…"));
    setState(State::Cancelling);
}

void BenchmarkPanel::showProgress(const QString& line) {
    if (m_state == State::Idle)
        return; // a line queued before the end arrived after it
    m_progress->setText(line);
    emit progressed(line);
}

void BenchmarkPanel::runEnded() {
    Result<bench::BenchReport> report = m_running.result();
    setState(State::Idle);
    if (!report) {
        const bool cancelled = report.error().kind == ErrorKind::Cancelled;
        const QString message = cancelled ? tr("Cancelled: no report.") : report.error().message;
        m_progress->setText(cancelled ? tr("cancelled") : tr("failed"));
        m_status->setText(message);
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
    m_progress->setText(tr("done"));
    m_status->setText(outcomeText(*m_report));
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
    return bench::saveReport(*m_report, path);
}

void BenchmarkPanel::saveReportDialog() {
    QString filter;
    QString path =
        QFileDialog::getSaveFileName(this, tr("Save Benchmark Report"), QStringLiteral("cropdeck-bench.json"),
                                     tr("JSON (*.json);;CSV (*.csv);;Markdown (*.md)"), &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty()) // the filter's extension, as "--report" needs one
        path += filter.contains(QLatin1String("*.csv"))  ? QStringLiteral(".csv")
                : filter.contains(QLatin1String("*.md")) ? QStringLiteral(".md")
                                                         : QStringLiteral(".json");
    if (Status saved = saveReportTo(path); !saved)
        QMessageBox::warning(this, tr("Save Benchmark Report"), saved.error().message);
    else
        m_status->setText(tr("Report written to %1").arg(path));
}

void BenchmarkPanel::setState(State state) {
    m_state = state;
    m_run->setEnabled(state == State::Idle);
    m_setup->setEnabled(state == State::Idle);
    m_cancel->setEnabled(state == State::Running);
    m_save->setEnabled(state == State::Idle && m_report.has_value());
}

} // namespace cropdeck::ui
