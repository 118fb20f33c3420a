// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// File → Export Annotations: the target format (every format core writes) and where to write it, a file
// for CSV, centre+scale and COCO, a folder for VOC, YOLO and LabelMe (exportWritesFolder()). The dialog
// only asks; MainWindow::exportAnnotations() writes, and refuses to write over the source unless the
// user chose to replace it.

#include "annotations/AnnotationFormat.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace cropdeck::ui {

class ExportDialog : public QDialog {
    Q_OBJECT

public:
    // `folder`: where a new target goes by default; `format`: the one chosen first.
    ExportDialog(const QString& folder, AnnotationFormat format, QWidget* parent = nullptr);

    AnnotationFormat format() const;
    QString output() const; // absolute; empty until one is given
    void setOutput(const QString& path);
    void setFormat(AnnotationFormat format);

    // The suggested target for `format` in `folder`: "annotations.json", "annotations-voc/", ...
    static QString suggestedOutput(const QString& folder, AnnotationFormat format);

private:
    void formatChosen();
    void browse();
    void updateButtons();

    QString m_folder;
    QComboBox* m_format;
    QLineEdit* m_output;
    QLabel* m_kind;
    QDialogButtonBox* m_buttons;
};

} // namespace cropdeck::ui
