// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchTestCase.h"

#include "bench/BenchRunner.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

namespace cropdeck::test {

bench::BenchCase noiseCase(const QString& folder, int images) {
    bench::BenchCase benchCase{QStringLiteral("noise"), QStringLiteral("colour noise PNGs"), {}};
    for (int i = 0; i < images; ++i) {
        cv::Mat pixels(48, 64, CV_8UC3);
        cv::RNG rng(100 + i);
        rng.fill(pixels, cv::RNG::UNIFORM, 0, 256);
        const QString path = QDir(folder).filePath(QStringLiteral("noise_%1.png").arg(i));
        if (!cv::imwrite(path.toStdString(), pixels))
            qFatal("cannot write %s", qPrintable(path));
        benchCase.images.push_back({path, QSize(64, 48), {QRect(0, 0, 16, 16), QRect(21, 9, 30, 20)}});
    }
    return benchCase;
}

Result<std::vector<cv::Mat>> imreadCrops(const bench::BenchImage& image, int shift) {
    const cv::Mat pixels = cv::imread(image.path.toStdString(), cv::IMREAD_UNCHANGED);
    std::vector<cv::Mat> crops;
    for (const QRect& w : image.windows)
        crops.push_back(pixels(cv::Rect(w.x() + shift, w.y(), w.width(), w.height())).clone());
    return crops;
}

std::vector<bench::EngineRun> runEngines(const bench::BenchCase& benchCase,
                                         const std::vector<std::unique_ptr<bench::BenchEngine>>& engines) {
    std::vector<bench::BenchEngine*> pointers;
    for (const auto& engine : engines)
        pointers.push_back(engine.get());
    Result<std::vector<bench::EngineRun>> runs =
        bench::runCase(benchCase, pointers, bench::CaseOptions{{1}, 1, 2}, {});
    if (!runs)
        qFatal("runCase failed: %s", qPrintable(runs.error().message));
    return *runs;
}

QString pythonWithPillow() {
    for (const QString& candidate :
         {QStandardPaths::findExecutable("python3"), QStringLiteral("/usr/bin/python3")}) {
        if (candidate.isEmpty())
            continue;
        QProcess process;
        process.start(candidate, {"-c", "import PIL"});
        if (process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit &&
            process.exitCode() == 0)
            return candidate;
    }
    return {};
}

} // namespace cropdeck::test
