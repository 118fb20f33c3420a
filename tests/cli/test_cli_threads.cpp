// SPDX-License-Identifier: GPL-3.0-or-later
// `cropdeck --batch --threads 64` under a process limit. Regression: QThreadPool could not create its
// threads ("QThread::start: Thread creation error"), every crop was written, and the process never
// exited. Now the batch runs on the threads that did start (and says so), or fails clearly when none
// could. The limit is set with prlimit(1); as root (whom RLIMIT_NPROC does not bind) the run drops to
// the user `nobody` with setpriv(1) first. Skipped, with the reason, where neither is possible.

#include "CliRunner.h"
#include "TestUtils.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace cropdeck::test;

namespace {

constexpr uid_t kNobody = 65534;

// Tasks (threads) that belong to `uid`: what RLIMIT_NPROC counts.
int tasksOf(uid_t uid) {
    int count = 0;
    for (const QString& pid : QDir("/proc").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        struct stat info;
        if (pid.toInt() <= 0 || ::stat(QFile::encodeName("/proc/" + pid).constData(), &info) != 0 ||
            info.st_uid != uid)
            continue;
        count += int(QDir("/proc/" + pid + "/task").entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
    }
    return count;
}

void openUp(const QString& dir) {
    QFile::setPermissions(dir, QFileDevice::Permissions(0x7777));
    QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile::setPermissions(path, QFileInfo(path).isDir() ? QFileDevice::Permissions(0x7777)
                                                            : QFileDevice::Permissions(0x6666));
    }
}

struct Limited {
    QStringList wrapper; // program and arguments before cropdeck's own
    QString skipReason;
};

// The command that runs cropdeck with room for `extraTasks` more tasks than its user has now.
Limited limitedTo(int extraTasks) {
    Limited limited;
    const QString prlimit = QStandardPaths::findExecutable("prlimit");
    if (prlimit.isEmpty()) {
        limited.skipReason = "prlimit(1) is not installed";
        return limited;
    }
    if (::geteuid() != 0) {
        const int limit = tasksOf(::getuid()) + extraTasks;
        limited.wrapper = {prlimit, QStringLiteral("--nproc=%1").arg(limit), "--"};
        return limited;
    }
    const QString setpriv = QStandardPaths::findExecutable("setpriv");
    if (setpriv.isEmpty()) {
        limited.skipReason = "running as root (not bound by RLIMIT_NPROC) and setpriv(1) is not installed";
        return limited;
    }
    const int limit = tasksOf(kNobody) + extraTasks;
    limited.wrapper = {setpriv,
                       "--reuid=65534",
                       "--regid=65534",
                       "--clear-groups",
                       prlimit,
                       QStringLiteral("--nproc=%1").arg(limit),
                       "--"};
    return limited;
}

CliResult runWrapped(const QStringList& wrapper, const QStringList& arguments) {
    QProcess process;
    // LeakSanitizer checks at exit from a thread of its own, which the process limit forbids (it then
    // fails the run with its own error); the leak check covers these paths in the unlimited runs.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QString asan = environment.value("ASAN_OPTIONS");
    environment.insert("ASAN_OPTIONS", asan.isEmpty() ? "detect_leaks=0" : asan + ":detect_leaks=0");
    process.setProcessEnvironment(environment);
    process.start(wrapper.first(), wrapper.mid(1) + QStringList{cropdeckBinary()} + arguments);
    CliResult result;
    if (!process.waitForFinished(90'000)) {
        process.kill();
        process.waitForFinished();
        result.err = "cropdeck did not finish in time (hung)";
        return result;
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

int filesIn(const QString& dir, const QString& pattern) {
    int count = 0;
    QDirIterator it(dir, {pattern}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++count;
    }
    return count;
}

} // namespace

class TestCliThreads : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_root;
    QString m_demo;

    bool wrapperWorks(const Limited& limited) {
        QProcess probe;
        probe.start(limited.wrapper.first(), limited.wrapper.mid(1) + QStringList{"/bin/true"});
        return probe.waitForFinished(10'000) && probe.exitStatus() == QProcess::NormalExit &&
               probe.exitCode() == 0;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_root.isValid());
        m_demo = m_root.filePath("demo");
        const CliResult made = runCropdeck({"--make-demo", m_demo});
        QVERIFY2(made.exitCode == 0, made.err.constData());
        openUp(m_root.path());
    }

    void fewerThreadsThanAskedStillFinishAndSaySo() {
        const Limited limited = limitedTo(6);
        if (!limited.skipReason.isEmpty())
            QSKIP(qPrintable(limited.skipReason));
        if (!wrapperWorks(limited))
            QSKIP("cannot run a command under a process limit here (setpriv/prlimit not permitted)");
        const QString out = m_root.filePath("out-few");
        const CliResult run =
            runWrapped(limited.wrapper, {"--batch", "--annotations", QDir(m_demo).filePath("annotations.csv"),
                                         "--out", out, "--threads", "64", "--format", "png"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("of 64 worker threads could be started"), run.err.constData());
        QVERIFY2(!run.err.contains("Thread creation error"), run.err.constData());
        QVERIFY(filesIn(out, "*.png") > 0);
        QVERIFY2(run.out.contains("completed:"), run.out.constData());
    }

    void noThreadAtAllIsAClearFatalError() {
        const Limited limited = limitedTo(1); // the main thread only
        if (!limited.skipReason.isEmpty())
            QSKIP(qPrintable(limited.skipReason));
        if (!wrapperWorks(limited))
            QSKIP("cannot run a command under a process limit here (setpriv/prlimit not permitted)");
        const CliResult run =
            runWrapped(limited.wrapper, {"--batch", "--annotations", QDir(m_demo).filePath("annotations.csv"),
                                         "--out", m_root.filePath("out-none"), "--threads", "64"});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("cannot start any worker thread"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliThreads)
#include "test_cli_threads.moc"
