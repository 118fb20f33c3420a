// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/MemoryBudget.h"

#include <QTest>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <atomic>
#include <vector>

using namespace cropdeck;

class TestMemoryBudget : public QObject {
    Q_OBJECT
private slots:
    void neverExceedsTheTotal() {
        MemoryBudget budget(1000);
        QThreadPool pool;
        pool.setMaxThreadCount(8);
        std::atomic<qint64> worst{0};
        std::vector<int> sizes;
        for (int i = 0; i < 400; ++i)
            sizes.push_back(50 + (i * 37) % 400);
        QtConcurrent::blockingMap(&pool, sizes, [&](int bytes) {
            MemoryReservation reservation(budget, bytes);
            volatile double sink = 0; // hold the reservation a while so that workers overlap
            for (int k = 0; k < 20000; ++k)
                sink = sink + k * 0.5;
            qint64 now = budget.inUse();
            qint64 seen = worst.load();
            while (now > seen && !worst.compare_exchange_weak(seen, now)) {
            }
        });
        QVERIFY(worst.load() <= 1000);
        QVERIFY(budget.peakInUse() <= 1000);
        QCOMPARE(budget.inUse(), 0);
    }

    void oversizedRequestIsCappedAndRunsAlone() {
        MemoryBudget budget(100);
        QCOMPARE(budget.acquire(5000), 100);
        QCOMPARE(budget.inUse(), 100);
        budget.release(100);
        QCOMPARE(budget.inUse(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMemoryBudget)
#include "test_memory_budget.moc"
