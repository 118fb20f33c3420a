// SPDX-License-Identifier: GPL-3.0-or-later
#include "PreviewBench.h"

#include "BenchPhotos.h"
#include "bench/BenchJpegWriter.h"
#include "bench/SceneRenderer.h"
#include "engine/PreviewSourceCache.h"
#include "engine/WindowPreview.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

namespace cropdeck::benchmark {

namespace {

constexpr int kWidth = 6000;
constexpr int kHeight = 4000;
constexpr int kWindows = 20;

// The bench scene as a camera might store it: `noise` adds sensor-like grain (heavier entropy data, as
// in real photos), `quality` the JPEG quality.
struct Photo {
    const char* name;
    int quality;
    double noise;
};

const Photo kPhotos[] = {{"preview-6000x4000-q90.jpg", 90, 0.0},
                         {"preview-6000x4000-q95-grain.jpg", 95, 4.0}};

QString writePhoto(const QString& dir, const Photo& photo) {
    return keepPhoto(QDir(dir).filePath(QLatin1String(photo.name)), [&photo] {
        bench::Scene scene = bench::renderScene(kWidth, kHeight, 3, 21);
        if (photo.noise > 0) {
            cv::Mat grain(scene.pixels.size(), CV_16SC3);
            cv::theRNG().state = 21;
            cv::randn(grain, cv::Scalar::all(0), cv::Scalar::all(photo.noise));
            cv::Mat noisy;
            scene.pixels.convertTo(noisy, CV_16SC3);
            noisy += grain;
            noisy.convertTo(scene.pixels, CV_8UC3); // saturating
        }
        bench::JpegWriteOptions options; // baseline 4:2:0, no restart markers
        options.quality = photo.quality;
        return bench::encodeBenchJpeg(scene.pixels, options);
    });
}

// Boxes of 128 to 1024 px at seeded random places, the last one in the bottom-right corner (the worst
// case from the file: every row above it is entropy-decoded).
QList<CropWindow> randomWindows() {
    QRandomGenerator random(2024);
    QList<CropWindow> windows;
    for (int i = 0; i < kWindows; ++i) {
        const int w = 128 + int(random.bounded(897));
        const int h = 128 + int(random.bounded(897));
        const bool corner = i == kWindows - 1;
        CropWindow window;
        window.box = QRectF(corner ? kWidth - w : random.bounded(kWidth - w),
                            corner ? kHeight - h : random.bounded(kHeight - h), w, h);
        window.id = QString::number(i);
        windows << window;
    }
    return windows;
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const size_t rank = size_t(std::ceil(p * double(values.size())));
    return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

struct ClickThrough {
    std::vector<double> first;       // ms, one per trial
    std::vector<double> next;        // ms, every later preview of every trial
    std::vector<QByteArray> encoded; // of the last trial, per window
    QString lastPlan;                // decoder of the last preview
};

// Previews every window in order, timing each; `preview` renders one.
void clickThrough(const QList<CropWindow>& windows, const std::function<Result<WindowPreview>(int)>& preview,
                  ClickThrough& into) {
    into.encoded.assign(size_t(windows.size()), QByteArray());
    for (int i = 0; i < windows.size(); ++i) {
        QElapsedTimer timer;
        timer.start();
        const Result<WindowPreview> shown = preview(i);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        (i == 0 ? into.first : into.next).push_back(ms);
        if (shown) {
            into.encoded[size_t(i)] = shown->encoded;
            into.lastPlan = shown->decodePlan;
        }
    }
}

void printRow(const char* name, const ClickThrough& run, const QString& note) {
    std::printf("  %-34s %9.1f ms %9.1f ms %7.1f ms %7.1f ms  %s\n", name, percentile(run.first, 0.5),
                percentile(run.next, 0.5), percentile(run.next, 0.9),
                *std::max_element(run.next.begin(), run.next.end()), qPrintable(note));
}

void clickThroughPhoto(const QString& path, const QList<CropWindow>& windows, int trials) {
    const CropSettings settings; // the batch's defaults: the source's format (JPEG), no resize
    (void)previewWindow(path, windows.first(), settings); // warm-up: page cache, code paths
    ClickThrough fromFile, fromCopy;
    qint64 copyBytes = 0;
    for (int trial = 0; trial < trials; ++trial) {
        clickThrough(
            windows, [&](int i) { return previewWindow(path, windows[i], settings); }, fromFile);
        PreviewSourceCache sources; // the GUI's: a fresh one per image, the copy made on the first preview
        clickThrough(
            windows, [&](int i) { return previewWindow(path, windows[i], settings, sources); }, fromCopy);
        copyBytes = sources.memoryBytes();
    }
    int identical = 0;
    for (size_t i = 0; i < fromFile.encoded.size(); ++i)
        identical += !fromFile.encoded[i].isEmpty() && fromFile.encoded[i] == fromCopy.encoded[i];
    std::printf("\n  %s (%.1f MB)\n", qPrintable(QFileInfo(path).fileName()),
                double(QFileInfo(path).size()) / 1e6);
    std::printf("  %-34s %12s %12s %10s %10s\n", "", "first", "next: median", "p90", "max");
    printRow("from the file (region decode)", fromFile, QString());
    printRow("restart-marker copy (fast path)", fromCopy,
             QStringLiteral("copy %1 MB, made by the first preview").arg(double(copyBytes) / 1e6, 0, 'f', 1));
    std::printf("  identical output bytes: %d of %d windows; last decoder: %s\n", identical,
                int(windows.size()), qPrintable(fromCopy.lastPlan));
}

} // namespace

void previewClickThrough(const QString& dir, int trials) {
    const QList<CropWindow> windows = randomWindows();
    std::printf("\nOutput Preview, clicking through %d windows (128-1024 px, random, the last in the "
                "bottom-right corner)\nof one %dx%d baseline JPEG without restart markers, JPEG output; "
                "%d trial(s); goal: every preview after the first <= 20 ms\n",
                kWindows, kWidth, kHeight, trials);
    for (const Photo& photo : kPhotos) {
        const QString path = writePhoto(dir, photo);
        if (path.isEmpty()) {
            std::fprintf(stderr, "cannot write %s in %s\n", photo.name, qPrintable(dir));
            return;
        }
        clickThroughPhoto(path, windows, trials);
    }
}

} // namespace cropdeck::benchmark
