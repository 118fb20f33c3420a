// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/BenchOutputBox.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace cropdeck::ui {
namespace {

// The formats in the order the box lists them; SameAsInput stands for "pixels" (memory) or PNG (files).
const OutputFormat kFormats[] = {OutputFormat::SameAsInput, OutputFormat::Png,  OutputFormat::Jpeg,
                                 OutputFormat::WebP,        OutputFormat::Tiff, OutputFormat::Bmp};

} // namespace

BenchOutputBox::BenchOutputBox(QWidget* parent)
    : QWidget(parent)
    , m_target(new QComboBox)
    , m_format(new QComboBox)
    , m_quality(new QSpinBox)
    , m_pngLevel(new QSpinBox)
    , m_folder(new QLineEdit) {
    m_target->addItem(tr("Memory"), int(bench::OutputTarget::Memory));
    m_target->addItem(tr("Disk"), int(bench::OutputTarget::Disk));
    m_target->addItem(tr("tmpfs"), int(bench::OutputTarget::Tmpfs));
    m_target->setAccessibleName(tr("Outputs"));
    m_target->setToolTip(tr("Memory: the crops stay in memory (encoded when a format is chosen). Disk, "
                            "tmpfs: every crop is encoded and written, so the write is timed too"));
    m_format->addItems({tr("Not encoded"), "PNG", "JPEG", "WebP", "TIFF", "BMP"});
    m_format->setToolTip(
        tr("The format every engine encodes its crops in; files are PNG when none is chosen"));
    m_format->setAccessibleName(tr("Output format"));
    m_quality->setRange(1, 100);
    m_quality->setValue(90);
    m_quality->setPrefix(tr("q"));
    m_quality->setAccessibleName(tr("JPEG and WebP quality"));
    m_pngLevel->setRange(0, 9);
    m_pngLevel->setValue(1);
    m_pngLevel->setPrefix(tr("level "));
    m_pngLevel->setAccessibleName(tr("PNG compression level"));
    m_folder->setPlaceholderText(tr("$TMPDIR or /dev/shm"));
    m_folder->setAccessibleName(tr("Output folder"));
    m_folder->setToolTip(tr("Where the engines write (a scratch folder each, removed after the run)"));
    m_browse = new QPushButton(tr("Browse…"));
    m_browse->setAccessibleName(tr("Browse for the output folder"));
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Output Folder"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    // Two short rows at most: what and how on the first, where (files only) on the second.
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_target, 0, 0);
    grid->addWidget(m_format, 0, 1);
    grid->addWidget(m_quality, 0, 2);
    grid->addWidget(m_pngLevel, 0, 3);
    grid->addWidget(m_folder, 1, 0, 1, 3);
    grid->addWidget(m_browse, 1, 3);
    grid->setColumnStretch(1, 1);
    connect(m_target, &QComboBox::currentIndexChanged, this, &BenchOutputBox::updateEnabled);
    connect(m_format, &QComboBox::currentIndexChanged, this, &BenchOutputBox::updateEnabled);
    updateEnabled();
}

bench::OutputSpec BenchOutputBox::spec() const {
    bench::OutputSpec spec;
    spec.target = bench::OutputTarget(m_target->currentData().toInt());
    spec.format = kFormats[std::max(0, m_format->currentIndex())];
    spec.quality = m_quality->value();
    spec.pngLevel = m_pngLevel->value();
    return spec;
}

QString BenchOutputBox::folder() const {
    return spec().target == bench::OutputTarget::Memory ? QString() : m_folder->text().trimmed();
}

void BenchOutputBox::setSpec(const bench::OutputSpec& spec) {
    m_target->setCurrentIndex(m_target->findData(int(spec.target)));
    for (int i = 0; i < int(std::size(kFormats)); ++i)
        if (kFormats[i] == spec.format)
            m_format->setCurrentIndex(i);
    m_quality->setValue(spec.quality);
    m_pngLevel->setValue(spec.pngLevel);
}

// Only what applies is shown: the folder for files, the quality for lossy formats, the level for PNG
// (the Benchmark tab is narrow).
void BenchOutputBox::updateEnabled() {
    const bench::OutputSpec current = spec();
    const bool files = current.target != bench::OutputTarget::Memory;
    m_folder->setVisible(files);
    m_browse->setVisible(files);
    m_quality->setVisible(current.lossy());
    m_pngLevel->setVisible(current.encodes() && current.effectiveFormat() == OutputFormat::Png);
}

} // namespace cropdeck::ui
