// SPDX-License-Identifier: GPL-3.0-or-later
// cropdeck_bench_gui: the desktop window's speed goals, measured side by side with Qt's own image reader in
// one run (figures, not pass/fail): first paint of a large JPEG, thumbnails (DCT-scaled decode, EXIF
// thumbnails) against QImageReader::setScaledSize, and canvas frame times while one of 1,000 boxes moves.
//
//   cropdeck_bench_gui [--dir DIR] [--photos N] [--threads T] [--trials K]
//
// The photos are generated once (natural-looking scenes, baseline JPEG, some with EXIF orientation 6)
// and kept in DIR for later runs.

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
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace cropdeck;

namespace {

QString writeJpeg(const QString& path, int width, int height, quint64 seed, int orientation,
                  const QByteArray& thumbnail = {}) {
    if (QFileInfo::exists(path))
        return path;
    const bench::Scene scene = bench::renderScene(width, height, 3, seed);
    bench::JpegWriteOptions options;
    options.exifOrientation = orientation;
    options.exifThumbnail = thumbnail;
    const Result<QByteArray> jpeg = bench::encodeBenchJpeg(scene.pixels, options);
    QFile file(path + ".part");
    if (!jpeg || !file.open(QIODevice::WriteOnly) || file.write(*jpeg) != jpeg->size())
        return {};
    file.close();
    return QFile::rename(path + ".part", path) ? path : QString();
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
    canvas.show();
    QApplication::processEvents();
    // A drag is a run of document edits with one merge key; each repaints what changed.
    const int drag = document.newMergeKey();
    std::vector<double> times;
    QRectF box = document.windows(0).first().box;
    for (int frame = 0; frame < frames; ++frame) {
        QElapsedTimer timer;
        timer.start();
        box.translate(3, 2);
        document.setBox(0, 0, box, drag);
        canvas.viewport()->repaint(); // the frame, painted now
        times.push_back(timer.nsecsElapsed() / 1e6);
    }
    std::sort(times.begin(), times.end());
    std::printf("\nCanvas, %d boxes on a 6000x4000 image in a 1600x1000 view, one box dragged (%d frames)\n",
                boxes, frames);
    std::printf("  median frame %.2f ms, 99th percentile %.2f ms (goal: <= 8 ms and <= 16 ms)\n",
                times[times.size() / 2], times[std::min(times.size() - 1, times.size() * 99 / 100)]);
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
    parser.process(app);
    const QString dir = parser.value("dir");
    QDir().mkpath(dir);
    const int trials = std::max(1, parser.value("trials").toInt());
    std::printf("%s\n", qPrintable(bench::describe(
                            bench::collectSystemInfo(dir, QStringLiteral("cropdeck_bench_gui")))));
    firstPaint(dir, std::max(5, trials));
    thumbnails(dir, std::max(1, parser.value("photos").toInt()), std::max(1, parser.value("threads").toInt()),
               trials);
    canvasFrames(1000, 300);
    return 0;
}
