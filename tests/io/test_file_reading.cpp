// SPDX-License-Identifier: GPL-3.0-or-later
// io/FileReading: only regular files are opened, and everything else is named (a FIFO, which used to
// block every reader forever, a folder, a socket, a device), as are symbolic link loops (which used to
// say "file not found") and links to nothing. The probe and the decoders go through it.

#include "IoTestFiles.h"
#include "TestUtils.h"
#include "io/BmpBandReader.h"
#include "io/FileReading.h"
#include "io/ImageProbe.h"
#include "io/PngDeflateDecoder.h"
#include "io/PngRowDecoder.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>

#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace cropdeck;
using namespace cropdeck::test;

class TestFileReading : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_fifo, m_loop, m_broken, m_socket, m_image;
    int m_socketFd = -1;

    void expectRefused(const Status& status, ErrorKind kind, const QString& text) {
        QVERIFY(!status);
        QCOMPARE(status.error().kind, kind);
        QVERIFY2(status.error().message.contains(text), qPrintable(status.error().message));
    }

private slots:
    void initTestCase() {
        m_fifo = m_dir.filePath(QStringLiteral("pipe.png"));
        QCOMPARE(::mkfifo(QFile::encodeName(m_fifo).constData(), 0644), 0);
        m_loop = m_dir.filePath(QStringLiteral("loop.png"));
        QVERIFY(QFile::link(QStringLiteral("loop.png"), m_loop));
        m_broken = m_dir.filePath(QStringLiteral("broken.png"));
        QVERIFY(QFile::link(QStringLiteral("nothing-here.png"), m_broken));
        m_socket = m_dir.filePath(QStringLiteral("s.png"));
        m_socketFd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray native = QFile::encodeName(m_socket);
        QVERIFY(size_t(native.size()) < sizeof(address.sun_path));
        std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
        QCOMPARE(::bind(m_socketFd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
        m_image = m_dir.filePath(QStringLiteral("ok.png"));
        QVERIFY(writeWithOpenCv(m_image, makeTestImage(40, 30, 3, CV_8U, 1)));
    }

    void cleanupTestCase() {
        if (m_socketFd >= 0)
            ::close(m_socketFd);
    }

    void regularFileOpens() {
        QFile file;
        QVERIFY(openForReading(file, m_image));
        QVERIFY(file.isOpen());
        QCOMPARE(file.size(), QFileInfo(m_image).size());
        QCOMPARE(file.read(4), QByteArray("\x89PNG", 4));
        QVERIFY(requireRegularFile(m_image));
        QVERIFY(readWholeFile(m_image));
    }

    void fifoIsRefusedWithoutBlocking() {
        QFile file;
        expectRefused(openForReading(file, m_fifo), ErrorKind::Io,
                      m_fifo + QStringLiteral(": is a FIFO (named pipe), not a regular file"));
        expectRefused(requireRegularFile(m_fifo), ErrorKind::Io, QStringLiteral("is a FIFO"));
    }

    void otherKindsAreNamed() {
        QFile file;
        expectRefused(openForReading(file, m_dir.path()), ErrorKind::Io,
                      QStringLiteral(": is a folder, not a regular file"));
        expectRefused(openForReading(file, m_socket), ErrorKind::Io,
                      QStringLiteral(": is a socket, not a regular file"));
        expectRefused(openForReading(file, QStringLiteral("/dev/null")), ErrorKind::Io,
                      QStringLiteral("/dev/null: is a device, not a regular file"));
    }

    void linksAreNamed() {
        QFile file;
        expectRefused(openForReading(file, m_loop), ErrorKind::Io,
                      m_loop + QStringLiteral(": is a symbolic link loop"));
        expectRefused(openForReading(file, m_broken), ErrorKind::NotFound,
                      m_broken + QStringLiteral(": is a broken symbolic link"));
        expectRefused(openForReading(file, m_dir.filePath(QStringLiteral("absent.png"))), ErrorKind::NotFound,
                      QStringLiteral("absent.png: no such file"));
        const QString toImage = m_dir.filePath(QStringLiteral("link.png"));
        QVERIFY(QFile::link(m_image, toImage));
        QVERIFY(openForReading(file, toImage)); // a link to a regular file is fine
    }

    void probeAndDecodersRefuseAFifo() {
        const Result<ImageInfo> probed = probeImage(m_fifo, 0);
        QVERIFY(!probed);
        QVERIFY2(probed.error().message.contains(u"is a FIFO"), qPrintable(probed.error().message));
        // The decoders open the path again: a file replaced by a FIFO after the probe must not block them.
        ImageInfo info = *probeImage(m_image, 0);
        const DecodeRequest request{QRect(0, 0, 8, 8), 1, FailOn::Error, nullptr};
        for (const Result<DecodedRegion>& decoded :
             {decodePngRegion(m_fifo, info, request), decodePngRegionWholeInflate(m_fifo, info, request)}) {
            QVERIFY(!decoded);
            QVERIFY2(decoded.error().message.contains(u"is a FIFO"), qPrintable(decoded.error().message));
        }
        info.format = ImageFormat::Bmp;
        const Result<DecodedRegion> bmp = decodeBmpRegion(m_fifo, info, request);
        QVERIFY(!bmp);
        QVERIFY2(bmp.error().message.contains(u"is a FIFO"), qPrintable(bmp.error().message));
        const Result<QByteArray> bytes = readWholeFile(m_fifo);
        QVERIFY(!bytes);
        QVERIFY2(bytes.error().message.contains(u"is a FIFO"), qPrintable(bytes.error().message));
    }
};

QTEST_GUILESS_MAIN(TestFileReading)
#include "test_file_reading.moc"
