// SPDX-License-Identifier: GPL-3.0-or-later
// BatchRunner seen from outside: only its signals and the files it leaves. Every wait is on a signal
// (QSignalSpy::wait), never a fixed sleep.

#include "TestUtils.h"
#include "engine/BatchPlan.h"
#include "engine/BatchRunner.h"
#include "engine/Manifest.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <memory>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

constexpr int kWaitMs = 120'000;

// Gradients, discs and mild noise: compresses like a photo.
cv::Mat naturalImage(int width, int height, quint32 seed) {
    QRandomGenerator random(seed);
    cv::Mat image(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.at<cv::Vec3b>(y, x) =
                cv::Vec3b(uchar(x * 255 / width), uchar(y * 255 / height), uchar(seed));
    for (int i = 0; i < 6; ++i)
        cv::circle(image, cv::Point(random.bounded(width), random.bounded(height)),
                   4 + random.bounded(width / 3),
                   cv::Scalar(random.bounded(256), random.bounded(256), random.bounded(256)), cv::FILLED);
    cv::Mat noise(image.size(), image.type());
    cv::theRNG().state = seed;
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(8));
    return image + noise;
}

// `count` PNG images of `size`, three windows each (one crossing the right edge: clipped).
AnnotationSet makeImages(const QString& folder, int count, QSize size) {
    AnnotationSet set;
    set.imageRoot = folder;
    for (int i = 0; i < count; ++i) {
        ImageEntry entry;
        entry.path = QStringLiteral("img%1.png").arg(i, 3, 10, QLatin1Char('0'));
        cv::imwrite(QDir(folder).filePath(entry.path).toStdString(),
                    naturalImage(size.width(), size.height(), quint32(i + 1)));
        const int w = size.width(), h = size.height();
        entry.windows = windowsAt({QRect(0, 0, w / 2, h / 2), QRect(w / 4, h / 4, w / 2, h / 2),
                                   QRect(w - w / 3, h / 3, w / 2, h / 3)});
        set.images.append(entry);
    }
    return set;
}

BatchOptions optionsFor(const QString& out, int threads) {
    BatchOptions options;
    options.outputDir = out;
    options.threads = threads;
    options.settings.format = OutputFormat::Png;
    options.settings.pngCompression = 9; // slow on purpose: the batch lasts many progress ticks
    return options;
}

struct RunResult {
    BatchSummary summary;
    QList<BatchProgress> progress;
    QList<BatchFailure> failures;
};

// Plans and runs a whole batch; the runner (and its hold on the output folder) is gone on return.
RunResult runToEnd(const AnnotationSet& set, const BatchOptions& options) {
    RunResult result;
    const Result<BatchPlan> plan = planBatch(set, options);
    if (!plan) {
        result.summary.outcome = BatchOutcome::Fatal;
        result.summary.fatalError = plan.error().message;
        return result;
    }
    BatchRunner runner;
    runner.setProgressInterval(10);
    QObject::connect(&runner, &BatchRunner::progressed,
                     [&](const BatchProgress& p) { result.progress << p; });
    QObject::connect(&runner, &BatchRunner::failed, [&](const BatchFailure& f) { result.failures << f; });
    QSignalSpy finished(&runner, &BatchRunner::finished);
    runner.start(plan.value(), options);
    if (!finished.wait(kWaitMs)) {
        result.summary.outcome = BatchOutcome::Fatal;
        result.summary.fatalError = QStringLiteral("the batch did not finish in time");
        return result;
    }
    result.summary = finished.first().first().value<BatchSummary>();
    return result;
}

QList<QJsonObject> manifestLines(const QString& out) {
    QList<QJsonObject> lines;
    QFile file(QDir(out).filePath(kManifestFileName));
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    while (!file.atEnd())
        if (const QByteArray line = file.readLine().trimmed(); !line.isEmpty())
            lines << QJsonDocument::fromJson(line).object();
    return lines;
}

// Every file under `dir` (relative path → bytes), without the manifest.
QMap<QString, QByteArray> treeOf(const QString& dir) {
    QMap<QString, QByteArray> tree;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (it.fileName() == QLatin1String(kManifestFileName))
            continue;
        QFile file(path);
        tree.insert(QDir(dir).relativeFilePath(path), file.open(QIODevice::ReadOnly) ? file.readAll() : "?");
    }
    return tree;
}

QStringList temporariesIn(const QString& dir) {
    QStringList found;
    QDirIterator it(dir, {".cropdeck-*.tmp"}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        found << it.next();
    return found;
}

// Every "ok" line names an output that exists with the recorded size; returns how many "ok" lines.
int checkManifestMatchesFiles(const QString& out) {
    int ok = 0;
    for (const QJsonObject& line : manifestLines(out)) {
        if (line["status"].toString() != u"ok")
            continue;
        const QFileInfo info(QDir(out).filePath(line["output"].toString()));
        if (!info.isFile() || info.size() != qint64(line["bytes"].toDouble()))
            return -1;
        ++ok;
    }
    return ok;
}

// Waits for progress until `done` says so; false on timeout or when the batch ended first.
template <typename Predicate>
bool waitForProgress(QSignalSpy& progressed, QSignalSpy& finished, Predicate done) {
    for (;;) {
        for (const QList<QVariant>& signal : progressed)
            if (done(signal.first().value<BatchProgress>()))
                return true;
        progressed.clear();
        if (!finished.isEmpty() || !progressed.wait(kWaitMs))
            return false;
    }
}

} // namespace

class TestBatchRunner : public QObject {
    Q_OBJECT
private slots:
    void progressArrivesSteadilyAndEndsWithTheSummary() {
        QTemporaryDir images, out;
        const AnnotationSet set = makeImages(images.path(), 40, QSize(320, 240));
        const RunResult run = runToEnd(set, optionsFor(out.path(), 1));
        QCOMPARE(run.summary.outcome, BatchOutcome::Completed);
        QCOMPARE(run.summary.progress.windowsWritten, 120);
        QCOMPARE(run.summary.progress.imagesDone, 40);
        QVERIFY2(run.progress.size() >= 3, qPrintable(QString::number(run.progress.size())));
        int during = 0;
        for (int i = 1; i < run.progress.size(); ++i) {
            const BatchProgress& before = run.progress[i - 1];
            const BatchProgress& now = run.progress[i];
            QVERIFY(now.imagesDone >= before.imagesDone);
            QVERIFY(now.windowsWritten >= before.windowsWritten);
            QVERIFY(now.outputBytes >= before.outputBytes);
            QVERIFY(now.elapsedSeconds >= before.elapsedSeconds);
            QCOMPARE(now.imagesTotal, 40);
            QCOMPARE(now.windowsTotal, 120);
            during += now.imagesDone > 0 && now.imagesDone < 40 ? 1 : 0;
        }
        QVERIFY2(during >= 2, "progress must be reported while the batch runs, not only at its end");
        const BatchProgress& last = run.progress.last();
        const BatchProgress& summary = run.summary.progress;
        QCOMPARE(last.imagesDone, summary.imagesDone);
        QCOMPARE(last.windowsWritten, summary.windowsWritten);
        QCOMPARE(last.windowsFailed, summary.windowsFailed);
        QCOMPARE(last.outputBytes, summary.outputBytes);
        QCOMPARE(last.elapsedSeconds, summary.elapsedSeconds);
        qint64 bytes = 0;
        for (const QByteArray& file : treeOf(out.path()))
            bytes += file.size();
        QCOMPARE(summary.outputBytes, bytes);
    }

    void pauseHoldsTheBatchAndResumeCompletesIt() {
        QTemporaryDir images, out;
        const AnnotationSet set = makeImages(images.path(), 60, QSize(160, 120));
        const BatchOptions options = optionsFor(out.path(), 2);
        const Result<BatchPlan> plan = planBatch(set, options);
        QVERIFY(plan.ok());
        BatchRunner runner;
        runner.setProgressInterval(20);
        QSignalSpy progressed(&runner, &BatchRunner::progressed);
        QSignalSpy finished(&runner, &BatchRunner::finished);
        runner.start(plan.value(), options);
        runner.setPaused(true);

        // Images already in flight may finish; then nothing moves. Wait until the count has held still
        // for 15 ticks, then watch 15 more.
        int stableTicks = 0;
        int heldAt = -1;
        while (stableTicks < 15) {
            QVERIFY2(progressed.wait(kWaitMs), "no progress while paused");
            const BatchProgress p = progressed.last().first().value<BatchProgress>();
            stableTicks = p.windowsWritten == heldAt ? stableTicks + 1 : 0;
            heldAt = p.windowsWritten;
        }
        for (int tick = 0; tick < 15; ++tick) {
            QVERIFY(progressed.wait(kWaitMs));
            const BatchProgress p = progressed.last().first().value<BatchProgress>();
            QCOMPARE(p.windowsWritten, heldAt);
        }
        QVERIFY(finished.isEmpty());
        QVERIFY2(heldAt < 180, "the batch ended before the pause took effect");
        QVERIFY(runner.isRunning());

        runner.setPaused(false);
        QVERIFY(finished.wait(kWaitMs));
        const BatchSummary summary = finished.first().first().value<BatchSummary>();
        QCOMPARE(summary.outcome, BatchOutcome::Completed);
        QCOMPARE(summary.progress.windowsWritten, 180);
        QCOMPARE(checkManifestMatchesFiles(out.path()), 180);
    }

    void cancelStopsMidBatchWithAConsistentManifest() {
        QTemporaryDir images, out;
        const AnnotationSet set = makeImages(images.path(), 80, QSize(320, 240));
        const BatchOptions options = optionsFor(out.path(), 2);
        {
            const Result<BatchPlan> plan = planBatch(set, options);
            QVERIFY(plan.ok());
            BatchRunner runner;
            runner.setProgressInterval(5);
            QSignalSpy progressed(&runner, &BatchRunner::progressed);
            QSignalSpy finished(&runner, &BatchRunner::finished);
            runner.start(plan.value(), options);
            QVERIFY(waitForProgress(progressed, finished,
                                    [](const BatchProgress& p) { return p.windowsWritten > 0; }));
            runner.cancel();
            QVERIFY(finished.size() == 1 || finished.wait(kWaitMs));
            const BatchSummary summary = finished.first().first().value<BatchSummary>();
            QCOMPARE(summary.outcome, BatchOutcome::Cancelled);
            QVERIFY2(summary.progress.windowsWritten < 240,
                     qPrintable(QStringLiteral("%1 written").arg(summary.progress.windowsWritten)));
            QCOMPARE(summary.progress.windowsFailed, 0);
            QCOMPARE(checkManifestMatchesFiles(out.path()), summary.progress.windowsWritten);
            QVERIFY2(temporariesIn(out.path()).isEmpty(), qPrintable(temporariesIn(out.path()).join(", ")));
        }
        // With the runner gone, nothing but outputs and the manifest is left (no claim, no temporary).
        for (const QString& path : treeOf(out.path()).keys())
            QVERIFY2(path.endsWith(".png") && !path.startsWith('.'), qPrintable(path));
    }

    void aBadImageFailsAloneAndTheOthersAreWritten() {
        QTemporaryDir images, out;
        AnnotationSet set = makeImages(images.path(), 4, QSize(64, 48));
        QFile corrupt(images.filePath("corrupt.png"));
        QVERIFY(corrupt.open(QIODevice::WriteOnly));
        corrupt.write(QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(200, '\x5a'));
        corrupt.close();
        ImageEntry bad;
        bad.path = QStringLiteral("corrupt.png");
        bad.windows = windowsAt({QRect(0, 0, 8, 8)});
        ImageEntry missing;
        missing.path = QStringLiteral("missing.png");
        missing.windows = windowsAt({QRect(0, 0, 8, 8), QRect(1, 1, 4, 4)});
        set.images.insert(1, bad);
        set.images.append(missing);

        const RunResult run = runToEnd(set, optionsFor(out.path(), 2));
        QCOMPARE(run.summary.outcome, BatchOutcome::CompletedWithFailures);
        QCOMPARE(run.summary.progress.windowsWritten, 12);
        QCOMPARE(run.summary.progress.windowsFailed, 3);
        QCOMPARE(run.summary.progress.imagesFailed, 2);
        QCOMPARE(run.failures.size(), 2);
        QStringList sources;
        for (const BatchFailure& failure : run.failures) {
            sources << failure.source;
            QVERIFY2(failure.message.contains(failure.source), qPrintable(failure.message));
        }
        sources.sort();
        QCOMPARE(sources, (QStringList{"corrupt.png", "missing.png"}));
        QCOMPARE(treeOf(out.path()).size(), 12);
        QCOMPARE(checkManifestMatchesFiles(out.path()), 12);
        int errorLines = 0;
        for (const QJsonObject& line : manifestLines(out.path()))
            errorLines += line["status"].toString() == u"error" ? 1 : 0;
        QCOMPARE(errorLines, 3);
    }

    void resumeWritesOnlyWhatTheFirstRunDidNot() {
        QTemporaryDir images, single, resumed;
        const AnnotationSet set = makeImages(images.path(), 12, QSize(200, 150));
        const RunResult reference = runToEnd(set, optionsFor(single.path(), 2));
        QCOMPARE(reference.summary.outcome, BatchOutcome::Completed);

        // First run: the first half of the images (the same names: the windows and their order agree).
        AnnotationSet firstHalf = set;
        firstHalf.images.resize(6);
        QCOMPARE(runToEnd(firstHalf, optionsFor(resumed.path(), 2)).summary.progress.windowsWritten, 18);
        // Mark the first run's files so a rewrite would show.
        const QDateTime marked = QDateTime::fromSecsSinceEpoch(1'000'000'000);
        for (const QString& path : treeOf(resumed.path()).keys()) {
            QFile file(resumed.filePath(path));
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(marked, QFileDevice::FileModificationTime));
        }

        BatchOptions options = optionsFor(resumed.path(), 2);
        options.resume = true;
        const RunResult second = runToEnd(set, options);
        QCOMPARE(second.summary.outcome, BatchOutcome::Completed);
        QCOMPARE(second.summary.progress.windowsResumed, 18);
        QCOMPARE(second.summary.progress.windowsWritten, 18);
        int untouched = 0;
        for (const QString& path : treeOf(resumed.path()).keys())
            untouched += QFileInfo(resumed.filePath(path)).lastModified() == marked ? 1 : 0;
        QCOMPARE(untouched, 18);
        QCOMPARE(treeOf(resumed.path()), treeOf(single.path()));
    }

    void resumeAfterCancelEqualsOneUninterruptedRun() {
        QTemporaryDir images, single, resumed;
        const AnnotationSet set = makeImages(images.path(), 40, QSize(320, 240));
        QCOMPARE(runToEnd(set, optionsFor(single.path(), 2)).summary.outcome, BatchOutcome::Completed);

        int writtenBeforeCancel = 0;
        {
            const BatchOptions options = optionsFor(resumed.path(), 2);
            const Result<BatchPlan> plan = planBatch(set, options);
            QVERIFY(plan.ok());
            BatchRunner runner;
            runner.setProgressInterval(5);
            QSignalSpy progressed(&runner, &BatchRunner::progressed);
            QSignalSpy finished(&runner, &BatchRunner::finished);
            runner.start(plan.value(), options);
            QVERIFY(waitForProgress(progressed, finished,
                                    [](const BatchProgress& p) { return p.windowsWritten > 0; }));
            runner.cancel();
            QVERIFY(finished.size() == 1 || finished.wait(kWaitMs));
            writtenBeforeCancel = finished.first().first().value<BatchSummary>().progress.windowsWritten;
        }
        QVERIFY(writtenBeforeCancel > 0);
        QVERIFY2(writtenBeforeCancel < 120, "the batch ended before the cancel took effect");

        BatchOptions options = optionsFor(resumed.path(), 2);
        options.resume = true;
        const RunResult second = runToEnd(set, options);
        QCOMPARE(second.summary.outcome, BatchOutcome::Completed);
        QCOMPARE(second.summary.progress.windowsResumed, writtenBeforeCancel);
        QCOMPARE(second.summary.progress.windowsWritten, 120 - writtenBeforeCancel);
        QCOMPARE(treeOf(resumed.path()), treeOf(single.path()));
    }

    // Regression: --resume with other settings kept the old crops next to new ones.
    void resumeWithOtherSettingsRedoesEverything() {
        QTemporaryDir images, out, reference;
        const AnnotationSet set = makeImages(images.path(), 3, QSize(64, 48));
        QCOMPARE(runToEnd(set, optionsFor(out.path(), 1)).summary.outcome, BatchOutcome::Completed);
        BatchOptions options = optionsFor(out.path(), 1);
        options.settings.grayscale = true;
        options.resume = true;
        const Result<BatchPlan> plan = planBatch(set, options);
        QVERIFY(plan.ok());
        QCOMPARE(plan->windowsAlreadyDone, 0);
        QVERIFY(plan->warnings.join('\n').contains("9 output(s) were made with other settings"));
        const RunResult second = runToEnd(set, options);
        QCOMPARE(second.summary.progress.windowsWritten, 9);
        options.outputDir = reference.path();
        options.resume = false;
        QCOMPARE(runToEnd(set, options).summary.outcome, BatchOutcome::Completed);
        QCOMPARE(treeOf(out.path()), treeOf(reference.path()));
    }
};

QTEST_GUILESS_MAIN(TestBatchRunner)
#include "test_batch_runner.moc"
