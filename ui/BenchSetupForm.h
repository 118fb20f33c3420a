// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the Benchmark tab runs, as a bench::BenchRequest (core/bench/BenchRunner.h, the request behind
// `cropdeck --bench`): the dataset (the seed workloads with a count and side, the open set's images and
// annotations, or a folder of images with N seeded random windows), the engines (every engine core's
// makeEngines() knows, those that cannot run here disabled with their reason as tooltip), the thread
// counts (core's parseThreadCounts, e.g. "1,2,4") and the number of trials; what the engines make of
// their crops (BenchOutputBox: memory, disk or tmpfs, and the format). A scenario (core's Scenarios.h,
// `--scenario`) fills all of these in as the command line's does; the fields then refine it.
//
// Listing the engines looks for peers on PATH and starts Python to see what it can import, so it runs on
// a worker thread, and only once the form is first shown (or listEngines() is called): a window that
// never opens the Benchmark tab starts no Python. The list says so until enginesListed().
//
// The seed folder defaults to the one `cropdeck --bench` uses ($TMPDIR/cropdeck-bench), so that both
// reuse the workloads generated once.

#include "Result.h"
#include "bench/BenchRunner.h"

#include <QFutureWatcher>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QStackedWidget;

namespace cropdeck::ui {

class BenchOutputBox;

// An engine as the form lists it (a value: engines themselves stay on the thread that runs them).
struct EngineChoice {
    QString name;
    QString unavailable; // empty: can run here
    QString detail;
    bool peer = false; // another program: not checked by default (slower to run, one process per window)
};

class BenchSetupForm : public QWidget {
    Q_OBJECT

public:
    enum class Dataset { Seed, OpenSet, ImagesFolder };

    explicit BenchSetupForm(QWidget* parent = nullptr);
    ~BenchSetupForm() override;

    // The set open in the window (empty paths: none; the "open set" choice then says so).
    void setOpenSet(const QString& images, const QString& annotations);
    // The request the fields describe; an error names the field to fix.
    Result<bench::BenchRequest> request() const;

    // Fills the form in for scenario `name` (empty: none, the fields stay as they are).
    void setScenario(const QString& name);
    QString scenario() const { return m_scenarioName; }

    void setDataset(Dataset dataset);
    Dataset dataset() const;
    // Checks exactly the engines named (and available); false when one is unknown or unavailable.
    bool checkEngines(const QStringList& names);
    QStringList checkedEngines() const;
    // Starts listing the engines unless it has started already.
    void listEngines();
    bool isListingEngines() const { return !m_listed; }

    QListWidget* engineList() const { return m_engines; }
    QComboBox* scenarioBox() const { return m_scenario; }
    QComboBox* datasetBox() const { return m_dataset; }
    BenchOutputBox* outputBox() const { return m_outputs; }
    QLineEdit* workloadsEdit() const { return m_workloads; }
    QSpinBox* seedCountBox() const { return m_seedCount; }
    QSpinBox* seedSideBox() const { return m_seedSide; }
    QLineEdit* seedFolderEdit() const { return m_seedFolder; }
    QLineEdit* imagesFolderEdit() const { return m_imagesFolder; }
    QLineEdit* threadsEdit() const { return m_threads; }
    QSpinBox* trialsBox() const { return m_trials; }

signals:
    void enginesListed(); // the engine list is filled in

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* makeSeedPage();
    QWidget* makeOpenSetPage();
    QWidget* makeFolderPage();
    void showEngines();
    Status applyScenarioTo(bench::BenchRequest& request) const;

    QComboBox* m_scenario;
    QComboBox* m_dataset;
    QStackedWidget* m_pages;
    QLineEdit* m_workloads;
    QSpinBox* m_seedCount;
    QSpinBox* m_seedSide;
    QLineEdit* m_seedFolder;
    QLabel* m_openSet;
    QLineEdit* m_imagesFolder;
    QSpinBox* m_randomWindows;
    QSpinBox* m_randomSeed;
    QListWidget* m_engines;
    QLineEdit* m_threads;
    QSpinBox* m_trials;
    BenchOutputBox* m_outputs;

    QString m_scenarioName;
    QStringList m_scenarioEngines; // to check once the engines are listed
    QString m_openImages;
    QString m_openAnnotations;
    QFutureWatcher<std::vector<EngineChoice>> m_listing;
    bool m_listingStarted = false;
    bool m_listed = false;
};

} // namespace cropdeck::ui
