// SPDX-License-Identifier: GPL-3.0-or-later
// Scenarios (--scenario): the cases they shape (fixed, centre, random and whole-image windows, one case
// per output), their requests, and a small save-images run end to end with every output verified.

#include "BenchTestCase.h"
#include "bench/BenchRunner.h"
#include "bench/CaseShapes.h"
#include "bench/DatasetGenerator.h"
#include "bench/InProcessEngines.h"
#include "bench/Scenarios.h"

#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

using namespace cropdeck;
using namespace cropdeck::bench;
using namespace cropdeck::test;

class TestBenchScenarios : public QObject {
    Q_OBJECT

private slots:
    void shapesGiveOneWindowPerImage() {
        QTemporaryDir dir;
        BenchCase random = noiseCase(dir.path(), 2); // 64x48 pictures
        random.name = "noise / random";
        BenchCase bottom = random; // the same pictures: one set of shaped cases
        bottom.name = "noise / bottom-right";
        const std::vector<WindowShape> shapes = {
            {WindowShape::Kind::Fixed, QSize(10, 8), QPoint(50, 40), 1, {}},
            {WindowShape::Kind::Centre, QSize(20, 10), {}, 1, {}},
            {WindowShape::Kind::Random, QSize(16, 16), {}, 7, {}},
            {WindowShape::Kind::Whole, {}, {}, 1, {}}};
        Result<std::vector<BenchCase>> shaped = reshapeCases({random, bottom}, shapes);
        QVERIFY2(shaped, shaped ? "" : qPrintable(shaped.error().message));
        QCOMPARE(shaped->size(), size_t(4));
        QCOMPARE((*shaped)[0].name, QString("noise / fixed 10x8 at (50, 40)"));
        QCOMPARE((*shaped)[1].name, QString("noise / centre 20x10"));
        QCOMPARE((*shaped)[2].name, QString("noise / random 16x16"));
        QCOMPARE((*shaped)[3].name, QString("noise / whole image"));
        for (const BenchCase& benchCase : *shaped) {
            QCOMPARE(benchCase.images.size(), size_t(2));
            for (const BenchImage& image : benchCase.images) {
                QCOMPARE(image.windows.size(), size_t(1));
                QVERIFY(QRect(QPoint(0, 0), image.storedSize).contains(image.windows.front()));
            }
        }
        QCOMPARE((*shaped)[0].images[0].windows[0], QRect(50, 40, 10, 8));
        QCOMPARE((*shaped)[1].images[0].windows[0], QRect(22, 19, 20, 10));
        QCOMPARE((*shaped)[3].images[1].windows[0], QRect(0, 0, 64, 48));
        // Seeded: the same windows again, other ones with another seed.
        const Result<std::vector<BenchCase>> again = reshapeCases({random}, {shapes[2]});
        QCOMPARE((*again)[0].images[1].windows[0], (*shaped)[2].images[1].windows[0]);
    }

    // crop-modes' resize case: CropDeck (which may decode at a DCT scale first) and OpenCV verified against
    // the reference resized; an engine that cannot resize does not apply; swapped colours are wrong.
    void resizedCasesAreVerified() {
        QTemporaryDir dir;
        QVERIFY(makeSeedWorkload(dir.path(), SeedWorkload::ColorJpeg, 2, 3, 800));
        BenchCase pictures{"color-jpeg / random", "natural pictures", {}, {}, {}};
        for (int i = 0; i < 2; ++i)
            pictures.images.push_back({dir.filePath(QString("img_%1.jpg").arg(i, 3, 10, QChar('0'))),
                                       QSize(800, 800),
                                       {QRect(0, 0, 8, 8)}});
        const Result<std::vector<BenchCase>> shaped =
            reshapeCases({pictures}, {{WindowShape::Kind::Centre, QSize(512, 512), {}, 1, QSize(96, 96)}});
        QVERIFY(shaped);
        const BenchCase& resized = shaped->front();
        QCOMPARE(resized.name, QString("color-jpeg / centre 512x512 → 96x96"));
        QCOMPARE(resized.resizeTo, QSize(96, 96));

        std::vector<std::unique_ptr<BenchEngine>> engines;
        for (std::unique_ptr<BenchEngine>& engine : makeInProcessEngines())
            if (engine->name() == "cropdeck" || engine->name() == "opencv-serial" ||
                engine->name() == "cropdeck-jpeg-region")
                engines.push_back(std::move(engine));
        InProcessSpec swapped;
        swapped.name = "swapped";
        swapped.crop = [](const BenchImage&) -> Result<std::vector<cv::Mat>> {
            return std::vector<cv::Mat>{};
        };
        swapped.cropResized = [](const BenchImage& image, QSize size, bool) -> Result<std::vector<cv::Mat>> {
            Result<std::vector<cv::Mat>> crops = resizedReferenceCrops(image, size);
            for (cv::Mat& crop : *crops) {
                cv::Mat bgr = crop.clone();
                cv::cvtColor(crop, bgr, cv::COLOR_BGR2RGB);
                crop = bgr;
            }
            return crops;
        };
        engines.push_back(makeInProcessEngine(std::move(swapped)));
        for (const EngineRun& run : runEngines(resized, engines)) {
            if (run.engine == "cropdeck-jpeg-region") {
                QCOMPARE(run.notApplicable, QString("resizing is not measured for this engine"));
                continue;
            }
            QVERIFY2(run.error.isEmpty(), qPrintable(run.engine + ": " + run.error));
            QCOMPARE(run.verification.cropsChecked, 2);
            if (run.engine == "swapped") {
                QCOMPARE(run.verdict, Verdict::Wrong);
                continue;
            }
            QVERIFY2(run.correct(), qPrintable(run.engine + ": " + run.verification.problem));
            QVERIFY2(run.verification.psnr() >= kResizedMinimumPsnr, qPrintable(run.engine));
            if (run.engine == "opencv-serial") // the same resize as the reference
                QCOMPARE(run.verdict, Verdict::Identical);
        }
    }

    void aWindowThatDoesNotFitNamesTheImage() {
        QTemporaryDir dir;
        const BenchCase small = noiseCase(dir.path(), 1);
        const Result<std::vector<BenchCase>> shaped =
            reshapeCases({small}, {{WindowShape::Kind::Fixed, QSize(100, 100), QPoint(500, 500), 1, {}}});
        QVERIFY(!shaped);
        QCOMPARE(shaped.error().kind, ErrorKind::Invalid);
        QVERIFY2(shaped.error().message.contains("noise_0.png") && shaped.error().message.contains("64x48"),
                 qPrintable(shaped.error().message));
    }

    void onceCasePerOutput() {
        QTemporaryDir dir;
        OutputSpec png, jpeg;
        png.target = OutputTarget::Disk;
        jpeg.target = OutputTarget::Tmpfs;
        jpeg.format = OutputFormat::Jpeg;
        const std::vector<BenchCase> cases = casesPerOutput({noiseCase(dir.path(), 1)}, {png, jpeg});
        QCOMPARE(cases.size(), size_t(2));
        QCOMPARE(cases[0].name, QString("noise → disk png"));
        QCOMPARE(cases[1].name, QString("noise → tmpfs jpeg"));
        QCOMPARE(cases[1].output, jpeg);
    }

    void everyScenarioMakesARequest() {
        QStringList names;
        for (const Scenario& scenario : scenarios()) {
            names << scenario.name;
            QVERIFY(!scenario.study.isEmpty() && !scenario.runs.isEmpty());
            BenchRequest request;
            QVERIFY2(applyScenario(scenario.name, request), qPrintable(scenario.name));
            QCOMPARE(request.scenario, scenario.name);
            QVERIFY(!request.seed.workloads.isEmpty());
            QVERIFY(!request.engines.isEmpty());
            QVERIFY(!request.options.threads.empty());
            // Every engine a scenario names exists (available or not).
            Result<std::vector<std::unique_ptr<BenchEngine>>> engines = selectEngines(request);
            QVERIFY2(engines, engines ? "" : qPrintable(engines.error().message));
            QCOMPARE(int(engines->size()), request.engines.size());
        }
        QCOMPARE(names, QStringList({"pillow-vips-32", "fixed-window-287", "crop-modes", "save-images"}));
        BenchRequest request;
        const Status unknown = applyScenario("nope", request);
        QVERIFY(!unknown);
        QVERIFY(unknown.error().message.contains("known: pillow-vips-32"));
    }

    // save-images, shrunk: PNG and JPEG, on disk and on a tmpfs, each case verified.
    void saveImagesRunsEveryOutput() {
        if (QStorageInfo("/dev/shm").fileSystemType() != "tmpfs" ||
            QStorageInfo(QDir::tempPath()).fileSystemType() == "tmpfs")
            QSKIP("needs a tmpfs at /dev/shm and a temporary folder on a disk");
        QTemporaryDir seed;
        BenchRequest request;
        QVERIFY(applyScenario("save-images", request));
        request.seed.folder = seed.path();
        request.seed.count = 2;
        request.seed.side = 64;
        request.engines = {"cropdeck", "opencv-serial"};
        request.options.threads = {1};
        request.options.trials = 1;
        Result<BenchReport> report = runBench(request, {});
        QVERIFY2(report, report ? "" : qPrintable(report.error().message));
        QCOMPARE(report->parameters.scenario, QString("save-images"));
        QCOMPARE(report->runs.size(), size_t(4 * 2));
        QStringList cases;
        for (const EngineRun& run : report->runs) {
            cases << run.caseName;
            QCOMPARE(run.windows, 2);
            QVERIFY2(run.correct(),
                     qPrintable(run.caseName + " " + run.engine + ": " + run.verification.problem));
            QCOMPARE(run.verification.lossy, run.caseName.endsWith("jpeg"));
        }
        cases.removeDuplicates();
        QCOMPARE(cases, QStringList({"color-jpeg-512 / whole image → disk png",
                                     "color-jpeg-512 / whole image → disk jpeg",
                                     "color-jpeg-512 / whole image → tmpfs png",
                                     "color-jpeg-512 / whole image → tmpfs jpeg"}));
        QVERIFY(report->parameters.output.contains("disk (png level 1)"));
        QVERIFY(report->parameters.output.contains("tmpfs (jpeg q90)"));
    }
};

QTEST_GUILESS_MAIN(TestBenchScenarios)
#include "test_bench_scenarios.moc"
