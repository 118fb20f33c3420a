// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/StaleTemporaries.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace cropdeck;

namespace {

// A file with `bytes`, last modified `ageSeconds` ago (negative: in the future).
void writeFile(const QString& path, const QByteArray& bytes, int ageSeconds = 60) {
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    QVERIFY(file.flush()); // a later flush would set the time to now
    QVERIFY(file.setFileTime(QDateTime::currentDateTime().addSecs(-ageSeconds),
                             QFileDevice::FileModificationTime));
}

QSet<QString> filesIn(const QString& dir) {
    QSet<QString> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.insert(QDir(dir).relativeFilePath(it.next()));
    return files;
}

// The pid of a process that has exited (so a claim naming it is stale).
qint64 deadPid() {
    QProcess process;
    process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("exit 0")});
    if (!process.waitForStarted())
        return -1;
    const qint64 pid = process.processId();
    process.waitForFinished();
    return pid;
}

// A claim file as QLockFile writes it (pid, program, host, machine id, boot id), for process `pid`.
void writeClaim(const QString& path, qint64 pid) {
    writeFile(path, QByteArray::number(pid) + "\ncropdeck\n" + QSysInfo::machineHostName().toUtf8() + '\n' +
                        QSysInfo::machineUniqueId() + '\n' + QSysInfo::bootUniqueId() + '\n');
}

const QSet<QString> kUserFiles = {"crop.png",
                                  "notes.tmp",
                                  ".cropdeck-notes.txt",
                                  ".cropdeck-ABC.tmp",
                                  ".cropdeck-.tmp",
                                  "x.cropdeck-1.tmp",
                                  ".cropdeck-12345678901234.tmp",
                                  "sub/.cropdeck-1.tmp.bak",
                                  "cropdeck-manifest.jsonl"};

} // namespace

class TestStaleTemporaries : public QObject {
    Q_OBJECT
private slots:
    void recognisesOnlyTheWritersNames_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("writers");
        QTest::newRow("short") << ".cropdeck-0.tmp" << true;
        QTest::newRow("max 64-bit") << ".cropdeck-3w5e11264sgsf.tmp" << true;
        QTest::newRow("upper case") << ".cropdeck-ABC.tmp" << false;
        QTest::newRow("empty") << ".cropdeck-.tmp" << false;
        QTest::newRow("too long") << ".cropdeck-12345678901234.tmp" << false;
        QTest::newRow("prefix") << "x.cropdeck-1.tmp" << false;
        QTest::newRow("suffix") << ".cropdeck-1.tmp.bak" << false;
        QTest::newRow("claim") << ".cropdeck-run-12-ab.lock" << false;
        QTest::newRow("user tmp") << "notes.tmp" << false;
    }
    void recognisesOnlyTheWritersNames() {
        QFETCH(QString, name);
        QFETCH(bool, writers);
        QCOMPARE(isWriterTemporaryName(name), writers);
    }

    void removesLeftoversInEverySubFolderAndNothingElse() {
        QTemporaryDir out;
        for (const QString& name : kUserFiles)
            writeFile(out.filePath(name), "user");
        writeFile(out.filePath(".cropdeck-k3j2h1.tmp"), "partial");
        writeFile(out.filePath("cats/.cropdeck-0.tmp"), "partial");
        writeFile(out.filePath("cats/big/.cropdeck-3w5e11264sgsf.tmp"), "partial");
        QVERIFY(QDir(out.path()).mkpath(".cropdeck-7.tmp")); // a folder with the name: not a file, kept

        OutputFolderClaim claim;
        const TemporaryCleanup cleanup = claim.claim(out.path());
        QCOMPARE(cleanup.removed, 3);
        QVERIFY(cleanup.failures.isEmpty());
        QVERIFY(cleanup.claimProblem.isEmpty());
        const QStringList messages = cleanup.messages(out.path());
        QCOMPARE(messages.size(), 1);
        QVERIFY2(messages[0].contains(out.path()) && messages[0].contains("removed 3 temporary file(s)"),
                 qPrintable(messages[0]));

        QSet<QString> left = filesIn(out.path());
        QCOMPARE(left.size(), kUserFiles.size() + 1); // + this run's claim
        for (const QString& name : kUserFiles)
            QVERIFY2(left.remove(name), qPrintable(name));
        QVERIFY2(QFileInfo(out.filePath(*left.begin())).fileName().startsWith(".cropdeck-run-"),
                 qPrintable(*left.begin()));
        QVERIFY(QFileInfo(out.filePath(".cropdeck-7.tmp")).isDir());
        for (const QString& name : kUserFiles)
            QVERIFY(QFile(out.filePath(name)).open(QIODevice::ReadOnly));

        claim.release();
        QCOMPARE(filesIn(out.path()).size(), kUserFiles.size()); // the claim is gone with the run
    }

    void nothingToSayWhenTheFolderIsClean() {
        QTemporaryDir out;
        OutputFolderClaim claim;
        const TemporaryCleanup cleanup = claim.claim(out.path());
        QCOMPARE(cleanup.removed, 0);
        QVERIFY(cleanup.messages(out.path()).isEmpty());
    }

    // A temporary written after this run claimed the folder belongs to a run that is writing now.
    void keepsTemporariesNewerThanTheClaim() {
        QTemporaryDir out;
        writeFile(out.filePath(".cropdeck-old.tmp"), "x");
        writeFile(out.filePath(".cropdeck-new.tmp"), "x", -60);
        OutputFolderClaim claim;
        QCOMPARE(claim.claim(out.path()).removed, 1);
        QVERIFY(!QFile::exists(out.filePath(".cropdeck-old.tmp")));
        QVERIFY(QFile::exists(out.filePath(".cropdeck-new.tmp")));
    }

    void keepsEverythingWhileAnotherRunIsLive() {
        QTemporaryDir out;
        OutputFolderClaim running; // a concurrent run into the same folder (here: the same process)
        QCOMPARE(running.claim(out.path()).removed, 0);
        writeFile(out.filePath(".cropdeck-abc.tmp"), "in flight");
        writeFile(out.filePath("sub/.cropdeck-def.tmp"), "in flight");

        OutputFolderClaim second;
        const TemporaryCleanup cleanup = second.claim(out.path());
        QCOMPARE(cleanup.removed, 0);
        QCOMPARE(cleanup.keptForLiveRun, 2);
        QCOMPARE(cleanup.liveRuns.size(), 1);
        QVERIFY2(cleanup.liveRuns[0].contains(QString::number(QCoreApplication::applicationPid())),
                 qPrintable(cleanup.liveRuns[0]));
        const QStringList messages = cleanup.messages(out.path());
        QCOMPARE(messages.size(), 1);
        QVERIFY2(messages[0].contains("kept 2 temporary file(s)") && messages[0].contains("another run"),
                 qPrintable(messages[0]));
        QVERIFY(QFile::exists(out.filePath(".cropdeck-abc.tmp")));
        QVERIFY(QFile::exists(out.filePath("sub/.cropdeck-def.tmp")));

        // Once the other run is over, the next run cleans up.
        running.release();
        second.release();
        OutputFolderClaim third;
        QCOMPARE(third.claim(out.path()).removed, 2);
    }

    void claimOfADeadProcessIsRemovedAndDoesNotBlock() {
        const qint64 pid = deadPid();
        if (pid <= 0)
            QSKIP("cannot start /bin/sh to get the pid of an exited process");
        QTemporaryDir out;
        const QString staleClaim = out.filePath(QStringLiteral(".cropdeck-run-%1-x.lock").arg(pid));
        writeClaim(staleClaim, pid);
        writeFile(out.filePath(".cropdeck-1a.tmp"), "x");
        OutputFolderClaim claim;
        const TemporaryCleanup cleanup = claim.claim(out.path());
        QVERIFY2(cleanup.liveRuns.isEmpty(), qPrintable(cleanup.liveRuns.join(", ")));
        QCOMPARE(cleanup.removed, 1);
        QVERIFY(!QFile::exists(staleClaim));
    }

    // The output folder deleted during the run takes the claim file with it: the batch reports that as
    // fatal; releasing the claim then says nothing more (Qt's lock file would warn it cannot remove it).
    void claimGoneWithItsFolderIsReleasedQuietly() {
        QTemporaryDir parent;
        const QString out = parent.filePath("out");
        QVERIFY(QDir().mkpath(out));
        OutputFolderClaim claim;
        QVERIFY(claim.claim(out).claimProblem.isEmpty());
        QVERIFY(QDir(out).removeRecursively());
        QTest::failOnWarning(QRegularExpression("lock file"));
        claim.release();
        QVERIFY(!QFileInfo::exists(out)); // nothing recreated
        // Warnings from elsewhere still get through while a claim is released.
        QTest::ignoreMessage(QtWarningMsg, "another warning");
        qWarning("another warning");
    }

    void unwritableFolderIsReportedAndNothingRemoved() {
        if (QFileInfo(QStringLiteral("/")).isWritable())
            QSKIP("running as root: permissions do not apply");
        QTemporaryDir out;
        writeFile(out.filePath(".cropdeck-1.tmp"), "x");
        QVERIFY(QFile::setPermissions(out.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        OutputFolderClaim claim;
        const TemporaryCleanup cleanup = claim.claim(out.path());
        QFile::setPermissions(out.path(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY(!cleanup.claimProblem.isEmpty());
        QCOMPARE(cleanup.removed, 0);
        QVERIFY(cleanup.messages(out.path()).first().contains("cannot mark the folder"));
    }
};

QTEST_GUILESS_MAIN(TestStaleTemporaries)
#include "test_stale_temporaries.moc"
