// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/BatchPanel.h"

#include "engine/BatchRunner.h"
#include "engine/BatchSummaryText.h"
#include "ui/BatchSettingsForm.h"
#include "ui/ThroughputChart.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace cropdeck::ui {
namespace {

constexpr int kPathRole = Qt::UserRole + 1;

QString bytesText(qint64 bytes) {
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

// The errors of a run: it asks for a few rows and gets what the chart leaves (its own scroll bar shows the
// rest), so that in a short dock the summary below it stays in sight. QListWidget asks for 192 px.
class ProblemList : public QListWidget {
public:
    QSize sizeHint() const override {
        return {QListWidget::sizeHint().width(), 4 * fontMetrics().height() + 2 * frameWidth()};
    }
    QSize minimumSizeHint() const override { return sizeHint(); }
};

} // namespace

BatchPanel::BatchPanel(QWidget* parent)
    : QWidget(parent)
    , m_form(new BatchSettingsForm)
    , m_start(new QPushButton(tr("Start")))
    , m_pause(new QPushButton(tr("Pause")))
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_progress(new QProgressBar)
    , m_status(new QLabel)
    , m_chart(new ThroughputChart)
    , m_problems(new ProblemList)
    , m_summary(new QLabel) {
    m_pause->setCheckable(true);
    m_progress->setAccessibleName(tr("Batch progress"));
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Batch status"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAccessibleName(tr("Batch summary"));
    m_problems->setAccessibleName(tr("Batch errors"));
    m_problems->setToolTip(tr("Double-click an error to show its image"));
    m_problems->hide(); // until there is one: empty, it only took the chart's room in a short dock
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the fields narrow with the dock
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_cancel);
    auto* live = new QWidget;
    auto* liveLayout = new QVBoxLayout(live);
    liveLayout->setContentsMargins(0, 0, 0, 0);
    liveLayout->addLayout(buttons);
    liveLayout->addWidget(m_progress);
    liveLayout->addWidget(m_status);
    liveLayout->addWidget(m_chart, 2);
    liveLayout->addWidget(m_problems, 1);
    liveLayout->addWidget(m_summary);
    // Scrolled like the form when the dock is short: the wrapped status and summary need more height than
    // the splitter allows for (it sizes panes by minimum size hints, which leave wrapping out), and laid
    // out in too little they were drawn over the chart's time axis.
    m_liveScroll = new QScrollArea;
    m_liveScroll->setWidget(live);
    m_liveScroll->setWidgetResizable(true);
    m_liveScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_liveScroll->setFrameShape(QFrame::NoFrame);
    m_splitter = new QSplitter(Qt::Vertical);
    m_splitter->addWidget(scroll);
    m_splitter->addWidget(m_liveScroll);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    // The first layout follows the size hints, and the chart's is tall: start at 3:2 instead (the
    // splitter scales these to the height it gets).
    m_splitter->setSizes({3000, 2000});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_form, &BatchSettingsForm::changed, this, &BatchPanel::settingsChanged);
    connect(m_start, &QPushButton::clicked, this, &BatchPanel::start);
    connect(m_pause, &QPushButton::toggled, this, &BatchPanel::setPaused);
    connect(m_cancel, &QPushButton::clicked, this, &BatchPanel::cancel);
    connect(m_problems, &QListWidget::itemDoubleClicked, this, &BatchPanel::openProblem);
    connect(&m_preparing, &QFutureWatcherBase::finished, this, &BatchPanel::prepared);
    setState(State::Idle);
}

BatchPanel::~BatchPanel() {
    m_preparing.waitForFinished();
    if (m_runner)
        m_runner->cancel(); // the runner's destructor then waits for its workers
}

void BatchPanel::setRequest(const BatchRequest& request) {
    m_base = request;
    m_form->setRequest(request);
}

Result<BatchRequest> BatchPanel::request() const {
    return m_form->request(m_base);
}

QString BatchPanel::statusText() const {
    return m_status->text();
}

void BatchPanel::start() {
    if (m_state != State::Idle)
        return;
    const Result<BatchRequest> request = this->request();
    if (!request || !m_prepare) {
        const QString message = request ? tr("Open a data set first.") : request.error().message;
        m_status->setText(message);
        emit startFailed(message);
        return;
    }
    m_problems->clear();
    m_problems->hide();
    m_summary->clear();
    m_summaryText.clear();
    m_chart->clear();
    m_progress->setRange(0, 0); // busy until the plan is known
    m_cancelAsked = false;
    m_status->setText(tr("Preparing the batch…"));
    setState(State::Preparing);
    makeRoomForProgress();
    m_preparing.setFuture(QtConcurrent::run([prepare = m_prepare, r = *request] { return prepare(r); }));
}

void BatchPanel::prepared() {
    Result<PreparedBatch> batch = m_preparing.result();
    if (m_cancelAsked) {
        setState(State::Idle);
        m_progress->setRange(0, 1);
        m_status->setText(tr("Cancelled before the batch started: nothing was written."));
        return;
    }
    if (!batch) {
        setState(State::Idle);
        m_progress->setRange(0, 1);
        m_status->setText(batch.error().message);
        emit startFailed(batch.error().message);
        return;
    }
    run(std::move(batch.value()));
}

void BatchPanel::run(PreparedBatch batch) {
    m_sources.clear();
    for (const PlannedImage& image : batch.plan.images)
        m_sources.insert(image.relativePath, image.absolutePath);
    for (const AnnotationIssue& issue : batch.readerIssues)
        addProblem(tr("warning: %1").arg(issue.toString(false)), QString());
    for (const BatchWarning& warning : batch.warnings)
        addProblem(tr("warning: %1").arg(warning.message), QString());
    m_readerDropped = batch.readerDropped;
    m_outputDir = QDir(batch.options.outputDir).absolutePath();
    m_last = {};
    const int images = int(batch.plan.images.size());
    const int windows = batch.plan.windowsTotal;
    m_progress->setRange(0, std::max(1, images));
    m_progress->setValue(0);

    m_runner = std::make_unique<BatchRunner>();
    connect(m_runner.get(), &BatchRunner::progressed, this, &BatchPanel::showProgress);
    connect(m_runner.get(), &BatchRunner::failed, this, [this](const BatchFailure& failure) {
        const QString text = failure.windowIndex >= 0 ? tr("error: window %1 (id %2): %3")
                                                            .arg(failure.windowIndex)
                                                            .arg(failure.windowId, failure.message)
                                                      : tr("error: %1").arg(failure.message);
        addProblem(text, failure.source);
    });
    connect(m_runner.get(), &BatchRunner::noticed, this, [this](const BatchNotice& notice) {
        addProblem(tr("note: %1").arg(notice.message), notice.source);
    });
    connect(m_runner.get(), &BatchRunner::finished, this, &BatchPanel::end);
    m_paused = false;
    setState(State::Running);
    m_runner->start(std::move(batch.plan), batch.options);
    emit started(images, windows);
}

void BatchPanel::showProgress(const BatchProgress& p) {
    m_last = p;
    m_progress->setValue(p.imagesDone);
    m_status->setText(tr("%1/%2 images · %3 of %4 windows written · %5 · %6 images/s · %7 MPx/s · ETA %8%9")
                          .arg(p.imagesDone)
                          .arg(p.imagesTotal)
                          .arg(p.windowsWritten)
                          .arg(p.windowsTotal)
                          .arg(bytesText(p.outputBytes))
                          .arg(p.imagesPerSecond(), 0, 'f', 1)
                          .arg(p.megapixelsPerSecond(), 0, 'f', 1)
                          .arg(formatDuration(p.etaSeconds()))
                          .arg(p.windowsFailed + p.imagesFailed > 0
                                   ? tr(" · %1 errors").arg(p.windowsFailed + p.imagesFailed)
                                   : QString()));
    m_chart->addSample(p);
    emit progressed(p);
}

void BatchPanel::addProblem(const QString& text, const QString& source) {
    auto* item = new QListWidgetItem(text, m_problems);
    item->setToolTip(text);
    item->setData(kPathRole, m_sources.value(source));
    m_problems->show();
}

void BatchPanel::openProblem(QListWidgetItem* item) {
    const QString path = item->data(kPathRole).toString();
    if (!path.isEmpty())
        emit imageRequested(path);
}

void BatchPanel::end(BatchSummary summary) {
    // As the CLI: boxes the reader dropped are crops missing from the batch.
    if (m_readerDropped && summary.outcome == BatchOutcome::Completed)
        summary.outcome = BatchOutcome::CompletedWithFailures;
    showProgress(summary.progress);
    m_summaryText = batchSummaryText(summary, m_outputDir);
    QString shown = m_summaryText.trimmed();
    if (!summary.fatalError.isEmpty())
        shown.prepend(tr("fatal: %1\n").arg(summary.fatalError));
    if (summary.outcome == BatchOutcome::Cancelled)
        shown += tr("\ncancelled: finished crops are kept; start again with Resume to continue");
    m_summary->setText(shown);
    makeRoomForProgress(); // and for the summary
    // The runner goes once its signal has been delivered, and with it its hold on the output folder
    // (a lock file there): finished() says the folder is free for another run, the CLI's included.
    QMetaObject::invokeMethod(
        this,
        [this, summary] {
            m_runner.reset();
            setState(State::Idle);
            emit finished(summary);
        },
        Qt::QueuedConnection);
}

void BatchPanel::setPaused(bool paused) {
    if (m_state != State::Running || !m_runner) {
        const QSignalBlocker blocker(m_pause);
        m_pause->setChecked(false);
        return;
    }
    m_paused = paused;
    m_runner->setPaused(paused);
    {
        const QSignalBlocker blocker(m_pause);
        m_pause->setChecked(paused);
    }
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    if (paused)
        m_status->setText(tr("Paused: the images in hand are finished, then the batch waits."));
}

void BatchPanel::cancel() {
    if (m_state == State::Preparing) {
        m_cancelAsked = true;
        m_status->setText(tr("Cancelling…"));
        return;
    }
    if (m_state != State::Running || !m_runner)
        return;
    m_runner->cancel();
    if (m_paused)
        m_runner->setPaused(false); // after the flag is set: a woken worker stops at once
    m_status->setText(tr("Cancelling: the crops in hand are finished…"));
}

void BatchPanel::makeRoomForProgress() {
    // A started batch shows its progress, and an ended one its summary: the lower part gets the height its
    // content needs at this width and the form keeps what is left, down to a few rows (it scrolls), unless
    // there is room already. It only ever grows the lower part: a taller one the user chose is kept.
    const QList<int> sizes = m_splitter->sizes();
    if (sizes.size() != 2 || sizes[0] + sizes[1] <= 0)
        return;
    const QWidget* live = m_liveScroll->widget();
    const int width = m_liveScroll->viewport()->width();
    const int needed = live->hasHeightForWidth() ? live->heightForWidth(width) : live->sizeHint().height();
    const int total = sizes[0] + sizes[1];
    const int formRows = 3 * m_start->sizeHint().height();
    const int lower = std::min(needed, std::max(sizes[1], total - formRows));
    if (lower > sizes[1])
        m_splitter->setSizes({total - lower, lower});
}

void BatchPanel::setState(State state) {
    m_state = state;
    m_start->setEnabled(state == State::Idle);
    m_form->setEnabled(state == State::Idle);
    m_pause->setEnabled(state == State::Running);
    m_cancel->setEnabled(state != State::Idle);
    if (state != State::Running) {
        const QSignalBlocker blocker(m_pause);
        m_pause->setChecked(false);
        m_pause->setText(tr("Pause"));
        m_paused = false;
    }
}

} // namespace cropdeck::ui
