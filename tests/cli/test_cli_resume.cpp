// SPDX-License-Identifier: GPL-3.0-or-later
// `cropdeck --batch --resume` through the real binary:
// * after a run killed with SIGKILL while it writes: the second run removes the temporaries that the
//   killed one (or any earlier dead run) left, keeps the user's files, and ends with the same outputs as
//   one uninterrupted run;
// * after a change of settings: every output is cropped again (and the run says so), none is kept.

#include "CliRunner.h"
#include "TestUtils.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace cropdeck::test;

namespace {

constexpr int kImages = 60;
constexpr int kWindowsPerImage = 3;

// PNG images with gradients, discs and noise, and a CSV of three boxes each.
QString makeDataset(const QString& folder, int images = kImages) {
    QFile csv(QDir(folder).filePath("boxes.csv"));
    if (!csv.open(QIODevice::WriteOnly))
        return {};
    csv.write("path,x,y,w,h,label\n");
    for (int i = 0; i < images; ++i) {
        QRandomGenerator random(quint32(i + 1));
        cv::Mat image(300, 400, CV_8UC3);
        for (int y = 0; y < image.rows; ++y)
            for (int x = 0; x < image.cols; ++x)
                image.at<cv::Vec3b>(y, x) =
                    cv::Vec3b(uchar(x * 255 / 400), uchar(y * 255 / 300), uchar(i * 4));
        for (int c = 0; c < 6; ++c)
            cv::circle(image, cv::Point(random.bounded(400), random.bounded(300)), 5 + random.bounded(120),
                       cv::Scalar(random.bounded(256), random.bounded(256), random.bounded(256)), cv::FILLED);
        cv::Mat noise(image.size(), image.type());
        cv::theRNG().state = quint64(i + 1);
        cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(10));
        image += noise;
        const QString name = QStringLiteral("img%1.png").arg(i, 3, 10, QLatin1Char('0'));
        cv::imwrite(QDir(folder).filePath(name).toStdString(), image);
        csv.write(QStringLiteral("%1,0,0,300,200,a\n%1,100,50,300,250,b\n%1,50,100,200,150,c\n")
                      .arg(name)
                      .toUtf8());
    }
    return csv.fileName();
}

QStringList batchArgs(const QString& csv, const QString& out) {
    // One thread and the slowest PNG level: the run lasts long enough to be killed midway.
    return {"--batch", "--annotations", csv, "--out",     out, "--format",
            "png",     "--png-level",   "9", "--threads", "1"};
}

int manifestLineCount(const QString& out) {
    QFile file(QDir(out).filePath("cropdeck-manifest.jsonl"));
    return file.open(QIODevice::ReadOnly) ? int(file.readAll().count('\n')) : 0;
}

// Relative path → bytes of every file under `dir`, hidden ones included.
QMap<QString, QByteArray> treeOf(const QString& dir) {
    QMap<QString, QByteArray> tree;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        tree.insert(QDir(dir).relativeFilePath(path), file.open(QIODevice::ReadOnly) ? file.readAll() : "?");
    }
    return tree;
}

QStringList namesMatching(const QString& dir, const QString& pattern) {
    QStringList found;
    QDirIterator it(dir, {pattern}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        found << QDir(dir).relativeFilePath(it.next());
    return found;
}

void writeOldFile(const QString& path, const QByteArray& bytes) {
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    QVERIFY(file.flush()); // a later flush would set the time to now
    QVERIFY(file.setFileTime(QDateTime::currentDateTime().addSecs(-600), QFileDevice::FileModificationTime));
}

} // namespace

class TestCliResume : public QObject {
    Q_OBJECT
private slots:
    void killedRunIsCleanedUpAndCompletedByResume() {
        QVERIFY2(!cropdeckBinary().isEmpty(), "CROPDECK_BINARY is not set (run through CTest)");
        QTemporaryDir dir;
        const QString csv = makeDataset(dir.path());
        QVERIFY(!csv.isEmpty());
        const QString out = dir.filePath("out");
        const QString reference = dir.filePath("reference");
        const CliResult uninterrupted = runCropdeck(batchArgs(csv, reference));
        QVERIFY2(uninterrupted.exitCode == 0, uninterrupted.err.constData());
        const QMap<QString, QByteArray> expected = treeOf(reference);

        QProcess killed;
        killed.start(cropdeckBinary(), batchArgs(csv, out));
        QVERIFY(killed.waitForStarted());
        // Kill it once it has recorded some outputs, while it writes the others.
        QTRY_VERIFY_WITH_TIMEOUT(manifestLineCount(out) >= 3 || killed.state() == QProcess::NotRunning,
                                 60000);
        QVERIFY2(killed.state() == QProcess::Running, "the batch ended before it could be killed");
        killed.kill(); // SIGKILL: no handler runs, nothing is cleaned up
        QVERIFY(killed.waitForFinished());
        const int recorded = manifestLineCount(out);
        QVERIFY(recorded < kImages * kWindowsPerImage);
        qInfo("killed after %d manifest lines; %lld temporary file(s) left by the kill itself", recorded,
              qlonglong(namesMatching(out, ".cropdeck-*.tmp").size()));
        QCOMPARE(namesMatching(out, ".cropdeck-run-*.lock").size(), 1); // the dead run's claim

        // What other dead runs leave, and files of the user's that look similar: only the former go.
        writeOldFile(QDir(out).filePath(".cropdeck-zz9.tmp"), "partial");
        writeOldFile(QDir(out).filePath("nested/deeper/.cropdeck-0a1b.tmp"), "partial");
        writeOldFile(QDir(out).filePath("notes.tmp"), "mine");
        writeOldFile(QDir(out).filePath("nested/.cropdeck-keep.txt"), "mine");
        const int leftBefore = int(namesMatching(out, ".cropdeck-*.tmp").size());

        const CliResult resumed = runCropdeck(batchArgs(csv, out) << "--resume");
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        const QString err = QString::fromUtf8(resumed.err);
        QVERIFY2(err.contains(QStringLiteral("removed %1 temporary file(s)").arg(leftBefore)),
                 qPrintable(err));
        QVERIFY2(namesMatching(out, ".cropdeck-*.tmp").isEmpty(),
                 qPrintable(namesMatching(out, ".cropdeck-*.tmp").join(", ")));
        QVERIFY2(namesMatching(out, ".cropdeck-run-*.lock").isEmpty(),
                 "claims of the dead and the finished run are gone");

        QMap<QString, QByteArray> tree = treeOf(out);
        QCOMPARE(tree.take("notes.tmp"), QByteArray("mine"));
        QCOMPARE(tree.take("nested/.cropdeck-keep.txt"), QByteArray("mine"));
        tree.remove("cropdeck-manifest.jsonl");
        QMap<QString, QByteArray> wanted = expected;
        wanted.remove("cropdeck-manifest.jsonl");
        QCOMPARE(tree.size(), kImages * kWindowsPerImage);
        QCOMPARE(tree.keys(), wanted.keys());
        for (auto it = wanted.cbegin(); it != wanted.cend(); ++it)
            QVERIFY2(tree.value(it.key()) == it.value(),
                     qPrintable(it.key() + " differs from the uninterrupted run"));
    }

    // Regression: --resume with other settings kept the crops made with the old ones.
    void resumeWithOtherSettingsCropsEverythingAgain() {
        QVERIFY2(!cropdeckBinary().isEmpty(), "CROPDECK_BINARY is not set (run through CTest)");
        QTemporaryDir dir;
        const QString csv = makeDataset(dir.path(), 4);
        const QString out = dir.filePath("out");
        const QString reference = dir.filePath("reference");
        const QStringList colour = {"--batch", "--annotations", csv, "--format", "png", "--out"};
        const CliResult first = runCropdeck(colour + QStringList{out});
        QVERIFY2(first.exitCode == 0, first.err.constData());

        const CliResult gray = runCropdeck(colour + QStringList{out, "--gray", "--resume"});
        QVERIFY2(gray.exitCode == 0, gray.err.constData());
        QVERIFY2(gray.err.contains("12 output(s) were made with other settings") &&
                     gray.err.contains("they will be cropped again"),
                 gray.err.constData());
        const CliResult fresh = runCropdeck(colour + QStringList{reference, "--gray"});
        QVERIFY2(fresh.exitCode == 0, fresh.err.constData());
        QMap<QString, QByteArray> resumed = treeOf(out);
        QMap<QString, QByteArray> expected = treeOf(reference);
        resumed.remove("cropdeck-manifest.jsonl");
        expected.remove("cropdeck-manifest.jsonl");
        QCOMPARE(resumed.size(), 12);
        QVERIFY(resumed == expected);
        for (const QString& name : resumed.keys())
            QCOMPARE(cv::imread(QDir(out).filePath(name).toStdString(), cv::IMREAD_UNCHANGED).channels(), 1);

        // Same settings again: everything is kept.
        const CliResult again = runCropdeck(colour + QStringList{out, "--gray", "--resume", "--json"});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(!again.out.contains("cropped again"), again.out.constData());
        QVERIFY2(again.out.contains("\"windows_resumed\":12"), again.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliResume)
#include "test_cli_resume.moc"
