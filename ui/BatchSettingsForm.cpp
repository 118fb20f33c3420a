// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/BatchSettingsForm.h"

#include "batch/SettingNames.h"
#include "engine/OutputNaming.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include <algorithm>
#include <tuple>

namespace cropdeck::ui {
namespace {

// Items are core's names; the enum value rides along as item data.
template <typename Enum, typename Format>
QComboBox* enumCombo(std::initializer_list<Enum> values, Format format) {
    auto* combo = new QComboBox;
    for (Enum value : values)
        combo->addItem(format(value), int(value));
    return combo;
}

template <typename Enum> Enum comboValue(const QComboBox* combo) {
    return Enum(combo->currentData().toInt());
}

void selectValue(QComboBox* combo, int value) {
    combo->setCurrentIndex(std::max(0, combo->findData(value)));
}

QSpinBox* spin(int minimum, int maximum, const QString& zeroText = {}) {
    auto* box = new QSpinBox;
    box->setRange(minimum, maximum);
    box->setSpecialValueText(zeroText);
    return box;
}

// A text setting through its SettingNames parser; empty text is `empty`.
template <typename T, typename Parse>
Result<T> parseField(const QLineEdit* edit, const QString& name, Parse parse, T empty) {
    const QString text = edit->text().trimmed();
    if (text.isEmpty())
        return empty;
    Result<T> value = parse(text);
    if (!value)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("%1 \"%2\": %3").arg(name, text, value.error().message));
    return value;
}

#define CROPDECK_FORM_FIELD(target, expression)                                                              \
    do {                                                                                                     \
        auto parsed = (expression);                                                                          \
        if (!parsed)                                                                                         \
            return parsed.error();                                                                           \
        (target) = *parsed;                                                                                  \
    } while (false)

QString aspectText(double aspect) {
    return aspect > 0 ? QString::number(aspect, 'g', 17) : QString(); // 17 digits: the same double back
}

} // namespace

BatchSettingsForm::BatchSettingsForm(QWidget* parent)
    : QWidget(parent)
    , m_outputDir(new QLineEdit)
    , m_nameTemplate(new QLineEdit)
    , m_format(enumCombo({OutputFormat::SameAsInput, OutputFormat::Jpeg, OutputFormat::Png,
                          OutputFormat::WebP, OutputFormat::Tiff, OutputFormat::Bmp},
                         formatOutputFormat))
    , m_quality(spin(1, 100))
    , m_pngLevel(spin(0, 9))
    , m_resize(enumCombo({ResizeMode::None, ResizeMode::Exact, ResizeMode::Fit, ResizeMode::Fill},
                         formatResizeMode))
    , m_resizeTo(new QLineEdit)
    , m_bounds(enumCombo({BoundsPolicy::Clip, BoundsPolicy::Shift, BoundsPolicy::Pad, BoundsPolicy::Skip,
                          BoundsPolicy::Error},
                         formatBoundsPolicy))
    , m_pad(new QLineEdit)
    , m_margin(new QLineEdit)
    , m_aspect(new QLineEdit)
    , m_fixedSize(new QLineEdit)
    , m_gray(new QCheckBox(tr("Gray")))
    , m_lossless(new QCheckBox(tr("Lossless JPEG crop")))
    , m_threads(spin(0, 1024, tr("one per core")))
    , m_memoryMiB(spin(0, 1 << 24, tr("automatic")))
    , m_failOn(enumCombo({FailOn::Error, FailOn::Truncated, FailOn::None}, formatFailOn))
    , m_resume(new QCheckBox(tr("Resume (skip outputs already done)"))) {
    // Object names as the CLI flags (for tests); accessible names as the rows say (for screen readers:
    // a row holding two fields labels neither of them).
    const std::tuple<QWidget*, const char*, QString> names[] = {
        {m_outputDir, "out", tr("Output folder")},
        {m_nameTemplate, "name", tr("Output names")},
        {m_format, "format", tr("Output format")},
        {m_quality, "quality", tr("Quality (JPEG, WebP)")},
        {m_pngLevel, "png-level", tr("PNG level")},
        {m_resize, "resize-mode", tr("Resize mode")},
        {m_resizeTo, "resize", tr("Resize to")},
        {m_bounds, "bounds", tr("Bounds policy")},
        {m_pad, "pad", tr("Pad colour")},
        {m_margin, "margin", tr("Margin")},
        {m_aspect, "aspect", tr("Aspect ratio")},
        {m_fixedSize, "size", tr("Fixed window size")},
        {m_gray, "gray", tr("Gray")},
        {m_lossless, "lossless", tr("Lossless JPEG crop")},
        {m_threads, "threads", tr("Threads")},
        {m_memoryMiB, "max-memory", tr("Memory budget")},
        {m_failOn, "fail-on", tr("Fail on")},
        {m_resume, "resume", tr("Resume")}};
    for (const auto& [widget, name, label] : names) {
        widget->setObjectName(QString::fromLatin1(name));
        widget->setAccessibleName(label);
    }
    m_nameTemplate->setPlaceholderText(QString::fromLatin1(kDefaultNameTemplate));
    m_resizeTo->setPlaceholderText(tr("WxH"));
    m_pad->setPlaceholderText(tr("#rrggbb or edge"));
    m_margin->setPlaceholderText(tr("pixels, or N%"));
    m_aspect->setPlaceholderText(tr("W:H"));
    m_fixedSize->setPlaceholderText(tr("WxH"));
    m_memoryMiB->setSuffix(tr(" MiB"));
    auto* browse = new QPushButton(tr("Browse…"));
    browse->setAccessibleName(tr("Browse for the output folder"));
    auto* output = new QHBoxLayout;
    output->addWidget(m_outputDir, 1);
    output->addWidget(browse);
    auto* resize = new QHBoxLayout;
    resize->addWidget(m_resize);
    resize->addWidget(m_resizeTo, 1);
    auto* bounds = new QHBoxLayout;
    bounds->addWidget(m_bounds);
    bounds->addWidget(m_pad, 1);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Output folder"), output);
    form->addRow(tr("Names"), m_nameTemplate);
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("Quality (JPEG, WebP)"), m_quality);
    form->addRow(tr("PNG level"), m_pngLevel);
    form->addRow(tr("Resize"), resize);
    form->addRow(tr("Bounds, pad"), bounds);
    form->addRow(tr("Margin"), m_margin);
    form->addRow(tr("Aspect"), m_aspect);
    form->addRow(tr("Fixed size"), m_fixedSize);
    form->addRow(QString(), m_gray);
    form->addRow(QString(), m_lossless);
    form->addRow(tr("Threads"), m_threads);
    form->addRow(tr("Memory budget"), m_memoryMiB);
    form->addRow(tr("Fail on"), m_failOn);
    form->addRow(QString(), m_resume);

    connect(browse, &QPushButton::clicked, this, &BatchSettingsForm::browseOutput);
    for (QLineEdit* edit : {m_outputDir, m_nameTemplate, m_resizeTo, m_pad, m_margin, m_aspect, m_fixedSize})
        connect(edit, &QLineEdit::textChanged, this, &BatchSettingsForm::changed);
    for (QComboBox* combo : {m_format, m_resize, m_bounds, m_failOn})
        connect(combo, &QComboBox::currentIndexChanged, this, &BatchSettingsForm::changed);
    for (QSpinBox* box : {m_quality, m_pngLevel, m_threads, m_memoryMiB})
        connect(box, &QSpinBox::valueChanged, this, &BatchSettingsForm::changed);
    for (QCheckBox* box : {m_gray, m_lossless, m_resume})
        connect(box, &QCheckBox::toggled, this, &BatchSettingsForm::changed);
    connect(this, &BatchSettingsForm::changed, this, &BatchSettingsForm::updateEnabled);
    setRequest(BatchRequest{});
}

void BatchSettingsForm::setRequest(const BatchRequest& r) {
    QSignalBlocker blocker(this); // one changed() for the whole request, below
    const CropSettings& s = r.settings;
    m_outputDir->setText(r.outputDir);
    m_nameTemplate->setText(r.nameTemplate);
    selectValue(m_format, int(s.format));
    m_quality->setValue(s.jpegQuality);
    m_pngLevel->setValue(s.pngCompression);
    selectValue(m_resize, int(s.resize));
    m_resizeTo->setText(formatSize(s.resizeTo));
    selectValue(m_bounds, int(s.bounds));
    m_pad->setText(s.bounds == BoundsPolicy::Pad ? formatPad(s.padMode, s.padBgr) : QString());
    m_margin->setText(s.margin.value != 0 ? formatMargin(s.margin) : QString());
    m_aspect->setText(aspectText(s.aspect));
    m_fixedSize->setText(formatSize(s.fixedSize));
    m_gray->setChecked(s.grayscale);
    m_lossless->setChecked(s.lossless);
    m_threads->setValue(r.threads);
    m_memoryMiB->setValue(int(r.memoryBudgetBytes >> 20));
    selectValue(m_failOn, int(s.failOn));
    m_resume->setChecked(r.resume);
    blocker.unblock();
    emit changed();
}

Result<BatchRequest> BatchSettingsForm::request(const BatchRequest& base) const {
    BatchRequest r = base;
    CropSettings& s = r.settings;
    r.outputDir = m_outputDir->text().trimmed();
    r.nameTemplate = m_nameTemplate->text().trimmed();
    s.format = comboValue<OutputFormat>(m_format);
    s.jpegQuality = m_quality->value();
    s.webpQuality = m_quality->value(); // one quality for both, as --quality
    s.pngCompression = m_pngLevel->value();
    s.resize = comboValue<ResizeMode>(m_resize);
    CROPDECK_FORM_FIELD(s.resizeTo, parseField<QSize>(m_resizeTo, tr("Resize"), parseSize, QSize()));
    if (s.resize != ResizeMode::None && !s.resizeTo.isValid())
        return makeError(ErrorKind::Invalid,
                         tr("Resize %1 needs a size WxH").arg(formatResizeMode(s.resize)));
    s.bounds = comboValue<BoundsPolicy>(m_bounds);
    PadSetting pad;
    CROPDECK_FORM_FIELD(pad, parseField<PadSetting>(m_pad, tr("Pad"), parsePad, PadSetting{}));
    s.padMode = pad.mode;
    std::copy(pad.bgr, pad.bgr + 3, s.padBgr);
    CROPDECK_FORM_FIELD(s.margin, parseField<Margin>(m_margin, tr("Margin"), parseMargin, Margin{}));
    CROPDECK_FORM_FIELD(s.aspect, parseField<double>(m_aspect, tr("Aspect"), parseAspect, 0.0));
    CROPDECK_FORM_FIELD(s.fixedSize, parseField<QSize>(m_fixedSize, tr("Fixed size"), parseSize, QSize()));
    s.grayscale = m_gray->isChecked();
    s.lossless = m_lossless->isChecked();
    s.failOn = comboValue<FailOn>(m_failOn);
    r.threads = m_threads->value();
    r.memoryBudgetBytes = qint64(m_memoryMiB->value()) << 20;
    r.resume = m_resume->isChecked();
    return r;
}

void BatchSettingsForm::browseOutput() {
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Folder for the crops"), m_outputDir->text());
    if (!folder.isEmpty())
        m_outputDir->setText(folder);
}

void BatchSettingsForm::updateEnabled() {
    m_resizeTo->setEnabled(comboValue<ResizeMode>(m_resize) != ResizeMode::None);
    m_pad->setEnabled(comboValue<BoundsPolicy>(m_bounds) == BoundsPolicy::Pad);
}

} // namespace cropdeck::ui
