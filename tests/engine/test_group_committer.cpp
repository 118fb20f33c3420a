// SPDX-License-Identifier: GPL-3.0-or-later
// engine/GroupCommitter: commits run off the workers' threads, each exactly once, at most `maxWaiting`
// wait, an image can wait for its own commits, and nothing queued is dropped when the committer ends.

#include "engine/GroupCommitter.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

using namespace cropdeck;

class TestGroupCommitter : public QObject {
    Q_OBJECT
private slots:
    void runsEachCommitOnceOffTheCallersThread() {
        std::atomic_int ran{0};
        std::atomic_int onCaller{0};
        CommitCount count;
        {
            GroupCommitter committer(2, 4);
            std::vector<std::thread> workers;
            for (int t = 0; t < 4; ++t)
                workers.emplace_back([&] {
                    const std::thread::id caller = std::this_thread::get_id();
                    for (int i = 0; i < 250; ++i) {
                        count.add();
                        committer.submit([&, caller] {
                            ran.fetch_add(1);
                            if (std::this_thread::get_id() == caller)
                                onCaller.fetch_add(1);
                            count.done();
                        });
                    }
                });
            for (std::thread& worker : workers)
                worker.join();
            count.waitForAll();
            QCOMPARE(ran.load(), 1000); // all recorded once the count is back to zero
        }
        QCOMPARE(ran.load(), 1000);
        QCOMPARE(onCaller.load(), 0);
    }

    // The commits refer to locals: each committer ends (running what it holds) before they go, and
    // nothing returns early while a commit waits at the gate.
    void submitBlocksWhileTheQueueIsFull() {
        std::promise<void> gate;
        std::shared_future<void> open = gate.get_future().share();
        std::promise<void> firstStarted;
        std::atomic_int ran{0};
        const auto commit = [&] {
            open.wait();
            ran.fetch_add(1);
        };
        bool queuedWhileFull = true;
        {
            GroupCommitter committer(1, 2);
            committer.submit([&] {
                firstStarted.set_value();
                commit();
            });
            firstStarted.get_future().wait(); // the one thread holds it: the queue is empty
            committer.submit(commit);
            committer.submit(commit); // two waiting: the bound
            std::atomic_bool thirdQueued{false};
            std::thread late([&] {
                committer.submit(commit);
                thirdQueued = true;
            });
            QTest::qWait(200); // a committer without a bound would take it at once
            queuedWhileFull = thirdQueued.load();
            gate.set_value();
            late.join();
        }
        QVERIFY(!queuedWhileFull);
        QCOMPARE(ran.load(), 4);
    }

    void endingRunsWhatIsQueued() {
        std::atomic_int ran{0};
        {
            GroupCommitter committer(1, 64);
            for (int i = 0; i < 50; ++i)
                committer.submit([&] {
                    std::this_thread::sleep_for(std::chrono::microseconds(200));
                    ran.fetch_add(1);
                });
        }
        QCOMPARE(ran.load(), 50);
    }

    void countWaitsForItsOwnCommitsOnly() {
        std::promise<void> gate;
        std::shared_future<void> open = gate.get_future().share();
        CommitCount slowImage;
        CommitCount quickImage;
        std::atomic_bool quickDone{false};
        bool quickWhileSlowWaits = false;
        {
            GroupCommitter committer(2, 8);
            slowImage.add();
            committer.submit([&] {
                open.wait();
                slowImage.done();
            });
            quickImage.add();
            committer.submit([&] {
                quickDone = true;
                quickImage.done();
            });
            quickImage.waitForAll(); // returns although the other image's commit still waits
            quickWhileSlowWaits = quickDone.load();
            gate.set_value();
            slowImage.waitForAll();
        }
        QVERIFY(quickWhileSlowWaits);
    }
};

QTEST_GUILESS_MAIN(TestGroupCommitter)
#include "test_group_committer.moc"
