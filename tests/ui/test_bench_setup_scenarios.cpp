// SPDX-License-Identifier: GPL-3.0-or-later
// The Benchmark tab's setup form with a scenario and with outputs: choosing a scenario fills in the
// fields as `--scenario` does (workloads, count, threads, engines once listed) and the request carries
// its windows and outputs; the fields refine it; datasets it cannot use are refused with the field to
// fix; the outputs row gives core's OutputSpec (and is disabled when the scenario sets the outputs).

#include "bench/Scenarios.h"
#include "ui/BenchOutputBox.h"
#include "ui/BenchSetupForm.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace cropdeck;
using namespace cropdeck::ui;

namespace {

bool listEngines(BenchSetupForm& form) {
    QSignalSpy listed(&form, &BenchSetupForm::enginesListed);
    form.listEngines();
    return !form.isListingEngines() || listed.wait(300'000);
}

} // namespace

class TestBenchSetupScenarios : public QObject {
    Q_OBJECT

private slots:
    void everyScenarioIsOffered() {
        BenchSetupForm form;
        QCOMPARE(form.scenarioBox()->count(), int(bench::scenarios().size()) + 1);
        QCOMPARE(form.scenarioBox()->itemData(0).toString(), QString());
        for (int i = 1; i < form.scenarioBox()->count(); ++i)
            QVERIFY(!form.scenarioBox()->itemData(i, Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(!form.scenarioBox()->accessibleName().isEmpty());
    }

    void scenarioFillsTheFields() {
        BenchSetupForm form;
        QVERIFY(listEngines(form));
        form.setScenario("save-images");
        QCOMPARE(form.scenario(), QString("save-images"));
        QCOMPARE(form.scenarioBox()->currentText(), QString("save-images"));
        QCOMPARE(form.dataset(), BenchSetupForm::Dataset::Seed);
        QCOMPARE(form.workloadsEdit()->text(), QString("color-jpeg-512"));
        QCOMPARE(form.seedCountBox()->value(), 64);
        QVERIFY(!form.outputBox()->isEnabled()); // save-images sets its own outputs
        bench::BenchRequest expected;
        QVERIFY(bench::applyScenario("save-images", expected));
        for (const QString& engine : form.checkedEngines())
            QVERIFY2(expected.engines.contains(engine), qPrintable(engine));

        // The fields refine it; the request carries the scenario's windows and outputs.
        form.seedCountBox()->setValue(3);
        form.threadsEdit()->setText("1");
        const Result<bench::BenchRequest> request = form.request();
        QVERIFY2(request, request ? "" : qPrintable(request.error().message));
        QCOMPARE(request->scenario, QString("save-images"));
        QCOMPARE(request->seed.count, 3);
        QCOMPARE(request->options.threads, std::vector<int>{1});
        QCOMPARE(request->shapes.size(), size_t(1));
        QCOMPARE(request->outputs.size(), size_t(4));

        // Back to none: no scenario in the request, the outputs row usable again.
        form.setScenario({});
        QVERIFY(form.outputBox()->isEnabled());
        const Result<bench::BenchRequest> plain = form.request();
        QVERIFY(plain);
        QVERIFY(plain->scenario.isEmpty() && plain->shapes.empty() && plain->outputs.empty());
    }

    void datasetsAScenarioCannotUseAreRefused() {
        BenchSetupForm form;
        QVERIFY(listEngines(form));
        form.setScenario("crop-modes");
        form.setDataset(BenchSetupForm::Dataset::ImagesFolder);
        form.imagesFolderEdit()->setText(QDir::tempPath());
        Result<bench::BenchRequest> request = form.request();
        QVERIFY2(request, request ? "" : qPrintable(request.error().message));
        QCOMPARE(request->source, bench::BenchRequest::Source::RandomWindows);
        QCOMPARE(request->shapes.size(),
                 size_t(4)); // fixed, centre, random, resized: the folder's own images

        form.setDataset(BenchSetupForm::Dataset::OpenSet);
        request = form.request();
        QVERIFY(!request);
        QVERIFY2(request.error().message.startsWith("Dataset:"), qPrintable(request.error().message));

        form.setScenario("pillow-vips-32");
        form.setDataset(BenchSetupForm::Dataset::ImagesFolder);
        request = form.request();
        QVERIFY(!request);
        QVERIFY2(request.error().message.contains("seed workloads' own windows"),
                 qPrintable(request.error().message));
    }

    void outputsRowGivesTheSpec() {
        BenchSetupForm form;
        QVERIFY(listEngines(form));
        BenchOutputBox* box = form.outputBox();
        QVERIFY(box->folderEdit()->isHidden()); // memory: no folder, no quality, no level
        QVERIFY(box->qualityBox()->isHidden() && box->pngLevelBox()->isHidden());
        box->targetBox()->setCurrentIndex(box->targetBox()->findText("Disk"));
        box->formatBox()->setCurrentIndex(box->formatBox()->findText("JPEG"));
        box->qualityBox()->setValue(80);
        box->folderEdit()->setText("/var/tmp");
        QVERIFY(!box->folderEdit()->isHidden() && !box->qualityBox()->isHidden());
        QVERIFY(box->pngLevelBox()->isHidden());
        const Result<bench::BenchRequest> request = form.request();
        QVERIFY(request);
        QCOMPARE(request->output.target, bench::OutputTarget::Disk);
        QCOMPARE(request->output.format, OutputFormat::Jpeg);
        QCOMPARE(request->output.quality, 80);
        QCOMPARE(request->outputFolder, QString("/var/tmp"));
        for (QWidget* control :
             std::initializer_list<QWidget*>{box->targetBox(), box->formatBox(), box->qualityBox(),
                                             box->pngLevelBox(), box->folderEdit()})
            QVERIFY(!control->accessibleName().isEmpty());
    }
};

QTEST_MAIN(TestBenchSetupScenarios)
#include "test_bench_setup_scenarios.moc"
