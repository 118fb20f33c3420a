// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/StaleTemporaries.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QMutex>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <cstdio>

namespace cropdeck {
namespace {

constexpr auto kClaimPattern = ".cropdeck-run-*.lock";

QString claimFileName() {
    return QStringLiteral(".cropdeck-run-%1-%2.lock")
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::system()->generate64(), 0, 36);
}

QString describeHolder(QLockFile& lock) {
    qint64 pid = 0;
    QString host;
    QString program;
    if (!lock.getLockInfo(&pid, &host, &program))
        return QStringLiteral("unknown process");
    return QStringLiteral("pid %1 on %2")
        .arg(pid)
        .arg(host.isEmpty() ? QStringLiteral("this machine") : host);
}

// Claims of other runs that are still live; stale ones (their process is gone) are removed on the way.
QStringList liveOtherClaims(const QDir& dir, const QString& ownName) {
    QStringList live;
    const QStringList names =
        dir.entryList({QString::fromLatin1(kClaimPattern)}, QDir::Files | QDir::Hidden | QDir::System);
    for (const QString& name : names) {
        if (name == ownName)
            continue;
        QLockFile other(dir.filePath(name));
        other.setStaleLockTime(0); // never stale by age: a long run keeps its claim for hours
        if (other.tryLock(0)) {
            other.unlock(); // it was stale; tryLock replaced it, unlock removes it
            continue;
        }
        if (other.error() == QLockFile::LockFailedError)
            live << describeHolder(other);
    }
    return live;
}

} // namespace

bool isWriterTemporaryName(const QString& fileName) {
    static const QRegularExpression pattern(QStringLiteral("^\\.cropdeck-[0-9a-z]{1,13}\\.tmp$"));
    return pattern.match(fileName).hasMatch();
}

QStringList TemporaryCleanup::messages(const QString& outputDir) const {
    QStringList lines;
    if (!claimProblem.isEmpty())
        lines << QStringLiteral("%1: cannot mark the folder as in use by this run (%2); temporary files that "
                                "earlier runs left are not removed")
                     .arg(outputDir, claimProblem);
    if (removed > 0)
        lines << QStringLiteral(
                     "%1: removed %2 temporary file(s) (.cropdeck-*.tmp) that an interrupted earlier "
                     "run left")
                     .arg(outputDir)
                     .arg(removed);
    if (keptForLiveRun > 0)
        lines << QStringLiteral(
                     "%1: kept %2 temporary file(s) (.cropdeck-*.tmp): another run (%3) may still be "
                     "writing into this folder; if it is not, delete its .cropdeck-run-*.lock file")
                     .arg(outputDir)
                     .arg(keptForLiveRun)
                     .arg(liveRuns.join(QStringLiteral(", ")));
    if (!failures.isEmpty())
        lines << QStringLiteral("%1: cannot remove %2 temporary file(s) that an earlier run left: %3")
                     .arg(outputDir)
                     .arg(failures.size())
                     .arg(failures.first());
    return lines;
}

OutputFolderClaim::OutputFolderClaim() = default;

OutputFolderClaim::~OutputFolderClaim() {
    release();
}

namespace {

QtMessageHandler g_previousHandler = nullptr;

// Drops QLockFile's "Could not remove our own lock file" warning: when the output folder was deleted
// during the run, the claim file went with it, which the batch has already reported as a fatal error.
void withoutLockFileWarning(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (type == QtWarningMsg && message.startsWith(QLatin1String("Could not remove our own lock file")))
        return;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
    else // no handler was installed: print as Qt's default handler does
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

} // namespace

void OutputFolderClaim::release() {
    if (!m_lock)
        return;
    if (m_lock->isLocked() && !QFileInfo::exists(m_lock->fileName())) {
        // Gone with its folder: unlock() only clears the state (and would warn). The handler is global,
        // so other threads' messages meanwhile go through the filter, which passes them on unchanged.
        static QMutex mutex;
        const QMutexLocker locker(&mutex);
        g_previousHandler = qInstallMessageHandler(withoutLockFileWarning);
        m_lock->unlock();
        qInstallMessageHandler(g_previousHandler);
    }
    m_lock.reset();
}

TemporaryCleanup OutputFolderClaim::claim(const QString& outputDir) {
    release();
    TemporaryCleanup cleanup;
    const QDir dir(outputDir);
    const QString ownName = claimFileName();
    m_lock = std::make_unique<QLockFile>(dir.filePath(ownName));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        cleanup.claimProblem = m_lock->error() == QLockFile::PermissionError
                                   ? QStringLiteral("permission denied")
                                   : QStringLiteral("cannot create %1").arg(dir.filePath(ownName));
        m_lock.reset();
        return cleanup;
    }
    // Compare with the claim's own time stamp, set by the same clock (the file system's) as the
    // temporaries': everything older was written before this run began.
    const QDateTime claimedAt = QFileInfo(dir.filePath(ownName)).lastModified();
    cleanup.liveRuns = liveOtherClaims(dir, ownName);

    QDirIterator it(outputDir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isSymLink() || !isWriterTemporaryName(info.fileName()) || info.lastModified() >= claimedAt)
            continue;
        if (!cleanup.liveRuns.isEmpty()) {
            ++cleanup.keptForLiveRun;
            continue;
        }
        QFile file(path);
        if (file.remove())
            ++cleanup.removed;
        else
            cleanup.failures << QStringLiteral("%1: %2").arg(path, file.errorString());
    }
    return cleanup;
}

} // namespace cropdeck
