// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/BenchSetupForm.h"

#include "bench/Scenarios.h"
#include "ui/BenchOutputBox.h"
#include "ui/QtReaderEngine.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QtConcurrent/QtConcurrentRun>

#include <limits>

namespace cropdeck::ui {
namespace {

constexpr int kReasonRole = Qt::UserRole + 1;

std::vector<EngineChoice> availableEngines() {
    std::vector<EngineChoice> choices;
    std::vector<std::unique_ptr<bench::BenchEngine>> engines = bench::makeEngines(bench::BenchRequest{});
    engines.push_back(makeQtReaderEngine());
    choices.reserve(engines.size());
    for (const auto& engine : engines)
        choices.push_back({engine->name(), engine->unavailableReason(), engine->detail(),
                           engine->kind() == bench::EngineKind::Peer});
    return choices;
}

QString joined(const std::vector<int>& counts) {
    QStringList parts;
    for (int count : counts)
        parts << QString::number(count);
    return parts.join(u',');
}

QSpinBox* spinBox(int low, int high, int value, const QString& name) {
    auto* box = new QSpinBox;
    box->setRange(low, high);
    box->setValue(value);
    box->setAccessibleName(name);
    return box;
}

QLineEdit* lineEdit(const QString& text, const QString& name) {
    auto* edit = new QLineEdit(text);
    edit->setAccessibleName(name);
    return edit;
}

} // namespace

BenchSetupForm::BenchSetupForm(QWidget* parent)
    : QWidget(parent)
    , m_scenario(new QComboBox)
    , m_dataset(new QComboBox)
    , m_pages(new QStackedWidget)
    , m_engines(new QListWidget)
    , m_threads(lineEdit(joined(bench::defaultThreadCounts()), tr("Thread counts")))
    , m_trials(spinBox(1, 1000, 3, tr("Trials")))
    , m_outputs(new BenchOutputBox) {
    m_scenario->addItem(tr("None: choose below"), QString());
    for (const bench::Scenario& scenario : bench::scenarios()) {
        m_scenario->addItem(scenario.name, scenario.name);
        m_scenario->setItemData(m_scenario->count() - 1,
                                QStringLiteral("%1\n%2").arg(scenario.study, scenario.runs), Qt::ToolTipRole);
    }
    m_scenario->setAccessibleName(tr("Scenario"));
    m_scenario->setToolTip(tr("A run named after a study CropDeck grew from: it fills in the fields below"));
    m_dataset->addItems({tr("Seed workloads"), tr("Open set"), tr("Images folder, random windows")});
    m_dataset->setAccessibleName(tr("Dataset"));
    m_pages->addWidget(makeSeedPage());
    m_pages->addWidget(makeOpenSetPage());
    m_pages->addWidget(makeFolderPage());
    m_engines->setAccessibleName(tr("Engines"));
    m_engines->setToolTip(tr("The engines to time; a greyed one cannot run here (its tooltip says why)"));
    m_threads->setToolTip(tr("Thread counts to run each engine at, e.g. 1,2,4 (a scaling curve)"));
    m_trials->setToolTip(tr("Timed passes per engine after one warm-up"));
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Scenario"), m_scenario);
    form->addRow(tr("Dataset"), m_dataset);
    form->addRow(m_pages);
    form->addRow(tr("Engines"), m_engines);
    auto* runs = new QHBoxLayout; // one row: the tab is short at 1280x800
    runs->setContentsMargins(0, 0, 0, 0);
    runs->addWidget(m_threads, 1);
    auto* trialsLabel = new QLabel(tr("Trials"));
    trialsLabel->setBuddy(m_trials);
    runs->addWidget(trialsLabel);
    runs->addWidget(m_trials);
    form->addRow(tr("Threads"), runs);
    form->addRow(tr("Outputs"), m_outputs);
    connect(m_scenario, &QComboBox::currentIndexChanged, this,
            [this] { setScenario(m_scenario->currentData().toString()); });
    connect(m_dataset, &QComboBox::currentIndexChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(&m_listing, &QFutureWatcherBase::finished, this, &BenchSetupForm::showEngines);
    setOpenSet({}, {});
    auto* waiting = new QListWidgetItem(tr("Looking for engines…"), m_engines);
    waiting->setFlags(Qt::NoItemFlags);
}

BenchSetupForm::~BenchSetupForm() {
    m_listing.waitForFinished(); // its result refers to nothing of ours, but the thread must end first
}

QWidget* BenchSetupForm::makeSeedPage() {
    m_workloads = lineEdit({}, tr("Seed workloads"));
    m_workloads->setPlaceholderText(tr("all, or e.g. gray-jpeg,color-png-512"));
    m_seedCount = spinBox(1, 100000, 32, tr("Images per workload"));
    m_seedSide = spinBox(0, 65535, 0, tr("Image side"));
    m_seedSide->setSpecialValueText(tr("as specified")); // 0: each workload's own side (4000 or 512)
    m_seedSide->setSuffix(tr(" px"));
    m_seedFolder = lineEdit(QDir::temp().filePath(QStringLiteral("cropdeck-bench")), tr("Seed folder"));
    m_seedFolder->setToolTip(tr("Generated once and reused while the parameters match"));
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Workloads"), m_workloads);
    form->addRow(tr("Images each"), m_seedCount);
    form->addRow(tr("Side"), m_seedSide);
    form->addRow(tr("Folder"), m_seedFolder);
    return page;
}

QWidget* BenchSetupForm::makeOpenSetPage() {
    m_openSet = new QLabel;
    m_openSet->setWordWrap(true);
    m_openSet->setAccessibleName(tr("Open set"));
    return m_openSet;
}

QWidget* BenchSetupForm::makeFolderPage() {
    m_imagesFolder = lineEdit({}, tr("Images folder"));
    auto* browse = new QPushButton(tr("Browse…"));
    browse->setAccessibleName(tr("Browse for the images folder"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Images to benchmark"), m_imagesFolder->text());
        if (!dir.isEmpty())
            m_imagesFolder->setText(dir);
    });
    auto* folder = new QHBoxLayout;
    folder->setContentsMargins(0, 0, 0, 0);
    folder->addWidget(m_imagesFolder);
    folder->addWidget(browse);
    m_randomWindows = spinBox(1, 100000, 4, tr("Random windows per image"));
    m_randomSeed = spinBox(0, std::numeric_limits<int>::max(), 1, tr("Random seed"));
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Folder"), folder);
    form->addRow(tr("Windows each"), m_randomWindows);
    form->addRow(tr("Seed"), m_randomSeed);
    return page;
}

void BenchSetupForm::listEngines() {
    if (m_listingStarted)
        return;
    m_listingStarted = true;
    m_listing.setFuture(QtConcurrent::run(availableEngines));
}

void BenchSetupForm::showEvent(QShowEvent* event) {
    listEngines();
    QWidget::showEvent(event);
}

void BenchSetupForm::showEngines() {
    m_engines->clear();
    for (const EngineChoice& choice : m_listing.result()) {
        auto* item = new QListWidgetItem(choice.name, m_engines);
        item->setData(kReasonRole, choice.unavailable);
        if (!choice.unavailable.isEmpty()) {
            item->setFlags(Qt::ItemIsUserCheckable); // shown, not enabled: it cannot run here
            item->setCheckState(Qt::Unchecked);
            item->setToolTip(tr("unavailable: %1").arg(choice.unavailable));
        } else {
            item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            item->setCheckState(choice.peer ? Qt::Unchecked : Qt::Checked);
            item->setToolTip(choice.detail);
        }
    }
    m_listed = true;
    if (!m_scenarioEngines.isEmpty())
        checkEngines(m_scenarioEngines);
    emit enginesListed();
}

void BenchSetupForm::setScenario(const QString& name) {
    const int index = std::max(0, m_scenario->findData(name));
    if (m_scenario->currentIndex() != index) {
        m_scenario->setCurrentIndex(index); // comes back here through the signal
        return;
    }
    m_scenarioName = m_scenario->itemData(index).toString();
    m_scenarioEngines.clear();
    m_outputs->setEnabled(true);
    m_outputs->setToolTip({});
    bench::BenchRequest request;
    if (m_scenarioName.isEmpty() || !bench::applyScenario(m_scenarioName, request))
        return;
    if (dataset() == Dataset::OpenSet || (dataset() == Dataset::ImagesFolder && request.shapes.empty()))
        setDataset(Dataset::Seed);
    m_workloads->setText(request.seed.workloads.join(u','));
    m_seedCount->setValue(request.seed.count);
    m_threads->setText(joined(request.options.threads));
    m_scenarioEngines = request.engines;
    if (m_listed)
        checkEngines(m_scenarioEngines);
    if (!request.outputs.empty()) {
        m_outputs->setEnabled(false);
        m_outputs->setToolTip(tr("%1 sets its own outputs").arg(m_scenarioName));
    }
}

// The scenario's windows and outputs on top of the request the fields describe (they hold its dataset,
// engines and threads already, as the user refined them).
Status BenchSetupForm::applyScenarioTo(bench::BenchRequest& request) const {
    bench::BenchRequest scenario;
    if (Status applied = bench::applyScenario(m_scenarioName, scenario); !applied)
        return applied;
    // Checked before the dataset's own fields: those of a dataset the scenario cannot use do not matter.
    if (dataset() == Dataset::OpenSet)
        return makeError(ErrorKind::Invalid, tr("Dataset: %1 makes its own windows; choose the seed "
                                                "workloads or an images folder.")
                                                 .arg(m_scenarioName));
    if (dataset() == Dataset::ImagesFolder && scenario.shapes.empty())
        return makeError(ErrorKind::Invalid,
                         tr("Dataset: %1 runs the seed workloads' own windows.").arg(m_scenarioName));
    request.scenario = m_scenarioName;
    request.shapes = scenario.shapes;
    for (bench::WindowShape& shape : request.shapes)
        if (shape.kind == bench::WindowShape::Kind::Random)
            shape.seed =
                dataset() == Dataset::ImagesFolder ? quint64(m_randomSeed->value()) : request.seed.seed;
    request.outputs = scenario.outputs;
    return {};
}

bool BenchSetupForm::checkEngines(const QStringList& names) {
    int found = 0;
    for (int row = 0; row < m_engines->count(); ++row) {
        QListWidgetItem* item = m_engines->item(row);
        const bool wanted = names.contains(item->text());
        const bool usable = item->flags().testFlag(Qt::ItemIsEnabled);
        item->setCheckState(wanted && usable ? Qt::Checked : Qt::Unchecked);
        found += wanted && usable;
    }
    return found == names.size();
}

QStringList BenchSetupForm::checkedEngines() const {
    QStringList names;
    for (int row = 0; row < m_engines->count(); ++row)
        if (m_engines->item(row)->checkState() == Qt::Checked)
            names << m_engines->item(row)->text();
    return names;
}

void BenchSetupForm::setOpenSet(const QString& images, const QString& annotations) {
    m_openImages = images;
    m_openAnnotations = annotations;
    m_openSet->setText(annotations.isEmpty()
                           ? tr("Open a set with annotations first (File → Open).")
                           : tr("Annotations: %1\nImages: %2")
                                 .arg(annotations, images.isEmpty() ? tr("beside the annotations") : images));
    if (m_imagesFolder->text().isEmpty())
        m_imagesFolder->setText(images);
}

void BenchSetupForm::setDataset(Dataset dataset) {
    m_dataset->setCurrentIndex(int(dataset));
}

BenchSetupForm::Dataset BenchSetupForm::dataset() const {
    return Dataset(m_dataset->currentIndex());
}

Result<bench::BenchRequest> BenchSetupForm::request() const {
    bench::BenchRequest request;
    Result<std::vector<int>> threads = bench::parseThreadCounts(m_threads->text());
    if (!threads)
        return makeError(ErrorKind::Invalid, tr("Threads: %1").arg(threads.error().message));
    request.options.threads = *threads;
    request.options.trials = m_trials->value();
    if (!m_scenarioName.isEmpty())
        if (Status applied = applyScenarioTo(request); !applied)
            return applied.error();
    request.engines = checkedEngines();
    if (!m_listed || request.engines.isEmpty())
        return makeError(ErrorKind::Invalid, m_listed ? tr("Engines: check at least one engine.")
                                                      : tr("Engines: still looking for them."));
    switch (dataset()) {
    case Dataset::Seed:
        request.source = bench::BenchRequest::Source::Seed;
        request.seed.folder = m_seedFolder->text().trimmed();
        request.seed.workloads = m_workloads->text().split(u',', Qt::SkipEmptyParts);
        for (QString& name : request.seed.workloads)
            name = name.trimmed();
        request.seed.count = m_seedCount->value();
        request.seed.side = m_seedSide->value();
        request.seed.threads = threads->back();
        if (request.seed.folder.isEmpty())
            return makeError(ErrorKind::Invalid, tr("Seed folder: give a folder for the generated images."));
        break;
    case Dataset::OpenSet:
        if (m_openAnnotations.isEmpty())
            return makeError(ErrorKind::Invalid, tr("Open set: open a set with annotations first."));
        request.source = bench::BenchRequest::Source::AnnotatedSet;
        request.images = m_openImages;
        request.annotations = m_openAnnotations;
        break;
    case Dataset::ImagesFolder:
        request.source = bench::BenchRequest::Source::RandomWindows;
        request.images = m_imagesFolder->text().trimmed();
        request.randomWindows = m_randomWindows->value();
        request.randomSeed = quint64(m_randomSeed->value());
        if (request.images.isEmpty())
            return makeError(ErrorKind::Invalid, tr("Images folder: choose the images to benchmark."));
        break;
    }
    request.output = m_outputs->spec();
    request.outputFolder = m_outputs->folder();
    for (bench::WindowShape& shape : request.shapes) // a scenario's random windows follow the seed in use
        if (shape.kind == bench::WindowShape::Kind::Random)
            shape.seed = dataset() == Dataset::ImagesFolder ? request.randomSeed : request.seed.seed;
    return request;
}

} // namespace cropdeck::ui
