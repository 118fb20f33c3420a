// SPDX-License-Identifier: GPL-3.0-or-later
// cropdeck_bench_gui: the desktop window's speed goals, measured side by side with Qt's own image reader in
// one run (figures, not pass/fail): first paint of a large JPEG, thumbnails (DCT-scaled decode, EXIF
// thumbnails) against QImageReader::setScaledSize, canvas frame times while one of 1,000 boxes moves,
// opening a 10,000-image COCO set in the window, the event loop's lateness during a batch, and the Output
// Preview clicking through the windows of a large JPEG with and without its restart-marker copy.
//
//   cropdeck_bench_gui [--dir DIR] [--photos N] [--threads T] [--trials K] [--open-images N] [--only LIST]
//
// The photos are generated once (natural-looking scenes, baseline JPEG, some with EXIF orientation 6)
// and kept in DIR for later runs.

#include "BenchPhotos.h"
#include "PreviewBench.h"
#include "WindowBench.h"
#include "bench/BenchJpegWriter.h"
#include "bench/SceneRenderer.h"
#include "bench/SystemInfo.h"
#include "bench/TrialStats.h"
#include "engine/DisplayImage.h"
#include "engine/Thumbnail.h"
#include "ui/AnnotationDocument.h"
#include "ui/CropCanvas.h"
#include "ui/ImageConversion.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImageReader>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

using namespace cropdeck;
using namespace cropdeck::benchmark;

namespace {

QString writeJpeg(const QString& path, int width, int height, quint64 seed, int orientation,
                  const QByteArray& thumbnail = {}) {
    return keepPhoto(path, [&] {
        const bench::Scene scene = bench::renderScene(width, height, 3, seed);
        bench::JpegWriteOptions options;
        options.exifOrientation = orientation;
        options.exifThumbnail = thumbnail;
        return bench::encodeBenchJpeg(scene.pixels, options);
    });
}

// The embedded thumbnail a camera writes: the scene at 160×120, JPEG.
QByteArray cameraThumbnail(int width, int height, quint64 seed) {
    const bench::Scene scene = bench::renderScene(width, height, 3, seed);
    cv::Mat small;
    cv::resize(scene.pixels, small, cv::Size(160, 120), 0, 0, cv::INTER_AREA);
    bench::JpegWriteOptions options;
    options.quality = 80;
    const Result<QByteArray> jpeg = bench::encodeBenchJpeg(small, options);
    return jpeg ? *jpeg : QByteArray();
}

double medianMs(int trials, const std::function<void()>& work) {
    work(); // warm-up: page cache, code paths
    std::vector<double> times;
    for (int i = 0; i < trials; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.push_back(timer.nsecsElapsed() / 1e6);
    }
    return bench::summarizeTrials(times).median;
}

// Images per second of each engine over its paths on `threads` threads: one warm-up round, then
// `trials` rounds with the engines interleaved, so that drift (other load, clock changes) hits all alike.
struct ThumbnailEngine {
    const QStringList* paths;
    std::function<void(const QString&)> work;
    std::vector<double> seconds;
};

void runInterleaved(std::vector<ThumbnailEngine>& engines, int threads, int trials) {
    QThreadPool pool;
    pool.setMaxThreadCount(threads);
    for (int round = 0; round <= trials; ++round)
        for (ThumbnailEngine& engine : engines) {
            QElapsedTimer timer;
            timer.start();
            QtConcurrent::blockingMap(&pool, *engine.paths, engine.work);
            if (round > 0) // round 0 warms the page cache and code paths
                engine.seconds.push_back(timer.nsecsElapsed() / 1e9);
        }
}

double imagesPerSecond(const ThumbnailEngine& engine) {
    return engine.paths->size() / bench::summarizeTrials(engine.seconds).median;
}

void firstPaint(const QString& dir, int trials) {
    const QString path = writeJpeg(QDir(dir).filePath("large-6000x4000.jpg"), 6000, 4000, 7, 0);
    const QSize view(1600, 1000);
    QSize shown;
    const double cropdeck = medianMs(trials, [&] {
        const Result<DisplayImage> image = decodeForDisplay(path, view, 0);
        const QImage picture = image ? ui::toQImage(image->pixels) : QImage();
        shown = picture.size();
    });
    QSize peerShown;
    const double peer = medianMs(trials, [&] {
        QImageReader reader(path);
        reader.setAutoTransform(true);
        const QImage scaled = reader.read().scaled(view, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        peerShown = scaled.size();
    });
    std::printf("\nFirst paint, 6000x4000 baseline JPEG in a %dx%d view (median of %d)\n", view.width(),
                view.height(), trials);
    std::printf("  %-46s %8.1f ms  (%dx%d picture)\n", "CropDeck decodeForDisplay (DCT-scaled) + QImage",
                cropdeck, shown.width(), shown.height());
    std::printf("  %-46s %8.1f ms  (%dx%d)\n", "QImageReader full decode + smooth scale", peer,
                peerShown.width(), peerShown.height());
    std::printf("  ratio: CropDeck is %.1fx faster (goal: <= 100 ms and >= 3x)\n", peer / cropdeck);
}

void thumbnails(const QString& dir, int count, int threads, int trials) {
    QStringList plain, withExif;
    const QByteArray sampleThumbnail = cameraThumbnail(4000, 3000, 1);
    for (int i = 0; i < count; ++i) {
        const int orientation = i % 5 == 0 ? 6 : 1; // some portrait photos, as cameras store them
        plain << writeJpeg(QDir(dir).filePath(QStringLiteral("photo-%1.jpg").arg(i, 4, 10, QLatin1Char('0'))),
                           4000, 3000, bench::mixSeed(11, i), orientation);
        withExif << writeJpeg(
            QDir(dir).filePath(QStringLiteral("exif-%1.jpg").arg(i, 4, 10, QLatin1Char('0'))), 4000, 3000,
            bench::mixSeed(11, i), orientation, sampleThumbnail);
        if ((i + 1) % 50 == 0)
            std::fprintf(stderr, "generated %d of %d photos\r", i + 1, count);
    }
    if (plain.contains(QString()) || withExif.contains(QString())) {
        std::fprintf(stderr, "cannot write the photos in %s\n", qPrintable(dir));
        return;
    }
    const QSize box(160, 120);
    std::atomic_int wrongOrientation{0};
    const auto check = [&](QSize size, const QString& path) {
        const bool portrait = path.endsWith("0.jpg") || path.endsWith("5.jpg"); // i % 5 == 0
        if ((size.height() > size.width()) != portrait)
            ++wrongOrientation;
    };
    std::atomic_int fromExif{0};
    std::vector<ThumbnailEngine> engines;
    engines.push_back({&plain,
                       [&](const QString& path) {
                           const Result<Thumbnail> made = makeThumbnail(path, box, 0);
                           if (made)
                               check(made->pixels.size, path);
                       },
                       {}});
    engines.push_back({&plain,
                       [&](const QString& path) {
                           QImageReader reader(path);
                           reader.setAutoTransform(true);
                           // Qt scales the stored image; the box is for the upright one.
                           const bool turned =
                               reader.transformation() & QImageIOHandler::TransformationRotate90;
                           const QSize stored = reader.size();
                           const QSize upright = turned ? stored.transposed() : stored;
                           const QSize fitted = upright.scaled(box, Qt::KeepAspectRatio);
                           reader.setScaledSize(turned ? fitted.transposed() : fitted);
                           check(reader.read().size(), path);
                       },
                       {}});
    engines.push_back({&withExif,
                       [&](const QString& path) {
                           const Result<Thumbnail> made = makeThumbnail(path, box, 0);
                           if (made) {
                               check(made->pixels.size, path);
                               fromExif += made->fromExif ? 1 : 0;
                           }
                       },
                       {}});
    runInterleaved(engines, threads, trials);
    const double decoded = imagesPerSecond(engines[0]), peer = imagesPerSecond(engines[1]),
                 exif = imagesPerSecond(engines[2]);
    std::printf(
        "\nThumbnails, %d photos 4000x3000 baseline JPEG (1 in 5 EXIF-rotated), %dx%d box, %d threads\n",
        count, box.width(), box.height(), threads);
    std::printf("  %-46s %8.0f images/s\n", "CropDeck makeThumbnail (1/8 DCT decode)", decoded);
    std::printf("  %-46s %8.0f images/s\n", "QImageReader::setScaledSize", peer);
    std::printf("  %-46s %8.0f images/s  (%d of %d runs used the EXIF thumbnail)\n",
                "CropDeck makeThumbnail (EXIF thumbnail)", exif, fromExif.load(), count * (trials + 1));
    std::printf("  ratio: decode %.2fx QImageReader (goal: >= 90 images/s and >= 1x); EXIF %.1fx "
                "(goal: >= 1000 images/s); wrong orientation: %d\n",
                decoded / peer, exif / peer, wrongOrientation.load());
}

// Counts the paint events a widget receives, so a frame can be waited for without a timer.
class PaintCounter : public QObject {
public:
    int paints = 0;

protected:
    bool eventFilter(QObject*, QEvent* event) override {
        paints += event->type() == QEvent::Paint ? 1 : 0;
        return false;
    }
};

// This thread's CPU time in ms: on a loaded machine wall time also counts the waits for a core, so both
// are printed (the CPU figure is what the frame costs when the core is free).
double threadCpuMs() {
#ifdef CLOCK_THREAD_CPUTIME_ID
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
#else
    return 0;
#endif
}

struct FrameTimes {
    std::vector<double> wall, cpu;
};

double percentile(std::vector<double> times, int percent) {
    std::sort(times.begin(), times.end());
    return times[std::min(times.size() - 1, times.size() * percent / 100)];
}

void printFrames(const char* what, const FrameTimes& times) {
    std::printf("  %-42s median %.2f ms, 99th percentile %.2f ms (CPU: median %.2f ms, p99 %.2f ms)\n", what,
                percentile(times.wall, 50), percentile(times.wall, 99), percentile(times.cpu, 50),
                percentile(times.cpu, 99));
}

void canvasFrames(int boxes, int frames) {
    ui::CropCanvas canvas;
    canvas.resize(1600, 1000);
    QImage picture(1500, 1000, QImage::Format_RGB32);
    picture.fill(Qt::darkGreen);
    canvas.setPicture(picture, QSize(6000, 4000));
    AnnotationSet set;
    ImageEntry image;
    image.path = QStringLiteral("large.jpg");
    for (int i = 0; i < boxes; ++i) {
        CropWindow window;
        window.box = QRectF((i * 97) % 5800, (i * 61) % 3800, 40 + i % 150, 30 + i % 120);
        window.label = QStringLiteral("class %1").arg(i % 12);
        window.id = QString::number(i);
        image.windows << window;
    }
    set.images << image;
    ui::AnnotationDocument document;
    document.setAnnotations(set);
    canvas.setDocument(&document);
    canvas.showWindows(0, 1.0);
    // As in the window: the batch's cut drawn over each box (the default settings: all inside, clip).
    ImageInfo info;
    info.format = ImageFormat::Jpeg;
    info.width = 6000;
    info.height = 4000;
    canvas.setImageInfo(info);
    canvas.setCutPreview(CropSettings());
    canvas.setSelectedWindows({0}); // the dragged box is selected, as under the mouse
    canvas.show();
    QApplication::processEvents();
    PaintCounter counter;
    canvas.viewport()->installEventFilter(&counter);
    // A drag is a run of document edits with one merge key; each repaints what changed.
    const int drag = document.newMergeKey();
    QRectF box = document.windows(0).first().box;
    const auto step = [&] {
        box.translate(3, 2);
        document.setBox(0, 0, box, drag);
    };
    // The whole view painted at once: the worst frame, as after a scroll or zoom.
    FrameTimes whole;
    for (int frame = 0; frame < frames; ++frame) {
        QElapsedTimer timer;
        timer.start();
        const double cpu = threadCpuMs();
        step();
        canvas.viewport()->repaint();
        whole.wall.push_back(timer.nsecsElapsed() / 1e6);
        whole.cpu.push_back(threadCpuMs() - cpu);
    }
    // The frame the event loop paints during a drag: the scene's changed region only.
    FrameTimes dragged;
    for (int frame = 0; frame < frames; ++frame) {
        QElapsedTimer timer;
        timer.start();
        const double cpu = threadCpuMs();
        const int before = counter.paints;
        step();
        for (int turn = 0; turn < 100 && counter.paints == before; ++turn)
            QApplication::processEvents();
        dragged.wall.push_back(timer.nsecsElapsed() / 1e6);
        dragged.cpu.push_back(threadCpuMs() - cpu);
    }
    std::printf("\nCanvas, %d boxes on a 6000x4000 image in a 1600x1000 view, one box dragged (%d frames; "
                "goal: median <= 8 ms, 99th percentile <= 16 ms)\n",
                boxes, frames);
    printFrames("whole view repainted each frame:", whole);
    printFrames("event loop frame (changed region only):", dragged);
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription("The desktop window's speed goals, side by side with QImageReader.");
    parser.addHelpOption();
    parser.addOption({"dir", "Folder for the generated photos (kept for later runs).", "DIR",
                      QDir::temp().filePath("cropdeck-bench-gui")});
    parser.addOption({"photos", "Photos for the thumbnail figures.", "N", "500"});
    parser.addOption({"threads", "Threads for the thumbnail figures.", "T", "2"});
    parser.addOption({"trials", "Timed trials per figure (after one warm-up).", "K", "3"});
    parser.addOption({"open-images", "Images in the set the window opens.", "N", "10000"});
    parser.addOption({"only",
                      "Only these figures, comma-separated: paint, thumbnails, canvas, open, batch, preview.",
                      "LIST"});
    parser.process(app);
    const QString dir = parser.value("dir");
    QDir().mkpath(dir);
    const int trials = std::max(1, parser.value("trials").toInt());
    std::printf("%s\n", qPrintable(bench::describe(
                            bench::collectSystemInfo(dir, QStringLiteral("cropdeck_bench_gui")))));
    const QStringList only = parser.value("only").split(u',', Qt::SkipEmptyParts);
    const auto wanted = [&only](const char* figure) {
        return only.isEmpty() || only.contains(figure);
    };
    if (wanted("paint"))
        firstPaint(dir, std::max(5, trials));
    if (wanted("thumbnails"))
        thumbnails(dir, std::max(1, parser.value("photos").toInt()),
                   std::max(1, parser.value("threads").toInt()), trials);
    if (wanted("canvas"))
        canvasFrames(1000, 300);
    if (wanted("open"))
        openLargeSet(dir, std::max(1, parser.value("open-images").toInt()));
    if (wanted("batch"))
        eventLoopDuringBatch(dir, QThread::idealThreadCount());
    if (wanted("preview"))
        previewClickThrough(dir, trials);
    return 0;
}
