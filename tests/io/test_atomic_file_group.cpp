// SPDX-License-Identifier: GPL-3.0-or-later
// io/AtomicFileGroup: many files made durable together. Where Linux has unnamed files (O_TMPFILE) the
// group holds them open until commit, so nothing of an uncommitted group is visible or left behind;
// past its share of descriptors, or where the file system has none, it names temporaries instead.
#include "io/AtomicFileGroup.h"
#include "io/AtomicFileParts.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace cropdeck;

namespace {

// Every entry of a folder, hidden ones included.
QStringList everything(const QString& folder) {
    QStringList names =
        QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    names.sort();
    return names;
}

QByteArray contentOf(int i) {
    return "file " + QByteArray::number(i) + ' ' + QByteArray(i % 97, char('a' + i % 26));
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

#ifdef Q_OS_UNIX
// Whether this folder's file system makes unnamed files (Linux O_TMPFILE); where it does, the group
// must use them.
bool unnamedFilesWork(const QString& folder) {
#ifdef O_TMPFILE
    const int fd = ::open(QFile::encodeName(folder).constData(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
#else
    Q_UNUSED(folder);
    return false;
#endif
}
#endif

int openDescriptors() {
    return int(
        QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size());
}

} // namespace

#ifdef Q_OS_UNIX
// SyncLedger::claim() on a thread of its own: answer() is -1 while it waits, then 0 (covered) or the
// ticket of the sync the claimant must run. Joined at the latest when it goes out of scope.
class BackgroundClaim {
public:
    BackgroundClaim(atomic_detail::SyncLedger& ledger, const QByteArray& key, quint64 ready)
        : m_thread([this, &ledger, key, ready] {
            const std::optional<quint64> own = ledger.claim(key, ready);
            m_answer = own ? qint64(*own) : 0;
        }) {}
    ~BackgroundClaim() {
        if (m_thread.joinable())
            m_thread.join();
    }
    qint64 answer() const { return m_answer; }
    qint64 finish() {
        m_thread.join();
        return m_answer;
    }

private:
    std::atomic<qint64> m_answer{-1};
    std::thread m_thread; // after m_answer, which it writes
};
#endif

class TestAtomicFileGroup : public QObject {
    Q_OBJECT
private slots:
#ifdef Q_OS_UNIX
    void initTestCase() {
        // A small descriptor limit, set before any group runs: the group may then hold 64 unnamed
        // files at once, and the tests below go past that to reach the named fallback.
        struct rlimit limit;
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &limit), 0);
        limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 128);
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &limit), 0);
    }
#endif

#ifdef Q_OS_UNIX
    // An unnamed file is named through its descriptor where the kernel allows it, else through
    // /proc/self/fd: both ways give the name, the content, and EEXIST over an existing file.
    void bothWaysOfNamingAnUnnamedFile() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        if (!unnamedFilesWork(dir.path()))
            QSKIP("this file system has no unnamed files (O_TMPFILE)");
        const QByteArray folder = QFile::encodeName(dir.path());
        using Link = int (*)(int, const QByteArray&);
        const QList<QPair<const char*, Link>> ways = {{"descriptor", &atomic_detail::linkUnnamed},
                                                      {"proc", &atomic_detail::linkUnnamedThroughProc}};
        for (const auto& [name, link] : ways) {
            const QByteArray target = folder + '/' + name + ".bin";
            const QByteArray content = QByteArray("named ") + name;
            const int fd = atomic_detail::createUnnamed(folder);
            QVERIFY2(fd >= 0, name);
            QVERIFY(atomic_detail::writeAll(fd, content));
            QCOMPARE(link(fd, target), 0);
            QCOMPARE(link(fd, target), EEXIST);
            QCOMPARE(atomic_detail::closeUnnamed(fd), 0);
            QCOMPARE(readAll(QFile::decodeName(target)), content);
        }
        QCOMPARE(everything(dir.path()), QStringList({"descriptor.bin", "proc.bin"}));
    }

    // A sync that began after some work was ready covers it; a failed one covers nothing; another key
    // (file system or folder) is another matter.
    void syncLedgerSkipsWhatALaterSyncCovered() {
        atomic_detail::SyncLedger ledger;
        const QByteArray key = "dev:1";
        const quint64 ready = ledger.ticket();
        const std::optional<quint64> first = ledger.claim(key, ready);
        QVERIFY(first && *first > ready);
        ledger.end(key, *first, true);
        QVERIFY(!ledger.claim(key, ready));
        const std::optional<quint64> other = ledger.claim("dev:2", ready);
        QVERIFY(other);
        ledger.end("dev:2", *other, true);
        const quint64 later = ledger.ticket();
        const std::optional<quint64> failed = ledger.claim(key, later); // that sync began before `later`
        QVERIFY(failed);
        ledger.end(key, *failed, false);
        const std::optional<quint64> again = ledger.claim(key, later);
        QVERIFY(again);
        ledger.end(key, *again, true);
        QVERIFY(!ledger.claim(key, later));
    }

    // Work ready while a sync that began after it is under way waits for that sync instead of starting
    // its own; if that sync fails, it syncs itself.
    void syncLedgerWaitsForACoveringSyncUnderWay() {
        atomic_detail::SyncLedger ledger;
        const QByteArray key = "dir:/out";
        for (const bool succeeds : {true, false}) {
            const quint64 ready = ledger.ticket();
            const std::optional<quint64> started = ledger.claim(key, ready);
            QVERIFY(started);
            BackgroundClaim waiter(ledger, key, ready);
            QTest::qWait(100);
            QCOMPARE(waiter.answer(), -1); // still waiting for the sync under way
            ledger.end(key, *started, succeeds);
            const qint64 answer = waiter.finish();
            if (succeeds) {
                QCOMPARE(answer, 0);
            } else {
                QVERIFY(answer > qint64(*started));
                ledger.end(key, quint64(answer), true);
            }
        }
    }

    // One sync of a key at a time: work ready after a sync under way began waits for it to end, then
    // starts the next one, which covers it. Started side by side, the kernel queues them anyway, and each
    // would cover less.
    void syncLedgerRunsOneSyncOfAKeyAtATime() {
        atomic_detail::SyncLedger ledger;
        const QByteArray key = "dev:1";
        const std::optional<quint64> early = ledger.claim(key, ledger.ticket());
        QVERIFY(early);
        const quint64 ready = ledger.ticket(); // after `early` began: it does not cover this
        BackgroundClaim waiter(ledger, key, ready);
        QTest::qWait(100);
        QCOMPARE(waiter.answer(), -1); // not a second sync beside the first
        ledger.end(key, *early, true);
        const qint64 answer = waiter.finish();
        QVERIFY(answer > qint64(ready));
        ledger.end(key, quint64(answer), true);
        QVERIFY(!ledger.claim(key, ready));
    }
#endif

    void writesEveryFileWithItsContent() {
        QTemporaryDir root;
        QVERIFY(QDir(root.path()).mkpath(QStringLiteral("sub")));
        AtomicFileGroup group;
        QStringList expected;
        for (int i = 0; i < 20; ++i) {
            const QString name =
                (i % 2 ? QStringLiteral("sub/") : QString()) + QStringLiteral("crop_%1.jpg").arg(i);
            QVERIFY(group.add(root.filePath(name), contentOf(i)).ok());
        }
        QCOMPARE(group.size(), 20);
        const std::vector<Status> placed = group.commit();
        QCOMPARE(int(placed.size()), 20);
        for (const Status& status : placed)
            QVERIFY(status.ok());
        QCOMPARE(group.size(), 0);
        for (int i = 0; i < 20; ++i) {
            const QString name =
                (i % 2 ? QStringLiteral("sub/") : QString()) + QStringLiteral("crop_%1.jpg").arg(i);
            QCOMPARE(readAll(root.filePath(name)), contentOf(i));
        }
        QCOMPARE(everything(root.path()).size(), 10 + 1); // ten crops and sub/
        QCOMPARE(everything(root.filePath(QStringLiteral("sub"))).size(), 10);
    }

    // Regression: groups take a lock per folder while naming their files (16 locks shared by all
    // folders); a group across more folders than locks, in turns, hung on a lock it already held.
    void aGroupAcrossMoreFoldersThanLocks() {
        QTemporaryDir root;
        constexpr int kFolders = 40;
        for (int f = 0; f < kFolders; ++f)
            QVERIFY(QDir(root.path()).mkpath(QStringLiteral("label_%1").arg(f)));
        const auto nameOf = [](int i) {
            return QStringLiteral("label_%1/crop_%2.jpg").arg(i % kFolders).arg(i);
        };
        std::atomic_bool done{false};
        std::vector<Status> placed;
        std::thread committer([&] {
            AtomicFileGroup group;
            for (int i = 0; i < 3 * kFolders; ++i)
                if (!group.add(root.filePath(nameOf(i)), contentOf(i)).ok())
                    return;
            placed = group.commit();
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 60000);
        committer.join();
        QCOMPARE(int(placed.size()), 3 * kFolders);
        for (int i = 0; i < 3 * kFolders; ++i) {
            QVERIFY(placed[size_t(i)].ok());
            QCOMPARE(readAll(root.filePath(nameOf(i))), contentOf(i));
        }
    }

#ifdef Q_OS_UNIX
    void newFilesTakeTheUmask() {
        const mode_t previous = ::umask(027);
        QTemporaryDir root;
        AtomicFileGroup group;
        QVERIFY(group.add(root.filePath(QStringLiteral("a.png")), "png").ok());
        QVERIFY(group.commit().front().ok());
        ::umask(previous);
        struct stat info;
        QCOMPARE(::stat(QFile::encodeName(root.filePath(QStringLiteral("a.png"))).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0640));
    }

    void replacingAFileKeepsItsPermissionsAndLeavesNoTemporary() {
        QTemporaryDir root;
        const QString path = root.filePath(QStringLiteral("crop.jpg"));
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old content, longer than the new one");
        }
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0600) == 0);
        QFile reader(path);
        QVERIFY(reader.open(QIODevice::ReadOnly));
        AtomicFileGroup group;
        QVERIFY(group.add(path, "new").ok());
        QCOMPARE(readAll(path), QByteArray("old content, longer than the new one")); // untouched until commit
        QVERIFY(group.commit().front().ok());
        QCOMPARE(readAll(path), QByteArray("new"));
        QCOMPARE(reader.readAll(),
                 QByteArray("old content, longer than the new one")); // replaced, not rewritten
        struct stat info;
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
        QCOMPARE(everything(root.path()), QStringList{QStringLiteral("crop.jpg")});
    }

    // Past its share of descriptors the group names temporaries: every file is still written, the
    // descriptors it holds stay within the share, and nothing is left beside the outputs.
    void moreFilesThanItsDescriptorShare() {
        QTemporaryDir root;
        const int before = openDescriptors();
        AtomicFileGroup group;
        for (int i = 0; i < 300; ++i)
            QVERIFY(group.add(root.filePath(QStringLiteral("w_%1.jpg").arg(i)), contentOf(i)).ok());
        QVERIFY2(openDescriptors() - before <= 64, qPrintable(QString::number(openDescriptors() - before)));
        for (const Status& status : group.commit())
            QVERIFY(status.ok());
        QCOMPARE(openDescriptors(), before);
        QCOMPARE(everything(root.path()).size(), 300);
        for (int i = 0; i < 300; i += 37)
            QCOMPARE(readAll(root.filePath(QStringLiteral("w_%1.jpg").arg(i))), contentOf(i));
    }

    void discardLeavesNothing() {
        QTemporaryDir root;
        {
            AtomicFileGroup group;
            for (int i = 0; i < 100; ++i) // unnamed and named temporaries both
                QVERIFY(group.add(root.filePath(QStringLiteral("w_%1.jpg").arg(i)), contentOf(i)).ok());
            group.discard();
            QCOMPARE(group.size(), 0);
            QVERIFY(group.add(root.filePath(QStringLiteral("kept.jpg")), "kept").ok());
        } // destroyed uncommitted
        QCOMPARE(everything(root.path()), QStringList());
    }

    // A process killed before commit leaves no trace of its unnamed files: they had no name.
    void killedBeforeCommitLeavesNoUnnamedFile() {
        QTemporaryDir root;
        const QString folder = root.path();
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            AtomicFileGroup group;
            bool ok = true;
            for (int i = 0; i < 10; ++i)
                ok = group.add(folder + QStringLiteral("/w_%1.jpg").arg(i), contentOf(i)).ok() && ok;
            // What the folder shows before commit: nothing, where unnamed files exist.
            const int visible = int(everything(folder).size());
            ::_exit(ok ? (visible == 0 ? 0 : 10 + visible) : 1); // no destructors: as if killed
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status));
        if (!unnamedFilesWork(folder))
            QSKIP("this file system has no unnamed files (O_TMPFILE): the group names temporaries here, "
                  "which a later batch in the folder removes (engine/StaleTemporaries)");
        QCOMPARE(WEXITSTATUS(status), 0);
        QCOMPARE(everything(folder), QStringList());
    }

    void aFolderThatIsGoneFailsEachFileByName() {
        QTemporaryDir root;
        AtomicFileGroup group;
        const QString missing = root.filePath(QStringLiteral("no/such/folder/a.jpg"));
        const Status added = group.add(missing, "x");
        QVERIFY(!added.ok());
        QVERIFY2(added.error().message.contains(missing), qPrintable(added.error().message));
        QVERIFY2(added.error().message.contains(QStringLiteral("No such file")),
                 qPrintable(added.error().message));
        QCOMPARE(group.size(), 0);
    }

    // The folder removed between add and commit: the names cannot be given, each file says so and
    // nothing is created elsewhere.
    void folderRemovedBeforeCommit() {
        QTemporaryDir root;
        const QString sub = root.filePath(QStringLiteral("sub"));
        QVERIFY(QDir().mkpath(sub));
        AtomicFileGroup group;
        QVERIFY(group.add(sub + QStringLiteral("/a.jpg"), "a").ok());
        QVERIFY(group.add(sub + QStringLiteral("/b.jpg"), "b").ok());
        if (!unnamedFilesWork(sub))
            QSKIP("this file system has no unnamed files (O_TMPFILE)");
        QCOMPARE(everything(sub), QStringList()); // unnamed files hold no entry, so the folder can go
        QVERIFY(QDir(sub).removeRecursively());
        const std::vector<Status> placed = group.commit();
        QCOMPARE(int(placed.size()), 2);
        for (const Status& status : placed) {
            QVERIFY(!status.ok());
            QVERIFY2(status.error().message.contains(QStringLiteral("cannot write ")),
                     qPrintable(status.error().message));
        }
        QCOMPARE(everything(root.path()), QStringList());
    }
#endif
};

QTEST_GUILESS_MAIN(TestAtomicFileGroup)
#include "test_atomic_file_group.moc"
