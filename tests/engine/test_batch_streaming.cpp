// SPDX-License-Identifier: GPL-3.0-or-later
// The batch engine under dense windows and hostile conditions: windows delivered one at a time,
// cancel inside one image, the output folder deleted or replaced midway, windows that produce nothing,
// and output folders that cannot be created. Every wait is on a signal; every check is on counts.

#include "TestUtils.h"
#include "engine/BatchPlan.h"
#include "engine/BatchRunner.h"
#include "engine/GroupCommitter.h"
#include "engine/ImageCropper.h"
#include "engine/Manifest.h"
#include "engine/OutputGroupWriter.h"
#include "io/ImageProbe.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <unistd.h>

using namespace cropdeck;
using namespace cropdeck::test;

namespace {

constexpr int kWaitMs = 120'000;

QString writeJpeg(const QString& folder, const QString& name, int width, int height) {
    cv::Mat image(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.at<cv::Vec3b>(y, x) =
                cv::Vec3b(uchar(x * 255 / width), uchar(y * 255 / height), uchar(x ^ y));
    const QString path = QDir(folder).filePath(name);
    cv::imwrite(path.toStdString(), image);
    return path;
}

// One image with `count` small windows on a grid (positions repeat when there are more than fit).
AnnotationSet denseImage(const QString& folder, int count, int side = 16) {
    AnnotationSet set;
    set.imageRoot = folder;
    writeJpeg(folder, "dense.jpg", 320, 240);
    ImageEntry entry;
    entry.path = "dense.jpg";
    QList<QRect> boxes;
    for (int i = 0; i < count; ++i)
        boxes << QRect((i * 7) % (320 - side), (i * 13 / 3) % (240 - side), side, side);
    entry.windows = windowsAt(boxes);
    set.images.append(entry);
    return set;
}

AnnotationSet manyImages(const QString& folder, int count) {
    AnnotationSet set;
    set.imageRoot = folder;
    for (int i = 0; i < count; ++i) {
        ImageEntry entry;
        entry.path = QStringLiteral("img%1.jpg").arg(i);
        writeJpeg(folder, entry.path, 320, 240);
        entry.windows = windowsAt({QRect(0, 0, 100, 100), QRect(50, 50, 200, 150), QRect(10, 100, 300, 90)});
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

QStringList temporariesIn(const QString& dir) {
    QStringList found;
    QDirIterator it(dir, {".cropdeck-*.tmp"}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        found << it.next();
    return found;
}

// Every "ok" line names an output that exists with the recorded size; returns how many, -1 on a mismatch.
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

struct Run {
    BatchSummary summary;
    QList<BatchNotice> notices;
    QList<BatchFailure> failures;
};

// Starts the batch; `duringRun(runner, progress)` is called on each progress until it returns true.
template <typename During>
Run runBatch(const AnnotationSet& set, const BatchOptions& options, During duringRun) {
    Run run;
    const Result<BatchPlan> plan = planBatch(set, options);
    if (!plan) {
        run.summary.outcome = BatchOutcome::Fatal;
        run.summary.fatalError = plan.error().message;
        return run;
    }
    BatchRunner runner;
    runner.setProgressInterval(2);
    bool done = false;
    QObject::connect(&runner, &BatchRunner::progressed, [&](const BatchProgress& p) {
        if (!done)
            done = duringRun(runner, p);
    });
    QObject::connect(&runner, &BatchRunner::noticed, [&](const BatchNotice& n) { run.notices << n; });
    QObject::connect(&runner, &BatchRunner::failed, [&](const BatchFailure& f) { run.failures << f; });
    QSignalSpy finished(&runner, &BatchRunner::finished);
    runner.start(plan.value(), options);
    if (!finished.wait(kWaitMs)) {
        run.summary.outcome = BatchOutcome::Fatal;
        run.summary.fatalError = QStringLiteral("the batch did not finish in time");
        return run;
    }
    run.summary = finished.first().first().value<BatchSummary>();
    return run;
}

Run runBatch(const AnnotationSet& set, const BatchOptions& options) {
    return runBatch(set, options, [](BatchRunner&, const BatchProgress&) { return true; });
}

// A sink that sets a flag on its first window: the cropper must stop at once.
class CancelOnFirst : public WindowSink {
public:
    CancelOnFirst(std::atomic_bool& cancel, int& taken)
        : m_cancel(cancel)
        , m_taken(taken) {}
    void take(CroppedWindow&&) override {
        ++m_taken;
        m_cancel = true;
    }

private:
    std::atomic_bool& m_cancel;
    int& m_taken;
};

} // namespace

class TestBatchStreaming : public QObject {
    Q_OBJECT
private slots:
    // Regression: cropImage held every crop of an image until the image was done (peak memory grew with
    // the windows per image). cropImageEach hands each window over as it is cut: the first window
    // reaches the sink before the second is cut, so a cancel set there leaves one window delivered.
    void windowsAreDeliveredOneByOneAndCancelIsSeenPerWindow() {
        QTemporaryDir images;
        const AnnotationSet set = denseImage(images.path(), 500);
        const ImageEntry& image = set.images.first();
        for (const bool lossless : {false, true}) {
            CropSettings settings;
            settings.lossless = lossless;
            std::atomic_bool cancel{false};
            int taken = 0;
            const CropStream stream{[&] { return std::make_unique<CancelOnFirst>(cancel, taken); }, {}};
            const QString path = QDir(images.path()).filePath(image.path);
            const Result<CropReport> report = cropImageEach(path, *probeImage(path, settings.maxPixels),
                                                            image.windows, settings, &cancel, stream);
            QVERIFY(!report);
            QCOMPARE(report.error().kind, ErrorKind::Cancelled);
            QCOMPARE(taken, 1);
        }
    }

    // The collecting wrapper still gives every window, in window order.
    void cropImageCollectsEveryWindowInOrder() {
        QTemporaryDir images;
        const AnnotationSet set = denseImage(images.path(), 300);
        const Result<CroppedImage> cropped =
            cropImage(QDir(images.path()).filePath("dense.jpg"), set.images.first().windows, CropSettings());
        QVERIFY(cropped.ok());
        QCOMPARE(int(cropped->windows.size()), 300);
        for (int i = 0; i < 300; ++i) {
            QCOMPARE(cropped->windows[i].windowIndex, i);
            QCOMPARE(cropped->windows[i].pixels.cols, 16);
        }
    }

    // Regression: one image with many windows spread over the pool gives exactly the outputs of a
    // single-threaded run.
    void aDenseImageOnManyThreadsEqualsOneThread() {
        QTemporaryDir images, one, four;
        const AnnotationSet set = denseImage(images.path(), 3000, 24);
        BatchOptions options = optionsFor(one.path(), 1);
        options.settings.format = OutputFormat::Jpeg;
        const Run single = runBatch(set, options);
        QCOMPARE(single.summary.outcome, BatchOutcome::Completed);
        options.outputDir = four.path();
        options.threads = 4;
        const Run parallel = runBatch(set, options);
        QCOMPARE(parallel.summary.outcome, BatchOutcome::Completed);
        QCOMPARE(parallel.summary.progress.windowsWritten, 3000);
        QCOMPARE(checkManifestMatchesFiles(four.path()), 3000);
        QDirIterator it(one.path(), {"*.jpg"}, QDir::Files);
        int compared = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            QFile a(path), b(QDir(four.path()).filePath(it.fileName()));
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            QVERIFY2(a.readAll() == b.readAll(), qPrintable(it.fileName()));
            ++compared;
        }
        QCOMPARE(compared, 3000);
        QVERIFY(temporariesIn(four.path()).isEmpty());
    }

    // Regression: a cancel did not reach inside an image (one image with a million boxes kept writing
    // 90 s after Ctrl-C). After cancel() returns, only the commits already under way are recorded: at most
    // one group per committer thread; groups still waiting are dropped.
    void cancelStopsInsideOneImageWithManyWindows() {
        QTemporaryDir images, out;
        constexpr int kWindows = 12000;
        const AnnotationSet set = denseImage(images.path(), kWindows, 8);
        BatchOptions options = optionsFor(out.path(), 1);
        options.settings.pngCompression = 1;
        int writtenAtCancel = -1;
        const Run run = runBatch(set, options, [&](BatchRunner& runner, const BatchProgress& p) {
            if (p.windowsWritten == 0)
                return false;
            runner.cancel();
            writtenAtCancel = runner.progress().windowsWritten;
            return true;
        });
        QCOMPARE(run.summary.outcome, BatchOutcome::Cancelled);
        QVERIFY(writtenAtCancel > 0);
        const int written = run.summary.progress.windowsWritten;
        QVERIFY2(written - writtenAtCancel <= GroupCommitter::threadsFor(1) * OutputGroupWriter::kGroupFiles,
                 qPrintable(QStringLiteral("%1 at cancel, %2 at the end").arg(writtenAtCancel).arg(written)));
        QVERIFY(written < kWindows);
        QCOMPARE(checkManifestMatchesFiles(out.path()), written);
        QVERIFY2(temporariesIn(out.path()).isEmpty(), qPrintable(temporariesIn(out.path()).join(", ")));
    }

    // Regression: the output folder deleted mid-run was silently recreated and the run said "all done".
    void outputFolderDeletedMidRunIsFatal() {
        QTemporaryDir images, parent;
        const QString out = parent.filePath("out");
        const AnnotationSet set = manyImages(images.path(), 60);
        bool removed = false;
        const Run run = runBatch(set, optionsFor(out, 1), [&](BatchRunner&, const BatchProgress& p) {
            if (p.windowsWritten == 0)
                return false;
            // The worker may add a file while the tree is removed: remove again until the folder is gone.
            for (int attempt = 0; attempt < 100 && !removed; ++attempt)
                removed = QDir(out).removeRecursively() || !QFileInfo::exists(out);
            return true;
        });
        QVERIFY(removed);
        QCOMPARE(run.summary.outcome, BatchOutcome::Fatal);
        QVERIFY2(run.summary.fatalError.contains(out) && run.summary.fatalError.contains("deleted"),
                 qPrintable(run.summary.fatalError));
        QVERIFY2(!QFileInfo::exists(out), "the output folder was recreated");
        QVERIFY(run.summary.progress.windowsWritten < 180);
    }

    void outputFolderReplacedMidRunIsFatal() {
        QTemporaryDir images, parent;
        const QString out = parent.filePath("out");
        const AnnotationSet set = manyImages(images.path(), 60);
        bool replaced = false;
        const Run run = runBatch(set, optionsFor(out, 1), [&](BatchRunner&, const BatchProgress& p) {
            if (p.windowsWritten == 0)
                return false;
            replaced = QDir(parent.path()).rename("out", "old") && QDir(parent.path()).mkdir("out");
            return true;
        });
        QVERIFY(replaced);
        QCOMPARE(run.summary.outcome, BatchOutcome::Fatal);
        QVERIFY2(run.summary.fatalError.contains(out) && run.summary.fatalError.contains("replaced"),
                 qPrintable(run.summary.fatalError));
        // Nothing is written into the impostor.
        QCOMPARE(QDir(out).entryList(QDir::Files | QDir::NoDotAndDotDot).size(), 0);
        QVERIFY(temporariesIn(parent.path()).isEmpty());
    }

    // Regression: windows wholly outside the image under clip and pad were dropped with only a count.
    void windowsOutsideTheImageAreNamedWithTheReason() {
        QTemporaryDir images, out;
        AnnotationSet set;
        set.imageRoot = images.path();
        writeJpeg(images.path(), "small.jpg", 64, 48);
        ImageEntry entry;
        entry.path = "small.jpg";
        entry.windows = windowsAt({QRect(0, 0, 10, 10), QRect(500, 500, 20, 20), QRect(-40, 5, 10, 10)});
        entry.windows[1].id = "far-away";
        set.images.append(entry);
        for (const BoundsPolicy policy : {BoundsPolicy::Clip, BoundsPolicy::Pad}) {
            QTemporaryDir out;
            BatchOptions options = optionsFor(out.path(), 1);
            options.settings.bounds = policy;
            const Run run = runBatch(set, options);
            QCOMPARE(run.summary.outcome, BatchOutcome::Completed);
            QCOMPARE(run.summary.progress.windowsSkipped, 2);
            QCOMPARE(run.summary.progress.windowsWritten, 1);
            QStringList messages;
            for (const BatchNotice& notice : run.notices)
                if (notice.windowIndex >= 0)
                    messages << notice.message;
            QCOMPARE(messages.size(), 2);
            messages.sort();
            QVERIFY2(messages.join('\n').contains("small.jpg window far-away (500,500 20x20): skipped"),
                     qPrintable(messages.join('\n')));
            QVERIFY2(messages.join('\n').contains("(-40,5 10x10)"), qPrintable(messages.join('\n')));
            int skippedLines = 0;
            for (const QJsonObject& line : manifestLines(out.path()))
                if (line["status"].toString() == u"skipped") {
                    ++skippedLines;
                    QVERIFY2(!line["note"].toString().isEmpty(), "a skipped line says why");
                }
            QCOMPARE(skippedLines, 2);
        }
    }

    // Regression: --fail-on none wrote grey crops from truncated data with status ok and no word.
    void damagedDataIsWarnedOncePerImageAndMarkedInTheManifest() {
        QTemporaryDir images, out;
        AnnotationSet set;
        set.imageRoot = images.path();
        const QString whole = writeJpeg(images.path(), "whole.jpg", 320, 240);
        QFile source(whole);
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray bytes = source.readAll();
        QFile cut(images.filePath("cut.jpg"));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(bytes.left(bytes.size() * 6 / 10));
        cut.close();
        ImageEntry damaged;
        damaged.path = "cut.jpg";
        damaged.windows =
            windowsAt({QRect(0, 180, 50, 50), QRect(100, 190, 40, 40), QRect(200, 200, 30, 30)});
        ImageEntry fine;
        fine.path = "whole.jpg";
        fine.windows = windowsAt({QRect(0, 180, 50, 50)});
        set.images << damaged << fine;
        BatchOptions options = optionsFor(out.path(), 1);
        options.settings.failOn = FailOn::None;
        const Run run = runBatch(set, options);
        QCOMPARE(run.summary.outcome, BatchOutcome::Completed);
        QCOMPARE(run.summary.progress.windowsWritten, 4);
        QStringList warnings;
        for (const BatchNotice& notice : run.notices)
            if (notice.message.contains("damaged"))
                warnings << notice.message;
        QCOMPARE(warnings.size(), 1); // once per image, not once per window
        QVERIFY2(warnings.first().startsWith("cut.jpg"), qPrintable(warnings.first()));
        int marked = 0;
        for (const QJsonObject& line : manifestLines(out.path())) {
            const bool isDamaged = !line["damaged"].toString().isEmpty();
            QCOMPARE(isDamaged, line["source"].toString() == u"cut.jpg");
            marked += isDamaged ? 1 : 0;
        }
        QCOMPARE(marked, 3);
        // A resumed run does not take damaged crops for finished ones.
        options.resume = true;
        const Result<BatchPlan> resumed = planBatch(set, options);
        QVERIFY(resumed.ok());
        QCOMPARE(resumed->windowsAlreadyDone, 1);
    }

    // Regression: "cannot create the output folder" without the reason.
    void anUncreatableOutputFolderSaysWhy() {
        QTemporaryDir images, parent;
        const AnnotationSet set = manyImages(images.path(), 1);
        QFile file(parent.filePath("a-file"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const QString underAFile = parent.filePath("a-file/sub");
        Run run = runBatch(set, optionsFor(underAFile, 1));
        QCOMPARE(run.summary.outcome, BatchOutcome::Fatal);
        QVERIFY2(run.summary.fatalError.contains(underAFile) &&
                     run.summary.fatalError.contains("Not a directory"),
                 qPrintable(run.summary.fatalError));

        if (::geteuid() == 0)
            QSKIP("running as root: permissions do not stop root, so the read-only case cannot fail here");
        const QString locked = parent.filePath("locked");
        QVERIFY(QDir(parent.path()).mkdir("locked"));
        QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        run = runBatch(set, optionsFor(locked + "/out", 1));
        QFile::setPermissions(locked,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QCOMPARE(run.summary.outcome, BatchOutcome::Fatal);
        QVERIFY2(run.summary.fatalError.contains("Permission denied"), qPrintable(run.summary.fatalError));
    }
};

QTEST_GUILESS_MAIN(TestBatchStreaming)
#include "test_batch_streaming.moc"
