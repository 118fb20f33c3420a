// SPDX-License-Identifier: GPL-3.0-or-later
// The real binary on inputs that are not what they seem: an image path that is a FIFO (which blocked
// --batch and --validate forever), a symbolic link loop (which said "file not found"), a tiny PNG that
// declares 170,000,000 pixels (which cost 2 GB and 12-16 s before failing), and files OpenCV fails on
// (whose "[ WARN ]" / "[ERROR]" lines reached stderr). Every run has a timeout, so a hang fails the test
// instead of stopping the suite.

#include "CliRunner.h"
#include "TestUtils.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <sys/stat.h>

using namespace cropdeck::test;

namespace {

constexpr int kTimeoutMs = 30000; // a run takes well under a second; only a hang gets near this

QString text(const CliResult& result) {
    return QString::fromUtf8(result.out + "\n--- stderr ---\n" + result.err);
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QByteArray bigEndian32(quint32 v) {
    QByteArray b(4, '\0');
    for (int i = 0; i < 4; ++i)
        b[i] = char((v >> (24 - 8 * i)) & 0xFF);
    return b;
}

quint32 pngCrc(const QByteArray& bytes) {
    quint32 crc = 0xFFFFFFFFU;
    for (const char c : bytes) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc & 1) ? 0xEDB88320U ^ (crc >> 1) : crc >> 1;
    }
    return crc ^ 0xFFFFFFFFU;
}

QByteArray chunk(const char* type, const QByteArray& data) {
    const QByteArray typeAndData = QByteArray(type, 4) + data;
    return bigEndian32(quint32(data.size())) + typeAndData + bigEndian32(pngCrc(typeAndData));
}

// A valid-looking PNG header declaring width×1 RGBA16, with a few bytes of deflate data.
QByteArray pngBomb(quint32 width) {
    QByteArray ihdr = bigEndian32(width) + bigEndian32(1);
    ihdr += QByteArray("\x10\x06\x00\x00\x00", 5); // 16 bits, RGBA, deflate, filter 0, no interlace
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) +
           chunk("IDAT", QByteArray("\x78\x9c\x63\x00\x00", 5)) + chunk("IEND", {});
}

} // namespace

class TestCliSpecialFiles : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_images;
    QString m_csv;

    // An annotation file with one box on each named image (all 64×64 or declared larger).
    QString writeCsv(const QString& name, const QStringList& images) {
        QByteArray csv = "path,x,y,w,h,label\n";
        for (const QString& image : images)
            csv += "images/" + image.toUtf8() + ",4,4,16,16,thing\n";
        const QString path = m_dir.filePath(name);
        return writeFile(path, csv) ? path : QString();
    }

    CliResult batch(const QString& csv, const QString& out, const QStringList& extra = {}) {
        return runCropdeck(QStringList{"--batch", "--annotations", csv, "--out", m_dir.filePath(out)} + extra,
                           kTimeoutMs);
    }

private slots:
    void initTestCase() {
        QVERIFY2(!cropdeckBinary().isEmpty(), "CROPDECK_BINARY is not set (run through CTest)");
        m_images = m_dir.filePath("images");
        QVERIFY(QDir().mkpath(m_images));
        cv::Mat pixels(64, 64, CV_8UC3, cv::Scalar(40, 120, 200));
        QVERIFY(cv::imwrite(QDir(m_images).filePath("ok.png").toStdString(), pixels));
        QCOMPARE(::mkfifo(QFile::encodeName(QDir(m_images).filePath("fifo.jpg")).constData(), 0644), 0);
        QVERIFY(QFile::link("loop.jpg", QDir(m_images).filePath("loop.jpg")));
        QVERIFY(writeFile(QDir(m_images).filePath("bomb.png"), pngBomb(170000000)));
        // Damaged data that only OpenCV reads (TIFF): OpenCV logs its failure unless told not to.
        cv::Mat tiffPixels(256, 256, CV_8UC3, cv::Scalar(1, 2, 3));
        std::vector<uchar> tiff;
        QVERIFY(cv::imencode(".tif", tiffPixels, tiff));
        QByteArray damaged(reinterpret_cast<const char*>(tiff.data()), qsizetype(tiff.size()));
        damaged.truncate(damaged.size() / 2);
        QVERIFY(writeFile(QDir(m_images).filePath("cut.tif"), damaged));
    }

    void fifoDoesNotBlockBatch() {
        const CliResult run = batch(writeCsv("fifo.csv", {"fifo.jpg", "ok.png"}), "out-fifo");
        QVERIFY2(run.exitCode != -1, "--batch hung on a FIFO");
        QCOMPARE(run.exitCode, 1); // one image failed, the other was cropped
        QVERIFY2(run.err.contains("fifo.jpg: is a FIFO (named pipe), not a regular file"),
                 qPrintable(text(run)));
        QVERIFY(QFileInfo::exists(m_dir.filePath("out-fifo")));
    }

    void fifoDoesNotBlockValidate() {
        const CliResult run = runCropdeck(
            {"--validate", "--annotations", writeCsv("fifo-v.csv", {"fifo.jpg", "ok.png"})}, kTimeoutMs);
        QVERIFY2(run.exitCode != -1, "--validate hung on a FIFO");
        QVERIFY2(run.out.contains("fifo.jpg: is a FIFO (named pipe), not a regular file") ||
                     run.err.contains("fifo.jpg: is a FIFO (named pipe), not a regular file"),
                 qPrintable(text(run)));
    }

    void fifoAnnotationFileDoesNotBlock() {
        const QString fifo = m_dir.filePath("annotations-fifo.csv");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0644), 0);
        const CliResult run = runCropdeck({"--validate", "--annotations", fifo}, kTimeoutMs);
        QVERIFY2(run.exitCode != -1, "--validate hung on a FIFO annotation file");
        QVERIFY2(run.exitCode != 0, qPrintable(text(run)));
    }

    void fifoImageListOrRequestDoesNotBlock() {
        const QString list = m_dir.filePath("images-fifo.txt");
        QCOMPARE(::mkfifo(QFile::encodeName(list).constData(), 0644), 0);
        const CliResult listed = runCropdeck(
            {"--batch", "--images", list, "--centre-crop", "8x8", "--out", m_dir.filePath("out-list")},
            kTimeoutMs);
        QVERIFY2(listed.exitCode != -1, "--batch hung on a FIFO image list");
        QVERIFY2(listed.err.contains("images-fifo.txt: is a FIFO (named pipe), not a regular file"),
                 qPrintable(text(listed)));

        const QString request = m_dir.filePath("request-fifo.json");
        QCOMPARE(::mkfifo(QFile::encodeName(request).constData(), 0644), 0);
        const CliResult requested = runCropdeck({"--batch", "--request", request}, kTimeoutMs);
        QVERIFY2(requested.exitCode != -1, "--batch hung on a FIFO request file");
        QVERIFY2(requested.err.contains("request-fifo.json: is a FIFO (named pipe), not a regular file"),
                 qPrintable(text(requested)));
    }

    void symlinkLoopIsNamed() {
        const CliResult run = batch(writeCsv("loop.csv", {"loop.jpg"}), "out-loop");
        QVERIFY2(run.exitCode != -1, "--batch hung");
        QVERIFY2(run.err.contains("loop.jpg: is a symbolic link loop"), qPrintable(text(run)));
        QVERIFY2(!run.err.contains("not found"), qPrintable(text(run)));
        const CliResult validate =
            runCropdeck({"--validate", "--annotations", m_dir.filePath("loop.csv")}, kTimeoutMs);
        QVERIFY2(validate.exitCode == 1, qPrintable(text(validate)));
        QVERIFY2(validate.out.contains("loop.jpg: is a symbolic link loop"), qPrintable(text(validate)));
        QVERIFY2(!validate.out.contains("image not found"), qPrintable(text(validate)));
    }

    void pngBombIsRefusedBeforeDecoding() {
        const CliResult run = batch(writeCsv("bomb.csv", {"bomb.png"}), "out-bomb");
        QVERIFY2(run.exitCode != -1, "--batch hung");
        QCOMPARE(run.exitCode, 1);
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(
            err.contains(u"bomb.png: the header declares 170000000×1 pixels, which a PNG file of 62 bytes "
                         u"cannot hold"),
            qPrintable(text(run)));
    }

    void openCvLogsStayOffStderr() {
        const CliResult run = batch(writeCsv("cut.csv", {"cut.tif"}), "out-cut");
        QVERIFY2(run.exitCode != -1, "--batch hung");
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("cut.tif"), qPrintable(text(run)));
        QVERIFY2(!run.err.contains("[ WARN") && !run.err.contains("[ERROR") && !run.err.contains("imdecode_"),
                 qPrintable(text(run)));
        const CliResult validate =
            runCropdeck({"--validate", "--annotations", m_dir.filePath("cut.csv")}, kTimeoutMs);
        QVERIFY2(!validate.err.contains("[ WARN") && !validate.err.contains("[ERROR"),
                 qPrintable(text(validate)));
    }
};

QTEST_GUILESS_MAIN(TestCliSpecialFiles)
#include "test_cli_special_files.moc"
