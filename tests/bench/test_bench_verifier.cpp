// SPDX-License-Identifier: GPL-3.0-or-later
// The harness's verification of every crop: deliberately wrong engines (a window one pixel off, colour
// channels swapped, a truncated crop, a crop that fails) are shown as wrong, a deliberately slow but
// right one as right, and every crop of every engine is compared, not a sample.

#include "bench/BenchRunner.h"
#include "bench/CropVerifier.h"
#include "bench/InProcessEngines.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

using namespace cropdeck;
using namespace cropdeck::bench;

namespace {

// Deterministic noise: any shift or channel swap changes most samples by far more than the tolerance.
cv::Mat noise(int width, int height, int channels, quint64 seed) {
    cv::Mat pixels(height, width, CV_8UC(channels));
    cv::RNG rng(seed);
    rng.fill(pixels, cv::RNG::UNIFORM, 0, 256);
    return pixels;
}

Result<std::vector<cv::Mat>> decodeAndCut(const BenchImage& image,
                                          const std::function<cv::Rect(QRect)>& rectFor) {
    const cv::Mat full = cv::imread(image.path.toStdString(), cv::IMREAD_UNCHANGED);
    if (full.empty())
        return makeError(ErrorKind::Io, image.path + ": unreadable");
    std::vector<cv::Mat> crops;
    for (const QRect& w : image.windows)
        crops.push_back(full(rectFor(w) & cv::Rect(0, 0, full.cols, full.rows)).clone());
    return crops;
}

cv::Rect exact(QRect w) {
    return {w.x(), w.y(), w.width(), w.height()};
}

std::unique_ptr<BenchEngine> engine(const QString& name, ImageCropFunction crop) {
    return makeInProcessEngine({name, EngineKind::Peer, true, {}, std::move(crop)});
}

std::vector<std::unique_ptr<BenchEngine>> deliberateEngines() {
    std::vector<std::unique_ptr<BenchEngine>> engines;
    engines.push_back(engine("right", [](const BenchImage& i) { return decodeAndCut(i, exact); }));
    engines.push_back(engine("off-by-one", [](const BenchImage& i) {
        return decodeAndCut(i, [](QRect w) { return cv::Rect(w.x() + 1, w.y(), w.width(), w.height()); });
    }));
    engines.push_back(engine("swapped-colours", [](const BenchImage& i) -> Result<std::vector<cv::Mat>> {
        Result<std::vector<cv::Mat>> crops = decodeAndCut(i, exact);
        for (cv::Mat& crop : *crops)
            cv::cvtColor(crop, crop, cv::COLOR_BGR2RGB);
        return crops;
    }));
    engines.push_back(engine("truncated", [](const BenchImage& i) {
        return decodeAndCut(i, [](QRect w) { return cv::Rect(w.x(), w.y(), w.width(), w.height() - 1); });
    }));
    engines.push_back(engine("failing", [](const BenchImage& i) -> Result<std::vector<cv::Mat>> {
        return makeError(ErrorKind::Unsupported, i.path + ": this engine cannot read it");
    }));
    engines.push_back(engine("slow", [](const BenchImage& i) {
        for (int k = 0; k < 5; ++k) // the same work five times over: slower, still right
            (void)decodeAndCut(i, exact);
        return decodeAndCut(i, exact);
    }));
    return engines;
}

const EngineRun& runOf(const std::vector<EngineRun>& runs, const QString& engine) {
    for (const EngineRun& run : runs)
        if (run.engine == engine)
            return run;
    qFatal("no run of %s", qPrintable(engine));
}

} // namespace

class TestBenchVerifier : public QObject {
    Q_OBJECT

private slots:
    void comparisonRules() {
        const cv::Mat reference = noise(16, 8, 3, 1);
        Verification same;
        compareCrop(same, reference, reference.clone(), "a");
        QCOMPARE(same.verdict(), Verdict::Identical);
        QVERIFY(std::isinf(same.psnr()));

        Verification close;
        cv::Mat nudged = reference.clone();
        nudged.at<cv::Vec3b>(3, 4)[1] ^= 1;
        compareCrop(close, reference, nudged, "a");
        QCOMPARE(close.verdict(), Verdict::Close);
        QCOMPARE(close.maxAbsDiff, 1);
        QVERIFY(close.psnr() > 60);
        QCOMPARE(close.verdict(0), Verdict::Wrong); // --tolerance 0: identical only

        Verification sized;
        compareCrop(sized, reference, reference(cv::Rect(0, 0, 16, 7)).clone(), "img.png window 0");
        QCOMPARE(sized.verdict(), Verdict::Wrong);
        QVERIFY2(sized.problem.contains("img.png window 0") && sized.problem.contains("16x7"),
                 qPrintable(sized.problem));

        Verification missing;
        missing.cropsExpected = 2;
        compareCrop(missing, reference, reference, "a");
        QCOMPARE(missing.verdict(), Verdict::Wrong); // one of two crops never came
    }

    void losslessNormalisations() {
        const cv::Mat gray = noise(8, 8, 1, 2);
        cv::Mat bgr, bgra;
        cv::cvtColor(gray, bgr, cv::COLOR_GRAY2BGR);
        cv::cvtColor(gray, bgra, cv::COLOR_GRAY2BGRA);
        Verification v;
        compareCrop(v, gray, bgr, "gray as three equal channels");
        compareCrop(v, gray, bgra, "gray with an opaque alpha");
        QCOMPARE(v.verdict(), Verdict::Identical);

        cv::Mat transparent = bgra.clone();
        transparent.at<cv::Vec4b>(0, 0)[3] = 0;
        Verification t;
        compareCrop(t, gray, transparent, "real transparency");
        QCOMPARE(t.verdict(), Verdict::Wrong);
    }

    void everyCropOfEveryEngineIsChecked() {
        QTemporaryDir dir;
        BenchCase benchCase{"noise", "3 noise PNGs", {}};
        for (int i = 0; i < 3; ++i) {
            const QString path = QDir(dir.path()).filePath(QStringLiteral("noise_%1.png").arg(i));
            QVERIFY(cv::imwrite(path.toStdString(), noise(64, 48, 3, 10 + i)));
            benchCase.images.push_back(
                {path, QSize(64, 48), {QRect(0, 0, 16, 16), QRect(20, 10, 30, 20), QRect(40, 30, 23, 17)}});
        }
        std::vector<std::unique_ptr<BenchEngine>> engines = deliberateEngines();
        std::vector<BenchEngine*> pointers;
        for (const auto& e : engines)
            pointers.push_back(e.get());
        Result<std::vector<EngineRun>> runs =
            runCase(benchCase, pointers, CaseOptions{{1, 2}, 2, kDefaultTolerance}, [](const QString&) {});
        QVERIFY2(runs.ok(), runs.ok() ? "" : qPrintable(runs.error().message));
        QCOMPARE(runs->size(), size_t(2 * engines.size())); // every engine at 1 and 2 threads

        for (const char* right : {"right", "slow"}) {
            const EngineRun& run = runOf(*runs, right);
            QCOMPARE(run.verdict, Verdict::Identical);
            QVERIFY(run.correct());
            QCOMPARE(run.verification.cropsChecked, 9);
            QCOMPARE(run.trialSeconds.size(), size_t(2));
        }
        for (const char* wrong : {"off-by-one", "swapped-colours", "truncated"}) {
            const EngineRun& run = runOf(*runs, wrong);
            QCOMPARE(run.verdict, Verdict::Wrong);
            QVERIFY2(!run.correct(), wrong);
            QCOMPARE(run.verification.cropsChecked, 9);
            QCOMPARE(run.verification.cropsDiffering, 9);
        }
        QVERIFY(runOf(*runs, "off-by-one").verification.maxAbsDiff > 100);
        QVERIFY(runOf(*runs, "truncated").verification.problem.contains("noise_0.png window 0"));
        const EngineRun& failing = runOf(*runs, "failing");
        QCOMPARE(failing.failures, 2 * 9); // every crop of both timed passes
        QVERIFY(!failing.correct());
        QVERIFY(failing.verification.problem.contains("cannot read"));
    }

    void foldDependsOnThePixels() {
        // The fold depends on the pixels: two different crops do not fold alike.
        QVERIFY(foldPixels(noise(8, 8, 3, 1)) != foldPixels(noise(8, 8, 3, 2)));
    }
};

QTEST_GUILESS_MAIN(TestBenchVerifier)
#include "test_bench_verifier.moc"
