// SPDX-License-Identifier: GPL-3.0-or-later
#include "WindowBench.h"

#include "BenchPhotos.h"
#include "bench/BenchJpegWriter.h"
#include "bench/SceneRenderer.h"
#include "ui/BatchPanel.h"
#include "ui/MainWindow.h"
#include "ui/OpenRequest.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <unistd.h>
#include <vector>

namespace cropdeck::benchmark {
namespace {

// One photo, written once; the set's other files are hard links to it (10,000 real JPEGs on disk
// without 10,000 encodes), or copies where the filesystem has no links.
bool writePhoto(const QString& path, int width, int height, quint64 seed) {
    return !keepPhoto(path, [&] {
                return bench::encodeBenchJpeg(bench::renderScene(width, height, 3, seed).pixels, {});
            }).isEmpty();
}

bool linkOrCopy(const QString& from, const QString& to) {
    if (QFileInfo::exists(to))
        return true;
    return ::link(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0 ||
           QFile::copy(from, to);
}

// VmRSS / VmHWM of this process in MiB (Linux); -1 elsewhere.
double statusMiB(const char* key) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(int(qstrlen(key))).trimmed().split(' ').value(0).toDouble() / 1024;
    return -1;
}

// `count` images of `width`×`height` in `folder` with one box each, in a COCO file beside them.
QString makeCocoSet(const QString& folder, int count, int width, int height) {
    QDir().mkpath(folder);
    const QString first = QDir(folder).filePath(QStringLiteral("img-00000.jpg"));
    if (!writePhoto(first, width, height, 5))
        return {};
    QJsonArray images, annotations;
    for (int i = 0; i < count; ++i) {
        const QString name = QStringLiteral("img-%1.jpg").arg(i, 5, 10, QLatin1Char('0'));
        if (!linkOrCopy(first, QDir(folder).filePath(name)))
            return {};
        images.append(QJsonObject{{"id", i + 1}, {"file_name", name}, {"width", width}, {"height", height}});
        const int x = (i * 37) % (width - 200), y = (i * 53) % (height - 160);
        annotations.append(QJsonObject{{"id", i + 1},
                                       {"image_id", i + 1},
                                       {"category_id", 1 + i % 3},
                                       {"bbox", QJsonArray{x, y, 160, 120}},
                                       {"area", 160 * 120},
                                       {"iscrowd", 0}});
    }
    QJsonArray categories;
    for (int c = 1; c <= 3; ++c)
        categories.append(QJsonObject{{"id", c}, {"name", QStringLiteral("class-%1").arg(c)}});
    const QJsonObject coco{{"images", images}, {"annotations", annotations}, {"categories", categories}};
    const QString path = QDir(folder).filePath(QStringLiteral("_annotations.coco.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(coco).toJson()) < 0)
        return {};
    return path;
}

} // namespace

void openLargeSet(const QString& dir, int images) {
    const QString coco =
        makeCocoSet(QDir(dir).filePath(QStringLiteral("set-%1").arg(images)), images, 4000, 3000);
    if (coco.isEmpty()) {
        std::fprintf(stderr, "cannot write the %d-image set in %s\n", images, qPrintable(dir));
        return;
    }
    const double rssBefore = statusMiB("VmRSS:");
    ui::MainWindow window;
    window.resize(1280, 800);
    window.show();
    QSignalSpy opened(&window, &ui::MainWindow::opened);
    QSignalSpy shown(&window, &ui::MainWindow::imageShown);
    ui::OpenRequest request;
    request.request.annotations = coco;
    QElapsedTimer timer;
    timer.start();
    window.open(request);
    const bool listed = opened.wait(60000);
    const double listedMs = timer.nsecsElapsed() / 1e6;
    const bool painted = listed && (shown.count() > 0 || shown.wait(60000));
    const double shownMs = timer.nsecsElapsed() / 1e6;
    std::printf("\nOpening %d images 4000x3000 JPEG with a COCO file (one box each) in the window\n", images);
    if (!painted) {
        std::printf("  did not open within 60 s\n");
        return;
    }
    std::printf(
        "  list filled after %.0f ms, first image on the canvas after %.0f ms (goal: usable <= 2 s)\n",
        listedMs, shownMs);
    std::printf("  memory: %.0f MiB resident after opening (%.0f before), peak %.0f MiB (goal: <= 500 MB)\n",
                statusMiB("VmRSS:"), rssBefore, statusMiB("VmHWM:"));
}

void eventLoopDuringBatch(const QString& dir, int threads) {
    constexpr int kImages = 200;
    constexpr int kTickMs = 5;
    const QString coco = makeCocoSet(QDir(dir).filePath(QStringLiteral("batch-set")), kImages, 4000, 3000);
    QTemporaryDir out;
    if (coco.isEmpty() || !out.isValid()) {
        std::fprintf(stderr, "cannot write the batch set in %s\n", qPrintable(dir));
        return;
    }
    ui::MainWindow window;
    window.resize(1280, 800);
    window.show();
    QSignalSpy opened(&window, &ui::MainWindow::opened);
    ui::OpenRequest request;
    request.request.annotations = coco;
    window.open(request);
    if (!opened.wait(60000))
        return;
    ui::BatchPanel& panel = *window.batchPanel();
    Result<BatchRequest> settings = panel.request();
    if (!settings)
        return;
    settings->outputDir = out.path();
    settings->threads = threads;
    settings->settings.format = OutputFormat::Png; // encoding keeps the workers busy too
    panel.setRequest(*settings);

    // A turn asked for every kTickMs; lateness is how much later than asked it came.
    std::vector<double> lateMs;
    QElapsedTimer clock;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(kTickMs);
    qint64 last = 0;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        lateMs.push_back(std::max(0.0, (now - last) / 1e6 - kTickMs));
        last = now;
    });
    QSignalSpy finished(&panel, &ui::BatchPanel::finished);
    clock.start();
    tick.start();
    panel.start();
    const bool done = finished.wait(300000);
    tick.stop();
    const double seconds = clock.nsecsElapsed() / 1e9;
    std::printf("\nEvent loop during a batch (%d images 4000x3000 JPEG -> PNG crops, %d threads, %.1f s)\n",
                kImages, threads, seconds);
    if (!done || lateMs.empty()) {
        std::printf("  the batch did not finish within 300 s\n");
        return;
    }
    std::sort(lateMs.begin(), lateMs.end());
    std::printf("  %zu turns asked every %d ms: lateness median %.2f ms, 99th percentile %.2f ms, worst "
                "%.2f ms (goal: p99 <= 50 ms)\n",
                lateMs.size(), kTickMs, lateMs[lateMs.size() / 2],
                lateMs[std::min(lateMs.size() - 1, lateMs.size() * 99 / 100)], lateMs.back());
}

} // namespace cropdeck::benchmark
