// SPDX-License-Identifier: GPL-3.0-or-later
// The forced CropDeck engines (bench/ForcedEngines.h) on small seed workloads: each gives verified crops
// where it applies and reports why where it does not; the forced reader really takes the decoder it
// names; a lossy expectation still catches a crop in the wrong place; the default strategy is the
// planner's.

#include "BenchTestCase.h"
#include "bench/BenchCases.h"
#include "bench/BenchRunner.h"
#include "bench/CropDeckCalls.h"
#include "bench/ForcedEngines.h"
#include "bench/InProcessEngines.h"
#include "engine/ImageCropper.h"
#include "engine/RegionReader.h"
#include "io/ImageProbe.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>

#include <map>
#include <set>

using namespace cropdeck;
using namespace cropdeck::bench;

namespace {

// The engines that give the stored pixels (held to identical pixels here: CropDeck's decoders match
// OpenCV's by construction).
const std::set<QString> kExactEngines{"cropdeck-full-decode", "cropdeck-each-window", "cropdeck-jpeg-region",
                                      "cropdeck-row-bands",   "cropdeck-restart",     "cropdeck-png-row-stop",
                                      "cropdeck-png-inflate", "cropdeck-bmp-rows"};

// Which engines apply to each workload; the others must say why not (a fragment of the reason).
struct Applicability {
    std::set<QString> applies;
    std::map<QString, QString> reason;
};

const std::set<QString> kAnyImage{"cropdeck-full-decode", "cropdeck-each-window"};
const std::set<QString> kJpeg{"cropdeck-jpeg-region", "cropdeck-row-bands", "cropdeck-dct-scaled",
                              "cropdeck-lossless"};
const std::set<QString> kPng{"cropdeck-png-row-stop", "cropdeck-png-inflate"};

std::set<QString> unite(std::initializer_list<std::set<QString>> sets) {
    std::set<QString> all;
    for (const auto& set : sets)
        all.insert(set.begin(), set.end());
    return all;
}

Applicability applicabilityOf(const QString& workload) {
    const QString notJpeg = QStringLiteral("not a jpeg");
    if (workload == "gray-jpeg" || workload == "color-jpeg-512")
        return {unite({kAnyImage, kJpeg}),
                {{"cropdeck-restart", "no restart markers"},
                 {"cropdeck-png-row-stop", "a jpeg file, not a png"},
                 {"cropdeck-png-inflate", "a jpeg file, not a png"},
                 {"cropdeck-bmp-rows", "a jpeg file, not a bmp"}}};
    if (workload == "gray-jpeg-rst")
        return {unite({kAnyImage, kJpeg, {"cropdeck-restart"}}),
                {{"cropdeck-png-row-stop", "not a png"},
                 {"cropdeck-png-inflate", "not a png"},
                 {"cropdeck-bmp-rows", "not a bmp"}}};
    if (workload == "gray-png" || workload == "color-png-512")
        return {unite({kAnyImage, kPng}),
                {{"cropdeck-jpeg-region", "a png file, not a jpeg"},
                 {"cropdeck-row-bands", notJpeg},
                 {"cropdeck-restart", notJpeg},
                 {"cropdeck-dct-scaled", notJpeg},
                 {"cropdeck-lossless", "a png file, not a JPEG"},
                 {"cropdeck-bmp-rows", "not a bmp"}}};
    return {unite({kAnyImage, {"cropdeck-bmp-rows"}}),
            {{"cropdeck-jpeg-region", "a bmp file, not a jpeg"},
             {"cropdeck-restart", notJpeg},
             {"cropdeck-lossless", "not a JPEG"},
             {"cropdeck-png-inflate", "a bmp file, not a png"}}};
}

QString workloadOf(const BenchCase& benchCase) {
    return benchCase.name.section(QStringLiteral(" / "), 0, 0);
}

// A copy of the image with every window moved `dx` pixels right (kept inside the image).
BenchImage shifted(const BenchImage& image, int dx) {
    BenchImage moved = image;
    for (QRect& window : moved.windows)
        window.translate(window.right() + dx < image.storedSize.width() ? dx : -dx, 0);
    return moved;
}

QList<CropWindow> oneWindow(const QRect& rect) {
    CropWindow window;
    window.box = QRectF(rect);
    return {window};
}

} // namespace

class TestBenchForced : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        SeedCasesRequest request;
        request.folder = m_dir.path();
        request.workloads = {"gray-jpeg", "gray-jpeg-rst", "color-jpeg-512",
                             "gray-png",  "color-png-512", "gray-bmp"};
        request.count = 2;
        request.side = 256;
        Result<std::vector<BenchCase>> cases = seedCases(request, [](const QString&) {});
        QVERIFY2(cases.ok(), cases ? "" : qPrintable(cases.error().message));
        m_cases = std::move(cases.value());
        QCOMPARE(int(m_cases.size()), 12); // random and bottom-right windows per workload
    }

    void everyForcedEngineIsVerifiedOrSaysWhyNot() {
        const std::vector<std::unique_ptr<BenchEngine>> engines = makeForcedEngines();
        QCOMPARE(int(engines.size()), 10);
        for (const BenchCase& benchCase : m_cases) {
            const Applicability expected = applicabilityOf(workloadOf(benchCase));
            for (const EngineRun& run : test::runEngines(benchCase, engines)) {
                const QString where = QStringLiteral("%1 on %2: ").arg(run.engine, benchCase.name);
                if (expected.applies.count(run.engine)) {
                    QVERIFY2(run.notApplicable.isEmpty(), qPrintable(where + run.notApplicable));
                    QVERIFY2(run.correct(), qPrintable(where + run.error + run.verification.problem));
                    QCOMPARE(run.verification.cropsChecked, benchCase.windowCount());
                    if (kExactEngines.count(run.engine))
                        QVERIFY2(run.verdict == Verdict::Identical,
                                 qPrintable(where + verdictName(run.verdict)));
                    if (run.engine == "cropdeck-lossless" && !benchCase.name.startsWith("color"))
                        QVERIFY2(run.verdict == Verdict::Identical,
                                 qPrintable(where + verdictName(run.verdict)));
                    continue;
                }
                QVERIFY2(!run.notApplicable.isEmpty(), qPrintable(where + "should not apply"));
                QVERIFY2(run.skipped() && !run.timed() && run.verdict == Verdict::NotRun, qPrintable(where));
                QVERIFY2(run.notApplicable.contains(QStringLiteral("img_000.")),
                         qPrintable(run.notApplicable));
                if (const auto reason = expected.reason.find(run.engine); reason != expected.reason.end())
                    QVERIFY2(run.notApplicable.contains(reason->second),
                             qPrintable(where + run.notApplicable));
            }
        }
    }

    void forcedReaderTakesTheForcedDecoder_data() {
        QTest::addColumn<QString>("workload");
        QTest::addColumn<int>("decoder");
        QTest::addColumn<int>("reads");
        QTest::addColumn<QString>("plan"); // RegionReader::plan() of the whole call

        using D = ForcedDecoder;
        using R = ForcedReads;
        QTest::newRow("restart file, region forced")
            << "gray-jpeg-rst" << int(D::JpegRegion) << int(R::EachWindow) << "jpeg-region×2";
        QTest::newRow("restart file, restart forced")
            << "gray-jpeg-rst" << int(D::JpegRestart) << int(R::EachWindow) << "jpeg-restart×2";
        QTest::newRow("row bands") << "gray-jpeg" << int(D::JpegRegion) << int(R::RowBands) << "jpeg-bands";
        QTest::newRow("whole image") << "gray-jpeg" << int(D::Auto) << int(R::WholeImage) << "jpeg-region";
        QTest::newRow("png rows") << "gray-png" << int(D::PngRows) << int(R::Union) << "png-rows";
        QTest::newRow("png inflate") << "gray-png" << int(D::PngWholeInflate) << int(R::EachWindow)
                                     << "png-deflate×2";
        QTest::newRow("bmp rows") << "gray-bmp" << int(D::BmpRows) << int(R::Union) << "bmp-rows";
    }

    void forcedReaderTakesTheForcedDecoder() {
        QFETCH(QString, workload);
        QFETCH(int, decoder);
        QFETCH(int, reads);
        QFETCH(QString, plan);
        // The bottom-right case: windows low in the image, where restart access skips rows.
        const BenchImage& image = caseNamed(workload + " / bottom-right").images.front();
        QList<CropWindow> windows;
        for (const QRect& rect : image.windows)
            windows << oneWindow(rect);
        windows << oneWindow(image.windows.front().translated(-8, -8)); // two windows, so that reads matter
        Result<ImageInfo> info = probeImage(image.path, benchCropSettings().maxPixels);
        QVERIFY(info.ok());
        const ForcedStrategy forced{ForcedDecoder(decoder), ForcedReads(reads)};
        Result<CroppedImage> cropped =
            cropImageForced(image.path, *info, windows, benchCropSettings(), forced);
        QVERIFY2(cropped.ok(), cropped ? "" : qPrintable(cropped.error().message));
        QCOMPARE(cropped->decodePlan, plan);
        // The pixels are the planner's, whatever was forced.
        Result<CroppedImage> planned = cropImage(image.path, *info, windows, benchCropSettings());
        QVERIFY(planned.ok());
        for (size_t w = 0; w < cropped->windows.size(); ++w)
            QCOMPARE(cv::norm(cropped->windows[w].pixels, planned->windows[w].pixels, cv::NORM_INF), 0.0);
    }

    void regionReaderHonoursTheForce() {
        const BenchImage& image = caseNamed("gray-jpeg-rst / bottom-right").images.front();
        Result<ImageInfo> info = probeImage(image.path, benchCropSettings().maxPixels);
        QVERIFY(info.ok());
        RegionReader planned(image.path, *info, FailOn::Error, nullptr);
        QVERIFY(planned.hasRandomAccess());
        RegionReader region(image.path, *info, FailOn::Error, nullptr);
        region.forceDecoder(ForcedDecoder::JpegRegion);
        QVERIFY(!region.hasRandomAccess());
        QVERIFY(region.readsFromTheTop());
        Result<DecodedRegion> decoded = region.read(image.windows.front());
        QVERIFY(decoded.ok());
        QCOMPARE(QString::fromLatin1(decoded->decoder), QStringLiteral("jpeg-region"));
        QCOMPARE(region.plan(), QStringLiteral("jpeg-region"));
    }

    void forcedDecoderNeverFallsBack() {
        const BenchImage& png = caseNamed("gray-png / random").images.front();
        Result<ImageInfo> info = probeImage(png.path, benchCropSettings().maxPixels);
        QVERIFY(info.ok());
        RegionReader reader(png.path, *info, FailOn::Error, nullptr);
        reader.forceDecoder(ForcedDecoder::JpegRestart);
        Result<DecodedRegion> decoded = reader.read(png.windows.front());
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().kind, ErrorKind::Unsupported);
        QVERIFY2(decoded.error().message.contains("does not apply"), qPrintable(decoded.error().message));
        QVERIFY(reader.plan().isEmpty()); // no OpenCV decode behind the refusal
    }

    void dctScaledOutputIsTheScaledWindow() {
        const BenchImage& image = caseNamed("gray-jpeg / random").images.front();
        Result<std::vector<cv::Mat>> crops =
            cropDeckCrops(image, {ForcedDecoder::Auto, ForcedReads::Auto, 2}, true);
        QVERIFY(crops.ok());
        for (size_t w = 0; w < image.windows.size(); ++w) {
            const QRect scaled = scaledWindow(image.windows[w], image.storedSize, 2);
            QCOMPARE((*crops)[w].cols, scaled.width());
            QCOMPARE((*crops)[w].rows, scaled.height());
        }
    }

    // A lossy expectation judges by PSNR, and a crop in the wrong place still falls below it: windows 2
    // pixels off (one pixel at 1/2 scale) give 30-33 dB here, the right crops 50 dB or more.
    void lossyExpectationStillCatchesAWrongPlace_data() {
        QTest::addColumn<int>("dctScale");
        QTest::addColumn<double>("minimumPsnr");
        QTest::newRow("dct-scaled") << 2 << kDctScaledMinimumPsnr;
        QTest::newRow("lossless") << 1 << kLosslessMinimumPsnr;
    }

    void lossyExpectationStillCatchesAWrongPlace() {
        QFETCH(int, dctScale);
        QFETCH(double, minimumPsnr);
        const ForcedStrategy forced{ForcedDecoder::Auto, ForcedReads::Auto, dctScale == 1 ? 0 : dctScale};
        InProcessSpec spec{
            QStringLiteral("shifted"), EngineKind::CropDeck, true, {}, [forced](const BenchImage& image) {
                return cropDeckCrops(shifted(image, 2), forced, true);
            }};
        spec.expectation = {dctScale, minimumPsnr};
        std::vector<std::unique_ptr<BenchEngine>> engines;
        engines.push_back(makeInProcessEngine(std::move(spec)));
        for (const char* name : {"gray-jpeg / random", "color-jpeg-512 / random"}) {
            const std::vector<EngineRun> runs = test::runEngines(caseNamed(name), engines);
            QCOMPARE(runs.front().verdict, Verdict::Wrong);
            QVERIFY2(runs.front().verification.problem.contains("PSNR"),
                     qPrintable(runs.front().verification.problem));
        }
    }

    void notApplicableIsKeptInReports() {
        EngineRun run;
        run.caseName = "c";
        run.engine = "cropdeck-restart";
        run.notApplicable = "img_000.jpg: no restart markers";
        BenchReport report;
        report.runs.push_back(run);
        Result<BenchReport> back = reportFromJson(reportToJson(report), "mem");
        QVERIFY(back.ok());
        QCOMPARE(back->runs.front().notApplicable, run.notApplicable);
        QVERIFY(back->runs.front().skipped());

        QJsonObject old = reportToJson(report);
        QJsonArray runs = old.value("runs").toArray();
        QJsonObject first = runs.first().toObject();
        first.remove("not_applicable"); // a report written before the field
        runs[0] = first;
        old["runs"] = runs;
        Result<BenchReport> older = reportFromJson(old, "old");
        QVERIFY(older.ok());
        QVERIFY(older->runs.front().notApplicable.isEmpty());
    }

    void defaultStrategyIsThePlanner() {
        for (const char* name : {"gray-jpeg / random", "gray-png / bottom-right", "gray-bmp / random"}) {
            const BenchImage& image = caseNamed(name).images.front();
            Result<ImageInfo> info = probeImage(image.path, benchCropSettings().maxPixels);
            QVERIFY(info.ok());
            Result<CroppedImage> planned =
                cropImage(image.path, *info, storedWindows(image), benchCropSettings());
            Result<CroppedImage> forced = cropImageForced(image.path, *info, storedWindows(image),
                                                          benchCropSettings(), ForcedStrategy{});
            QVERIFY(planned.ok() && forced.ok());
            QCOMPARE(forced->decodePlan, planned->decodePlan);
            for (size_t w = 0; w < planned->windows.size(); ++w)
                QCOMPARE(cv::norm(forced->windows[w].pixels, planned->windows[w].pixels, cv::NORM_INF), 0.0);
        }
    }

private:
    const BenchCase& caseNamed(const QString& name) const {
        for (const BenchCase& benchCase : m_cases)
            if (benchCase.name == name)
                return benchCase;
        qFatal("no case %s", qPrintable(name));
    }

    QTemporaryDir m_dir;
    std::vector<BenchCase> m_cases;
};

QTEST_GUILESS_MAIN(TestBenchForced)
#include "test_bench_forced.moc"
