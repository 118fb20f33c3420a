// SPDX-License-Identifier: GPL-3.0-or-later
// Encoded outputs (--output memory|disk|tmpfs, --format): every in-process engine's written files are
// what is verified, lossless formats sample for sample, lossy ones against CropDeck's own encode of the
// reference (a crop of the wrong place is caught even in JPEG); output folders are checked before a run
// and the scratch folders are gone after it.

#include "BenchTestCase.h"
#include "bench/BenchOutput.h"
#include "bench/BenchRunner.h"
#include "bench/CropVerifier.h"
#include "bench/InProcessEngines.h"
#include "bench/PeerEngines.h"

#include <QDir>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

using namespace cropdeck;
using namespace cropdeck::bench;
using namespace cropdeck::test;

namespace {

std::vector<std::unique_ptr<BenchEngine>> engineNamed(const QStringList& names) {
    std::vector<std::unique_ptr<BenchEngine>> chosen;
    for (std::unique_ptr<BenchEngine>& engine : makeInProcessEngines())
        if (names.contains(engine->name()))
            chosen.push_back(std::move(engine));
    return chosen;
}

// OpenCV's full decode, cut one pixel to the right of every window: wrong by design.
std::unique_ptr<BenchEngine> shiftedEngine(WriterStyle writer) {
    InProcessSpec spec;
    spec.name = QStringLiteral("shifted");
    spec.parallel = false;
    spec.writer = writer;
    spec.crop = [](const BenchImage& image) {
        return imreadCrops(image, 1);
    };
    return makeInProcessEngine(std::move(spec));
}

bool hasTmpfs() {
    return QStorageInfo(QStringLiteral("/dev/shm")).fileSystemType() == "tmpfs";
}

int scratchFoldersIn(const QString& folder) {
    return int(QDir(folder).entryList({"cropdeck-bench-*"}, QDir::Dirs | QDir::NoDotAndDotDot).size());
}

} // namespace

class TestBenchOutput : public QObject {
    Q_OBJECT

private slots:
    void targetsParse() {
        QCOMPARE(*parseOutputTarget("disk"), OutputTarget::Disk);
        QCOMPARE(*parseOutputTarget(" TMPFS"), OutputTarget::Tmpfs);
        QCOMPARE(*parseOutputTarget("memory"), OutputTarget::Memory);
        const Result<OutputTarget> bad = parseOutputTarget("cloud");
        QVERIFY(!bad);
        QVERIFY2(bad.error().message.contains("expected memory, disk or tmpfs"),
                 qPrintable(bad.error().message));
    }

    void specDescribesItself() {
        OutputSpec spec;
        QVERIFY(!spec.encodes());
        QCOMPARE(spec.describe(), QString("memory (pixels)"));
        spec.format = OutputFormat::Jpeg;
        spec.quality = 80;
        QVERIFY(spec.encodes() && spec.lossy());
        QCOMPARE(spec.describe(), QString("memory (jpeg q80)"));
        spec = {};
        spec.target = OutputTarget::Disk;
        QVERIFY(spec.encodes() && !spec.lossy());
        QCOMPARE(spec.effectiveFormat(), OutputFormat::Png); // files are PNG unless a format is named
        QCOMPARE(spec.extension(), QString("png"));
    }

    void foldersAreChecked() {
        QTemporaryDir dir;
        const bool diskTemp = QStorageInfo(dir.path()).fileSystemType() != "tmpfs";
        OutputSpec memory;
        memory.folder = "left over";
        QVERIFY(resolveOutputFolder(memory, dir.path()));
        QVERIFY(memory.folder.isEmpty());

        OutputSpec missing;
        missing.target = OutputTarget::Disk;
        const Status gone = resolveOutputFolder(missing, dir.filePath("nope"));
        QVERIFY(!gone);
        QVERIFY2(gone.error().message.contains("is not a folder"), qPrintable(gone.error().message));

        if (diskTemp) { // a "tmpfs" figure measured on a disk would mislead
            OutputSpec tmpfs;
            tmpfs.target = OutputTarget::Tmpfs;
            const Status refused = resolveOutputFolder(tmpfs, dir.path());
            QVERIFY(!refused);
            QVERIFY2(refused.error().message.contains("not a tmpfs"), qPrintable(refused.error().message));
            OutputSpec disk;
            disk.target = OutputTarget::Disk;
            QVERIFY(resolveOutputFolder(disk, dir.path()));
            QCOMPARE(disk.folder, QDir(dir.path()).absolutePath());
        }
        if (hasTmpfs()) {
            OutputSpec disk;
            disk.target = OutputTarget::Disk;
            const Status refused = resolveOutputFolder(disk, "/dev/shm");
            QVERIFY(!refused);
            QVERIFY2(refused.error().message.contains("in memory"), qPrintable(refused.error().message));
            OutputSpec tmpfs;
            tmpfs.target = OutputTarget::Tmpfs;
            QVERIFY(resolveOutputFolder(tmpfs, {}));
            QCOMPARE(tmpfs.folder, QString("/dev/shm"));
        }
    }

    // PNG files on disk: the written crops are identical to the reference, and the files are gone after.
    void pngFilesAreVerifiedAndRemoved() {
        QTemporaryDir images, out;
        if (QStorageInfo(out.path()).fileSystemType() == "tmpfs")
            QSKIP("the temporary folder is a tmpfs here");
        BenchCase benchCase = noiseCase(images.path(), 3);
        benchCase.output.target = OutputTarget::Disk;
        QVERIFY(resolveOutputFolder(benchCase.output, out.path()));
        std::vector<std::unique_ptr<BenchEngine>> engines =
            engineNamed({"cropdeck", "cropdeck-each-window", "opencv-serial", "opencv-pool"});
        QCOMPARE(engines.size(), size_t(4));
        const std::vector<EngineRun> runs = runEngines(benchCase, engines);
        QCOMPARE(runs.size(), size_t(4));
        for (const EngineRun& run : runs) {
            QVERIFY2(run.error.isEmpty(), qPrintable(run.engine + ": " + run.error));
            QCOMPARE(run.failures, 0);
            QCOMPARE(run.verification.cropsChecked, benchCase.windowCount());
            QVERIFY2(run.verdict == Verdict::Identical,
                     qPrintable(run.engine + ": " + run.verification.problem));
            QVERIFY(!run.verification.lossy);
        }
        QCOMPARE(scratchFoldersIn(out.path()), 0);
    }

    // JPEG into memory and onto a tmpfs: lossy, close to CropDeck's own encode; a shifted crop is wrong.
    void lossyOutputsCatchAWrongCrop_data() {
        QTest::addColumn<int>("target");
        QTest::newRow("memory") << int(OutputTarget::Memory);
        QTest::newRow("disk") << int(OutputTarget::Disk);
        QTest::newRow("tmpfs") << int(OutputTarget::Tmpfs);
    }
    void lossyOutputsCatchAWrongCrop() {
        QFETCH(int, target);
        if (OutputTarget(target) == OutputTarget::Tmpfs && !hasTmpfs())
            QSKIP("no tmpfs at /dev/shm on this system");
        QTemporaryDir images, out;
        if (OutputTarget(target) == OutputTarget::Disk &&
            QStorageInfo(out.path()).fileSystemType() == "tmpfs")
            QSKIP("the temporary folder is a tmpfs here");
        BenchCase benchCase = noiseCase(images.path(), 2);
        benchCase.output.target = OutputTarget(target);
        benchCase.output.format = OutputFormat::Jpeg;
        benchCase.output.quality = 85;
        QVERIFY(resolveOutputFolder(benchCase.output,
                                    OutputTarget(target) == OutputTarget::Disk ? out.path() : QString()));
        std::vector<std::unique_ptr<BenchEngine>> engines = engineNamed({"cropdeck", "opencv-pool"});
        engines.push_back(shiftedEngine(WriterStyle::CropDeck));
        engines.push_back(shiftedEngine(WriterStyle::OpenCv));
        const std::vector<EngineRun> runs = runEngines(benchCase, engines);
        QCOMPARE(runs.size(), size_t(4));
        for (const EngineRun& run : runs) {
            QVERIFY2(run.error.isEmpty(), qPrintable(run.engine + ": " + run.error));
            QVERIFY(run.verification.lossy);
            QCOMPARE(run.verification.cropsChecked, benchCase.windowCount());
            if (run.engine == "shifted") {
                QCOMPARE(run.verdict, Verdict::Wrong);
                QVERIFY2(run.verification.problem.contains("CropDeck's own encode"),
                         qPrintable(run.verification.problem));
                QVERIFY(!run.correct());
            } else {
                // CropDeck's own writer is its round trip exactly; OpenCV's libjpeg at the same quality
                // comes within the margin.
                QVERIFY2(run.verdict == Verdict::Close || run.verdict == Verdict::Identical,
                         qPrintable(run.engine + ": " + run.verification.problem));
                QVERIFY2(run.verification.worstMarginDb > -kLossyMarginDb,
                         qPrintable(QString::number(run.verification.worstMarginDb)));
                if (run.engine == "cropdeck")
                    QCOMPARE(run.verification.worstMarginDb, 0.0);
            }
        }
        QCOMPARE(scratchFoldersIn(out.path()), 0);
    }

    // The self-timed peers save (or encode into memory) with their own calls; what they saved is what
    // is verified. Skipped for peers that cannot run here (the reason is printed).
    void peersSaveTheirOutputs_data() {
        QTest::addColumn<int>("target");
        QTest::addColumn<int>("format");
        QTest::newRow("png on disk") << int(OutputTarget::Disk) << int(OutputFormat::Png);
        QTest::newRow("jpeg on disk") << int(OutputTarget::Disk) << int(OutputFormat::Jpeg);
        QTest::newRow("jpeg in memory") << int(OutputTarget::Memory) << int(OutputFormat::Jpeg);
    }
    void peersSaveTheirOutputs() {
        QFETCH(int, target);
        QFETCH(int, format);
        QTemporaryDir images, out;
        if (QStorageInfo(out.path()).fileSystemType() == "tmpfs")
            QSKIP("the temporary folder is a tmpfs here");
        BenchCase benchCase = noiseCase(images.path(), 2);
        benchCase.output.target = OutputTarget(target);
        benchCase.output.format = OutputFormat(format);
        QVERIFY(resolveOutputFolder(benchCase.output,
                                    OutputTarget(target) == OutputTarget::Disk ? out.path() : QString()));
        std::vector<std::unique_ptr<BenchEngine>> peers;
        for (auto& peer :
             makePeerEngines(PeerSetup{pythonWithPillow(), QStringLiteral(CROPDECK_TEST_VIPS_PEER)})) {
            if (!peer->unavailableReason().isEmpty())
                qInfo("%s not tested: %s", qPrintable(peer->name()), qPrintable(peer->unavailableReason()));
            else if (peer->name() != "vips-cli" && peer->name() != "imagemagick" &&
                     peer->name() != "graphicsmagick")
                peers.push_back(std::move(peer)); // the self-timed ones (the command ones: test_bench_peers)
        }
        if (peers.empty())
            QSKIP("no self-timed peer can run here");
        for (const EngineRun& run : runEngines(benchCase, peers)) {
            QVERIFY2(run.error.isEmpty(), qPrintable(run.engine + ": " + run.error));
            QCOMPARE(run.failures, 0);
            QCOMPARE(run.verification.cropsChecked, benchCase.windowCount());
            QCOMPARE(run.verification.lossy, OutputFormat(format) == OutputFormat::Jpeg);
            QVERIFY2(run.correct(), qPrintable(run.engine + ": " + run.verification.problem));
        }
        QCOMPARE(scratchFoldersIn(out.path()), 0);
    }

    void lossyComparisonRules() {
        cv::Mat reference(32, 32, CV_8UC1);
        cv::RNG(7).fill(reference, cv::RNG::UNIFORM, 0, 256);
        Verification same;
        compareLossyCrop(same, reference, reference, reference, "w");
        QCOMPARE(same.verdict(), Verdict::Identical);
        // A round trip that is exact (a flat crop) does not demand exactness: a difference of one level
        // is within the ceiling's margin.
        const cv::Mat flat(16, 16, CV_8UC1, cv::Scalar(100)), nearly(16, 16, CV_8UC1, cv::Scalar(101));
        Verification rounding;
        compareLossyCrop(rounding, flat, flat, nearly, "w");
        QCOMPARE(rounding.verdict(), Verdict::Close);
        // Another size is wrong whatever its pixels.
        Verification smaller;
        compareLossyCrop(smaller, reference, reference, reference(cv::Rect(0, 0, 31, 32)).clone(), "w");
        QCOMPARE(smaller.verdict(), Verdict::Wrong);
        // JPEG drops alpha: a BGR output is compared with the reference's colour channels.
        cv::Mat bgra(8, 8, CV_8UC4, cv::Scalar(10, 20, 30, 255)), bgr(8, 8, CV_8UC3, cv::Scalar(10, 20, 30));
        Verification alpha;
        compareLossyCrop(alpha, bgra, bgr, bgr, "w");
        QCOMPARE(alpha.verdict(), Verdict::Identical);
    }
};

QTEST_GUILESS_MAIN(TestBenchOutput)
#include "test_bench_output.moc"
