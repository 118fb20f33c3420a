// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ExportDialog.h"

#include "batch/AnnotationExport.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace cropdeck::ui {
namespace {

struct FormatChoice {
    AnnotationFormat format;
    const char* title;
    const char* fileName; // the suggested file or folder name
};

// In the order people reach for them; every format core writes.
constexpr FormatChoice kChoices[] = {
    {AnnotationFormat::Coco, QT_TRANSLATE_NOOP("ExportDialog", "COCO JSON (one file)"), "annotations.json"},
    {AnnotationFormat::Voc,
     QT_TRANSLATE_NOOP("ExportDialog", "Pascal VOC XML (a folder, one file per image)"), "annotations-voc"},
    {AnnotationFormat::Yolo, QT_TRANSLATE_NOOP("ExportDialog", "YOLO txt (a folder, with classes.txt)"),
     "labels"},
    {AnnotationFormat::LabelMe,
     QT_TRANSLATE_NOOP("ExportDialog", "LabelMe JSON (a folder, one file per image)"), "annotations-labelme"},
    {AnnotationFormat::Csv, QT_TRANSLATE_NOOP("ExportDialog", "CSV: path,x,y,w,h,label (one file)"),
     "annotations.csv"},
    {AnnotationFormat::CentreScale,
     QT_TRANSLATE_NOOP("ExportDialog", "Centre + scale list: path,x,y,scale (one file)"), "windows.csv"},
};

const FormatChoice& choiceFor(AnnotationFormat format) {
    for (const FormatChoice& choice : kChoices)
        if (choice.format == format)
            return choice;
    return kChoices[0];
}

} // namespace

ExportDialog::ExportDialog(const QString& folder, AnnotationFormat format, QWidget* parent)
    : QDialog(parent)
    , m_folder(folder)
    , m_format(new QComboBox)
    , m_output(new QLineEdit)
    , m_kind(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel)) {
    setWindowTitle(tr("Export annotations"));
    setObjectName(QStringLiteral("exportDialog"));
    for (const FormatChoice& choice : kChoices)
        m_format->addItem(tr(choice.title), int(choice.format));
    m_format->setAccessibleName(tr("Export format"));
    m_output->setAccessibleName(tr("Export to"));
    m_kind->setAccessibleName(tr("What the export writes"));
    m_kind->setWordWrap(true);
    auto* browse = new QPushButton(tr("&Browse…"));
    browse->setAccessibleName(tr("Choose where to export"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));

    auto* target = new QHBoxLayout;
    target->addWidget(m_output, 1);
    target->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&To:"), target);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_kind);
    layout->addWidget(m_buttons);
    resize(560, sizeHint().height());

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChosen);
    connect(m_output, &QLineEdit::textChanged, this, &ExportDialog::updateButtons);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setFormat(format);
    formatChosen();
}

AnnotationFormat ExportDialog::format() const {
    return AnnotationFormat(m_format->currentData().toInt());
}

QString ExportDialog::output() const {
    const QString text = m_output->text().trimmed();
    return text.isEmpty() ? QString() : QFileInfo(QDir(m_folder), text).absoluteFilePath();
}

void ExportDialog::setOutput(const QString& path) {
    m_output->setText(QDir::toNativeSeparators(path));
}

void ExportDialog::setFormat(AnnotationFormat format) {
    const int index = m_format->findData(int(choiceFor(format).format));
    m_format->setCurrentIndex(index);
}

QString ExportDialog::suggestedOutput(const QString& folder, AnnotationFormat format) {
    return QDir(folder).filePath(QString::fromLatin1(choiceFor(format).fileName));
}

void ExportDialog::formatChosen() {
    // A suggestion follows the format until the user types or browses to a target of their own.
    const QString current = output();
    bool suggested = current.isEmpty();
    for (const FormatChoice& choice : kChoices)
        suggested = suggested || current == suggestedOutput(m_folder, choice.format);
    if (suggested)
        setOutput(suggestedOutput(m_folder, format()));
    m_kind->setText(exportWritesFolder(format())
                        ? tr("Writes one file per image into this folder (created if missing).")
                        : tr("Writes this one file."));
    updateButtons();
}

void ExportDialog::browse() {
    const QString start = output().isEmpty() ? m_folder : output();
    const QString chosen = exportWritesFolder(format())
                               ? QFileDialog::getExistingDirectory(this, tr("Export into folder"),
                                                                   QFileInfo(start).absolutePath())
                               : QFileDialog::getSaveFileName(this, tr("Export to file"), start);
    if (!chosen.isEmpty())
        setOutput(chosen);
}

void ExportDialog::updateButtons() {
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!output().isEmpty());
}

} // namespace cropdeck::ui
