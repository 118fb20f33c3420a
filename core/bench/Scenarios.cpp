// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/Scenarios.h"

#include <QStringList>
#include <QThread>

namespace cropdeck::bench {

namespace {

std::vector<int> oneAndAllCores() {
    const int cores = std::max(1, QThread::idealThreadCount());
    return cores > 1 ? std::vector<int>{1, cores} : std::vector<int>{1};
}

OutputSpec fileOutput(OutputTarget target, OutputFormat format) {
    OutputSpec output;
    output.target = target;
    output.format = format;
    return output;
}

} // namespace

const std::vector<Scenario>& scenarios() {
    static const std::vector<Scenario> all = {
        {QStringLiteral("pillow-vips-32"),
         QStringLiteral("a Rust crop library vs Pillow-SIMD and pyvips, threads vs processes"),
         QStringLiteral(
             "32 x 4000x4000 gray JPEG and PNG, 32 x 512x512 colour JPEG and PNG, random and "
             "bottom-right windows: cropdeck, pillow-threads, pillow-processes, vips, opencv-pool")},
        {QStringLiteral("fixed-window-287"),
         QStringLiteral("a blog post: 287 JPEGs, one 100x100 window at (500, 500), serial vs pool vs Python "
                        "threads + OpenCV"),
         QStringLiteral(
             "287 x 4000x4000 colour JPEG (or --images DIR): cropdeck, opencv-serial, opencv-pool, "
             "opencv-python on 1 and all cores")},
        {QStringLiteral("crop-modes"), QStringLiteral("a batch crop library's MPx/s by crop mode"),
         QStringLiteral(
             "32 x 4000x4000 colour JPEG (or --images DIR), a fixed, a centre and a random 512x512 "
             "window: cropdeck, opencv-pool, pillow-threads, vips")},
        {QStringLiteral("save-images"), QStringLiteral("saving images serially vs a pool, to disk vs tmpfs"),
         QStringLiteral("64 x 512x512 colour pictures saved whole as PNG and JPEG, on disk and on a tmpfs: "
                        "cropdeck, opencv-serial, opencv-pool, pillow-threads, pillow-processes")},
    };
    return all;
}

Status applyScenario(const QString& name, BenchRequest& r) {
    r.scenario = name;
    r.outputs.clear();
    r.shapes.clear();
    if (name == QLatin1String("pillow-vips-32")) {
        r.seed.workloads = {"gray-jpeg", "gray-png", "color-jpeg-512", "color-png-512"};
        r.seed.count = 32;
        r.engines = {"cropdeck", "pillow-threads", "pillow-processes", "vips", "opencv-pool"};
        r.options.threads = defaultThreadCounts(); // the seed workloads' own windows: random, bottom-right
        return {};
    }
    if (name == QLatin1String("fixed-window-287")) {
        r.seed.workloads = {"color-jpeg"};
        r.seed.count = 287;
        r.engines = {"cropdeck", "opencv-serial", "opencv-pool", "opencv-python"};
        r.options.threads = oneAndAllCores();
        r.shapes = {{WindowShape::Kind::Fixed, QSize(100, 100), QPoint(500, 500), 1, {}}};
        return {};
    }
    if (name == QLatin1String("crop-modes")) {
        r.seed.workloads = {"color-jpeg"};
        r.seed.count = 32;
        r.engines = {"cropdeck", "opencv-pool", "pillow-threads", "vips"};
        r.options.threads = defaultThreadCounts();
        r.shapes = {{WindowShape::Kind::Fixed, QSize(512, 512), QPoint(0, 0), 1, {}},
                    {WindowShape::Kind::Centre, QSize(512, 512), {}, 1, {}},
                    {WindowShape::Kind::Random, QSize(512, 512), {}, r.seed.seed, {}},
                    {WindowShape::Kind::Centre, QSize(1024, 1024), {}, 1, QSize(224, 224)}};
        return {};
    }
    if (name == QLatin1String("save-images")) {
        r.seed.workloads = {"color-jpeg-512"};
        r.seed.count = 64;
        r.engines = {"cropdeck", "opencv-serial", "opencv-pool", "pillow-threads", "pillow-processes"};
        r.options.threads = oneAndAllCores();
        r.shapes = {{WindowShape::Kind::Whole, {}, {}, 1, {}}};
        for (OutputTarget target : {OutputTarget::Disk, OutputTarget::Tmpfs})
            for (OutputFormat format : {OutputFormat::Png, OutputFormat::Jpeg})
                r.outputs.push_back(fileOutput(target, format));
        return {};
    }
    QStringList known;
    for (const Scenario& scenario : scenarios())
        known << scenario.name;
    return makeError(ErrorKind::Invalid,
                     QStringLiteral("unknown scenario \"%1\" (known: %2)").arg(name, known.join(", ")));
}

} // namespace cropdeck::bench
