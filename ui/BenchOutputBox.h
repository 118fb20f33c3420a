// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Benchmark tab's outputs row: what every engine makes of its crops (core/bench/BenchOutput.h, the
// same choice as `cropdeck --bench --output --format --quality --png-level --out`): kept in memory as
// pixels or encoded, or written to disk or to a tmpfs, in one format for every engine. The folder is
// checked when the run starts (core's resolveOutputFolder), so a wrong one is reported like the CLI's.

#include "bench/BenchOutput.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace cropdeck::ui {

class BenchOutputBox : public QWidget {
    Q_OBJECT

public:
    explicit BenchOutputBox(QWidget* parent = nullptr);

    bench::OutputSpec spec() const;
    QString folder() const; // empty: $TMPDIR for disk, /dev/shm for tmpfs
    void setSpec(const bench::OutputSpec& spec);

    QComboBox* targetBox() const { return m_target; }
    QComboBox* formatBox() const { return m_format; }
    QSpinBox* qualityBox() const { return m_quality; }
    QSpinBox* pngLevelBox() const { return m_pngLevel; }
    QLineEdit* folderEdit() const { return m_folder; }

private:
    void updateEnabled();

    QComboBox* m_target;
    QComboBox* m_format;
    QSpinBox* m_quality;
    QSpinBox* m_pngLevel;
    QLineEdit* m_folder;
    QPushButton* m_browse;
};

} // namespace cropdeck::ui
