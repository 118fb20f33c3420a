// SPDX-License-Identifier: GPL-3.0-or-later
// The benchmark's method on synthetic timings: median and spread, the warm-up, engines interleaved with
// a rotating order, and a run that fails taking no further pass.

#include "bench/TrialStats.h"

#include <QTest>

using namespace cropdeck::bench;

class TestBenchTrials : public QObject {
    Q_OBJECT

private slots:
    void summary_data() {
        QTest::addColumn<std::vector<double>>("seconds");
        QTest::addColumn<double>("median");
        QTest::addColumn<double>("min");
        QTest::addColumn<double>("max");
        QTest::addColumn<double>("spread");
        QTest::newRow("none") << std::vector<double>{} << 0.0 << 0.0 << 0.0 << 0.0;
        QTest::newRow("one") << std::vector<double>{2.0} << 2.0 << 2.0 << 2.0 << 0.0;
        QTest::newRow("odd, unsorted") << std::vector<double>{3.0, 1.0, 2.0} << 2.0 << 1.0 << 3.0 << 100.0;
        QTest::newRow("even") << std::vector<double>{4.0, 1.0, 2.0, 3.0} << 2.5 << 1.0 << 4.0 << 120.0;
        QTest::newRow("outlier does not move the median")
            << std::vector<double>{1.0, 1.0, 1.0, 1.0, 9.0} << 1.0 << 1.0 << 9.0 << 800.0;
    }
    void summary() {
        QFETCH(std::vector<double>, seconds);
        const TrialStats stats = summarizeTrials(seconds);
        QFETCH(double, median);
        QFETCH(double, min);
        QFETCH(double, max);
        QFETCH(double, spread);
        QCOMPARE(stats.median, median);
        QCOMPARE(stats.min, min);
        QCOMPARE(stats.max, max);
        QCOMPARE(stats.spreadPercent, spread);
    }

    void warmUpOnceThenRoundsRotate() {
        std::vector<int> warmed, order;
        const auto seconds = interleaveTrials(
            3, 3, [&](int run) { warmed.push_back(run); },
            [&](int run) {
                order.push_back(run);
                return 1.0 + run;
            });
        QCOMPARE(warmed, (std::vector<int>{0, 1, 2}));
        QCOMPARE(order, (std::vector<int>{0, 1, 2, 1, 2, 0, 2, 0, 1}));
        QCOMPARE(seconds.size(), size_t(3));
        QCOMPARE(seconds[2], (std::vector<double>{3.0, 3.0, 3.0}));
    }

    void failedRunTakesNoFurtherPass() {
        int passesOfRun1 = 0;
        const auto seconds = interleaveTrials(
            2, 4, [](int) {},
            [&](int run) {
                if (run == 1)
                    return ++passesOfRun1 == 2 ? -1.0 : 0.5;
                return 0.25;
            });
        QCOMPARE(passesOfRun1, 2);
        QCOMPARE(seconds[0].size(), size_t(4));
        QCOMPARE(seconds[1], (std::vector<double>{0.5}));
    }

    void driftHitsEveryRunAlike() {
        // A machine that slows down by 1 s per pass: with the rotating order each run's median sees the
        // same drift, so two equal engines get equal medians.
        double clock = 0;
        const auto seconds = interleaveTrials(
            2, 4, [](int) {}, [&](int) { return clock += 1.0; });
        QCOMPARE(summarizeTrials(seconds[0]).median, summarizeTrials(seconds[1]).median);
    }
};

QTEST_GUILESS_MAIN(TestBenchTrials)
#include "test_bench_trials.moc"
