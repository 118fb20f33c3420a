// SPDX-License-Identifier: GPL-3.0-or-later
// The physical floor (core/bench/PhysicalFloor.h): measured for JPEG, PNG and BMP cases with the method
// each format gets; for JPEG the work counted by libjpeg (rows gone past, entropy-coded bytes consumed)
// grows with the lowest window's bottom row; a damaged JPEG gives the floor an error while the engines
// still run. No timing is asserted beyond "a floor was measured".

#include "BenchTestCase.h"
#include "bench/BenchRunner.h"
#include "bench/InProcessEngines.h"
#include "bench/PhysicalFloor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

using namespace cropdeck;
using namespace cropdeck::bench;
using namespace cropdeck::test;

namespace {

constexpr int kWidth = 64;
constexpr int kHeight = 512;

// Gray noise: every 8x8 block carries entropy-coded data, so bytes consumed track rows decoded.
QString writeImage(const QString& folder, const QString& name) {
    cv::Mat pixels(kHeight, kWidth, CV_8UC1);
    cv::RNG rng(7);
    rng.fill(pixels, cv::RNG::UNIFORM, 0, 256);
    const QString path = QDir(folder).filePath(name);
    if (!cv::imwrite(path.toStdString(), pixels))
        return {};
    return path;
}

BenchCase caseOf(const QString& path, const QRect& window) {
    BenchCase benchCase;
    benchCase.name = QStringLiteral("floor");
    benchCase.images.push_back({path, QSize(kWidth, kHeight), {window}});
    return benchCase;
}

QByteArray contents(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Crops with OpenCV's imread, which decodes damaged JPEGs as libjpeg's defaults allow.
std::unique_ptr<BenchEngine> imreadEngine() {
    InProcessSpec spec;
    spec.name = QStringLiteral("imread");
    spec.crop = [](const BenchImage& image) {
        return imreadCrops(image);
    };
    return makeInProcessEngine(std::move(spec));
}

std::vector<EngineRun> runWithImread(const BenchCase& benchCase) {
    std::unique_ptr<BenchEngine> engine = imreadEngine();
    Result<std::vector<EngineRun>> runs =
        runCase(benchCase, {engine.get()}, CaseOptions{{1}, 2, kDefaultTolerance}, {});
    if (!runs)
        qWarning("%s", qPrintable(runs.error().message));
    return runs ? *runs : std::vector<EngineRun>{};
}

} // namespace

class TestBenchFloor : public QObject {
    Q_OBJECT

private slots:
    void measuredForEachFormat_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("method");
        QTest::newRow("jpeg") << "noise.jpg"
                              << "jpeg entropy decode to the lowest window's bottom row";
        QTest::newRow("png") << "noise.png"
                             << "png inflate of the whole IDAT stream (libdeflate)";
        QTest::newRow("bmp") << "noise.bmp"
                             << "read of the whole file from the page cache";
    }

    void measuredForEachFormat() {
        QFETCH(QString, file);
        QFETCH(QString, method);
        QTemporaryDir dir;
        const QString path = writeImage(dir.path(), file);
        QVERIFY(!path.isEmpty());
        const BenchCase benchCase = caseOf(path, QRect(8, 100, 32, 32));

        const PhysicalFloor floor = measurePhysicalFloor(benchCase, 3);
        QVERIFY2(floor.error.isEmpty(), qPrintable(floor.error));
        QVERIFY(floor.seconds > 0);
        QCOMPARE(floor.method, method);

        const std::vector<EngineRun> runs = runWithImread(benchCase);
        QCOMPARE(runs.size(), size_t(1));
        QVERIFY(runs[0].correct());
        QCOMPARE(runs[0].floor.method, method);
        QVERIFY(runs[0].floor.measured());
        QVERIFY(runs[0].percentOfFloor > 0);
    }

    void countsOfEachFormat() {
        QTemporaryDir dir;
        const QRect window(8, 100, 32, 32);
        const QString png = writeImage(dir.path(), "noise.png");
        const FloorWork inflated = floorWork(caseOf(png, window).images[0], contents(png));
        QCOMPARE(inflated.rows, kHeight);
        QCOMPARE(inflated.bytes, qint64(kHeight) * (1 + kWidth)); // every row with its filter byte
        const QString bmp = writeImage(dir.path(), "noise.bmp");
        const FloorWork read = floorWork(caseOf(bmp, window).images[0], contents(bmp));
        QCOMPARE(read.bytes, QFileInfo(bmp).size());
    }

    void jpegTopWindowDecodesLessThanBottom() {
        QTemporaryDir dir;
        const QString path = writeImage(dir.path(), "noise.jpg");
        const QByteArray bytes = contents(path);
        const FloorWork top = floorWork(caseOf(path, QRect(0, 0, 16, 16)).images[0], bytes);
        const FloorWork bottom = floorWork(caseOf(path, QRect(0, kHeight - 16, 16, 16)).images[0], bytes);
        QVERIFY2(top.error.isEmpty() && bottom.error.isEmpty(), qPrintable(top.error + bottom.error));
        QCOMPARE(top.rows, 16);
        QCOMPARE(bottom.rows, kHeight);
        QVERIFY(top.bytes > 0);
        // libjpeg's source pointer: the entropy-coded data it consumed, far less for the top window
        QVERIFY2(top.bytes * 4 < bottom.bytes,
                 qPrintable(QStringLiteral("%1 vs %2").arg(top.bytes).arg(bottom.bytes)));
        QVERIFY(bottom.bytes <= bytes.size());
    }

    void damagedJpegGivesAnErrorAndTheRunGoesOn_data() {
        QTest::addColumn<bool>("garbage");
        QTest::newRow("truncated") << false;
        QTest::newRow("corrupt entropy data") << true;
    }

    void damagedJpegGivesAnErrorAndTheRunGoesOn() {
        QFETCH(bool, garbage);
        QTemporaryDir dir;
        const QString path = writeImage(dir.path(), "noise.jpg");
        QByteArray bytes = contents(path);
        if (garbage)
            bytes.replace(bytes.size() / 2, 64, QByteArray(64, '\xFF')); // a run of markers mid-scan
        else
            bytes.truncate(bytes.size() / 3);
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly) && out.write(bytes) == bytes.size());
        out.close();
        const BenchCase benchCase = caseOf(path, QRect(0, kHeight - 16, 16, 16));

        const FloorWork work = floorWork(benchCase.images[0], bytes);
        QVERIFY(!work.error.isEmpty());
        QVERIFY2(work.error.contains("noise.jpg"), qPrintable(work.error));
        const PhysicalFloor floor = measurePhysicalFloor(benchCase, 2);
        QVERIFY(!floor.measured());
        QCOMPARE(floor.seconds, 0.0);
        QCOMPARE(floor.error, work.error);

        const std::vector<EngineRun> runs = runWithImread(benchCase);
        QCOMPARE(runs.size(), size_t(1));
        QVERIFY(runs[0].timed());
        QCOMPARE(runs[0].floor.error, work.error);
        QCOMPARE(runs[0].percentOfFloor, 0.0);
    }

    void percentOfFloorDividesTheFloorOverUsableThreads() {
        QCOMPARE(percentOfFloor(1.0, 2.0, 1, 8), 200.0);
        QCOMPARE(percentOfFloor(1.0, 0.5, 2, 8), 100.0);  // floor ÷ 2 on 2 threads
        QCOMPARE(percentOfFloor(1.0, 0.5, 16, 2), 100.0); // no more than the cores
        QCOMPARE(percentOfFloor(0.0, 0.5, 1, 2), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestBenchFloor)
#include "test_bench_floor.moc"
