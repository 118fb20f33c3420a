// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/AtomicFileWriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#endif
#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>
#endif

using namespace cropdeck;

class TestAtomicWriter : public QObject {
    Q_OBJECT
private slots:
    void writesContent_data();
    void writesContent();
    void overwriteReplacesWholeFile();
    void failuresLeaveNothing_data();
    void failuresLeaveNothing();
    void unwritableFolder();
    void failedWriteKeepsOldFile();
    void emptyPath();
};

namespace {

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

// Every entry under `root`, hidden ones included, so a leftover temporary file shows.
QStringList everything(const QString& root) {
    QStringList names;
    QDir dir(root);
    for (const QFileInfo& info : dir.entryInfoList(
             QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name)) {
        names << info.fileName();
        if (info.isDir())
            for (const QString& inner : everything(info.filePath()))
                names << info.fileName() + QLatin1Char('/') + inner;
    }
    return names;
}

QByteArray patterned(qsizetype size) {
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((i * 131 + i / 977) & 0xFF);
    return bytes;
}

// A folder this process cannot create files in, even as root (then via the immutable flag, Linux only).
class ReadOnlyFolder {
public:
    explicit ReadOnlyFolder(const QString& path)
        : m_path(path) {
        QDir().mkpath(path);
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        if (!canCreateFiles())
            return;
#ifdef Q_OS_LINUX
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY);
        int flags = 0;
        if (fd >= 0 && ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0) {
            flags |= FS_IMMUTABLE_FL;
            m_immutable = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
        }
        if (fd >= 0)
            ::close(fd);
#endif
    }
    ~ReadOnlyFolder() {
#ifdef Q_OS_LINUX
        if (m_immutable) {
            const int fd = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_DIRECTORY);
            int flags = 0;
            if (fd >= 0 && ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0) {
                flags &= ~FS_IMMUTABLE_FL;
                ::ioctl(fd, FS_IOC_SETFLAGS, &flags);
            }
            if (fd >= 0)
                ::close(fd);
        }
#endif
        QFile::setPermissions(m_path,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    bool canCreateFiles() const {
        QFile probe(m_path + QStringLiteral("/probe"));
        if (!probe.open(QIODevice::WriteOnly))
            return false;
        probe.remove();
        return true;
    }

private:
    QString m_path;
    bool m_immutable = false;
};

} // namespace

void TestAtomicWriter::writesContent_data() {
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("simple") << QStringLiteral("out.jpg") << QByteArray("hello");
    QTest::newRow("missing folders") << QStringLiteral("a/b/c/out.png") << QByteArray("nested");
    QTest::newRow("non-ASCII names") << QStringLiteral("папка/子/ёжик_猫.jpg") << QByteArray("ёжик");
    QTest::newRow("empty file") << QStringLiteral("empty.bin") << QByteArray();
    QTest::newRow("5 MB") << QStringLiteral("big.bin") << patterned(5 << 20);
}

void TestAtomicWriter::writesContent() {
    QFETCH(QString, relativePath);
    QFETCH(QByteArray, data);
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString path = root.filePath(relativePath);
    const Status status = writeFileAtomically(path, data);
    QVERIFY2(status.ok(), status.ok() ? "" : qPrintable(status.error().message));
    QCOMPARE(readAll(path), data);
    // Only the file and its folders: no temporary file left.
    const QStringList parts = relativePath.split(QLatin1Char('/'));
    QStringList expected;
    for (int i = 1; i <= parts.size(); ++i)
        expected << parts.mid(0, i).join(QLatin1Char('/'));
    QCOMPARE(everything(root.path()), expected);
}

void TestAtomicWriter::overwriteReplacesWholeFile() {
    QTemporaryDir root;
    const QString path = root.filePath(QStringLiteral("crop.png"));
    const QByteArray oldContent = patterned(100000);
    QVERIFY(writeFileAtomically(path, oldContent).ok());
    QVERIFY(QFile::setPermissions(path,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));

    // A reader that opened the old file keeps reading all of it: the new file replaces it by rename,
    // it is not truncated and rewritten in place.
    QFile reader(path);
    QVERIFY(reader.open(QIODevice::ReadOnly));
    const QByteArray newContent("short new content");
    QVERIFY(writeFileAtomically(path, newContent).ok());
    QCOMPARE(reader.readAll(), oldContent);
    QCOMPARE(readAll(path), newContent);
    QCOMPARE(QFile::permissions(path) &
                 (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions(QFileDevice::ReadGroup));
    QCOMPARE(everything(root.path()), QStringList{QStringLiteral("crop.png")});
}

void TestAtomicWriter::failuresLeaveNothing_data() {
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<QString>("reason");
    QTest::newRow("parent is a file") << QStringLiteral("file.txt/out.jpg") << QStringLiteral("not a folder");
    QTest::newRow("ancestor is a file")
        << QStringLiteral("file.txt/sub/out.jpg") << QStringLiteral("cannot create folder");
    QTest::newRow("target is a folder") << QStringLiteral("folder") << QString();
}

void TestAtomicWriter::failuresLeaveNothing() {
    QFETCH(QString, relativePath);
    QFETCH(QString, reason);
    QTemporaryDir root;
    QVERIFY(writeFileAtomically(root.filePath(QStringLiteral("file.txt")), "x").ok());
    QVERIFY(QDir(root.path()).mkpath(QStringLiteral("folder/inside")));
    const QStringList before = everything(root.path());

    const QString path = root.filePath(relativePath);
    const Status status = writeFileAtomically(path, "data");
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind, ErrorKind::Io);
    QVERIFY2(status.error().message.contains(path), qPrintable(status.error().message));
    QVERIFY2(status.error().message.contains(reason), qPrintable(status.error().message));
    QCOMPARE(everything(root.path()), before);
}

void TestAtomicWriter::unwritableFolder() {
    QTemporaryDir root;
    const QString folder = root.filePath(QStringLiteral("locked"));
    const ReadOnlyFolder locked(folder);
    if (locked.canCreateFiles())
        QSKIP("this process can write into read-only folders (privileged, no immutable flag)");
    const QString path = folder + QStringLiteral("/ёжик_猫.jpg");
    const Status status = writeFileAtomically(path, "data");
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind, ErrorKind::Io);
    QVERIFY2(status.error().message.contains(path), qPrintable(status.error().message));
    QVERIFY2(status.error().message.contains(QStringLiteral("choose an output folder you can write to")),
             qPrintable(status.error().message));
    QCOMPARE(everything(folder), QStringList());
}

void TestAtomicWriter::failedWriteKeepsOldFile() {
#ifdef Q_OS_UNIX
    // A file size limit makes write() fail midway (EFBIG), like a disk filling up during the write.
    QTemporaryDir root;
    const QString path = root.filePath(QStringLiteral("out.bin"));
    const QByteArray oldContent("previous complete output");
    QVERIFY(writeFileAtomically(path, oldContent).ok());

    rlimit saved{};
    QVERIFY(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = saved;
    small.rlim_cur = 4096;
    QVERIFY(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    const Status status = writeFileAtomically(path, patterned(100000));
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previousHandler);

    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind, ErrorKind::Io);
    QVERIFY2(status.error().message.contains(path), qPrintable(status.error().message));
    QCOMPARE(readAll(path), oldContent);
    QCOMPARE(everything(root.path()), QStringList{QStringLiteral("out.bin")});
#else
    QSKIP("needs POSIX file size limits");
#endif
}

void TestAtomicWriter::emptyPath() {
    const Status status = writeFileAtomically(QString(), "data");
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind, ErrorKind::Invalid);
}

QTEST_APPLESS_MAIN(TestAtomicWriter)
#include "test_atomic_writer.moc"
