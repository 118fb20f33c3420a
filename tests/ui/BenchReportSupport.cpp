// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchReportSupport.h"

namespace cropdeck::test {
namespace {

bench::EngineRun timedRun(const QString& caseName, const QString& engine, int threads, double seconds) {
    bench::EngineRun run;
    run.caseName = caseName;
    run.caseDescription = QStringLiteral("8 gray JPEG images of 1000x1000");
    run.images = 8;
    run.windows = 16;
    run.sourceMegapixels = 8;
    run.engine = engine;
    run.kind =
        engine == QLatin1String("cropdeck") ? QStringLiteral("cropdeck") : QStringLiteral("in-process");
    run.detail = engine + QStringLiteral(" 1.0");
    run.threads = threads;
    run.trialSeconds = {seconds, seconds * 1.05, seconds * 0.97};
    run.stats = bench::summarizeTrials(run.trialSeconds);
    run.verification.cropsExpected = run.verification.cropsChecked = 16;
    run.verdict = bench::Verdict::Identical;
    run.floor = {0.05, QStringLiteral("jpeg entropy decode to the lowest window's bottom row"), {}};
    run.percentOfFloor = bench::percentOfFloor(run.floor.seconds, run.stats.median, threads, 2);
    return run;
}

} // namespace

bench::BenchReport syntheticBenchReport(double speed) {
    bench::BenchReport report;
    report.created = QStringLiteral("2026-12-07T04:00:00Z");
    report.system.cpuModel = speed > 1 ? QStringLiteral("Faster CPU") : QStringLiteral("Test CPU");
    report.system.cores = 2;
    report.system.cropdeckVersion = QStringLiteral("0.9.0");
    report.parameters = {QStringLiteral("seed (test)"), 3, {1, 2}, 2, {}};
    for (const QString caseName :
         {QStringLiteral("gray-jpeg / random"), QStringLiteral("gray-jpeg / corner")}) {
        for (int threads : {1, 2}) {
            report.runs.push_back(
                timedRun(caseName, QStringLiteral("cropdeck"), threads, 0.2 / threads / speed));
            report.runs.push_back(
                timedRun(caseName, QStringLiteral("opencv-pool"), threads, 0.6 / threads / speed));
        }
        bench::EngineRun serial = timedRun(caseName, QStringLiteral("opencv-serial"), 1, 0.7 / speed);
        serial.serial = true;
        report.runs.push_back(serial);
        bench::EngineRun missing = timedRun(caseName, QStringLiteral("vips-cli"), 1, 0);
        missing.unavailable = QStringLiteral("vips not found on PATH");
        missing.trialSeconds.clear();
        missing.stats = {};
        missing.verdict = bench::Verdict::NotRun;
        missing.percentOfFloor = 0;
        report.runs.push_back(missing);
    }
    return report;
}

} // namespace cropdeck::test
