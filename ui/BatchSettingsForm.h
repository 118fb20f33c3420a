// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The batch panel's settings: one widget per BatchRequest setting that shapes the outputs or the run
// (output folder, names, format and encoder levels, resize, bounds and pad, margin, aspect, fixed size,
// gray, lossless, threads, memory, fail-on, resume). Combo items and text fields use core's setting
// names (batch/SettingNames.h), so a value reads as on the command line: "fit", "#ff8000", "10%", "4:3".
//
// The form holds no request of its own: setRequest() fills the widgets, request() writes them back over
// a base request (its input and other settings are kept).

#include "Result.h"
#include "batch/BatchRequest.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace cropdeck::ui {

class BatchSettingsForm : public QWidget {
    Q_OBJECT

public:
    explicit BatchSettingsForm(QWidget* parent = nullptr);

    void setRequest(const BatchRequest& request);
    // `base` with the form's settings; an error names the field whose text does not parse.
    Result<BatchRequest> request(const BatchRequest& base) const;

    QLineEdit* outputDirEdit() const { return m_outputDir; }

signals:
    void changed(); // any setting edited by the user or by setRequest()

private:
    void browseOutput();
    void updateEnabled();

    QLineEdit* m_outputDir;
    QLineEdit* m_nameTemplate;
    QComboBox* m_format;
    QSpinBox* m_quality;
    QSpinBox* m_pngLevel;
    QComboBox* m_resize;
    QLineEdit* m_resizeTo;
    QComboBox* m_bounds;
    QLineEdit* m_pad;
    QLineEdit* m_margin;
    QLineEdit* m_aspect;
    QLineEdit* m_fixedSize;
    QCheckBox* m_gray;
    QCheckBox* m_lossless;
    QSpinBox* m_threads;
    QSpinBox* m_memoryMiB;
    QComboBox* m_failOn;
    QCheckBox* m_resume;
};

} // namespace cropdeck::ui
