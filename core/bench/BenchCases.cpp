// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/BenchCases.h"

#include "batch/AnnotationInput.h"
#include "batch/PrepareBatch.h"
#include "bench/DatasetGenerator.h"
#include "engine/ImageListing.h"
#include "engine/WindowPipeline.h"
#include "geometry/WindowShaping.h"
#include "io/ImageProbe.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace cropdeck::bench {

namespace {

// Reads a `path,x,y,scale` list written by makeSeedWorkload and resolves each square on a side × side
// picture with the engine's own rule (geometry/WindowShaping).
Result<std::vector<BenchImage>> readSeedWindows(const QString& dir, const char* fileName, int side) {
    const QString path = QDir(dir).filePath(QLatin1String(fileName));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return makeError(ErrorKind::NotFound,
                         QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    std::vector<BenchImage> images;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> f = lines[i].split(',');
        if (f.size() != 4)
            continue;
        const NormalizedSquare square{f[1].toDouble(), f[2].toDouble(), f[3].toDouble()};
        const std::optional<QRect> rect = normalizedSquareWindow(square, QSize(side, side), 1.0);
        if (!rect)
            return makeError(ErrorKind::Corrupt,
                             QStringLiteral("%1 line %2: bad window").arg(path).arg(i + 1));
        images.push_back({QDir(dir).absoluteFilePath(QString::fromUtf8(f[0])), QSize(side, side), {*rect}});
    }
    return images;
}

Status checkWorkloadNames(const QStringList& names) {
    for (const QString& name : names)
        if (!seedWorkloadFromName(name)) {
            QStringList known;
            for (const SeedWorkloadSpec& spec : seedWorkloads())
                known << QLatin1String(spec.name);
            return makeError(
                ErrorKind::Invalid,
                QStringLiteral("unknown seed workload \"%1\" (known: %2)").arg(name, known.join(", ")));
        }
    return {};
}

Result<ImageInfo> probeStored(const QString& path) {
    return probeImage(path, CropSettings().maxPixels);
}

// A side from 1/8 to 1/2 of the image's shorter side, fixed by (seed, image, window).
int randomSide(QSize image, quint64 seed, int imageIndex, int windowIndex) {
    quint64 z = seed + 0x9e3779b97f4a7c15ull * quint64(imageIndex * 65537 + windowIndex + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    const double fraction = 0.125 + 0.375 * double(z >> 11) / double(1ull << 53);
    return std::max(1, int(fraction * std::min(image.width(), image.height())));
}

} // namespace

Result<std::vector<BenchCase>> seedCases(const SeedCasesRequest& request,
                                         const std::function<void(const QString&)>& log,
                                         const std::atomic_bool* cancel) {
    if (Status known = checkWorkloadNames(request.workloads); !known)
        return known.error();
    std::vector<BenchCase> cases;
    for (const SeedWorkloadSpec& spec : seedWorkloads()) {
        if (!request.workloads.isEmpty() && !request.workloads.contains(QLatin1String(spec.name)))
            continue;
        if (cancel && cancel->load())
            return makeError(ErrorKind::Cancelled, QStringLiteral("the benchmark was cancelled"));
        const QString dir = QDir(request.folder).filePath(QLatin1String(spec.name));
        const int side = request.side > 0 ? request.side : spec.side;
        if (!seedWorkloadIsCurrent(dir, spec.kind, request.count, request.seed, request.side)) {
            log(QStringLiteral("generating %1 (%2 x %3x%3) in %4")
                    .arg(QLatin1String(spec.name))
                    .arg(request.count)
                    .arg(side)
                    .arg(dir));
            if (Status made = makeSeedWorkload(dir, spec.kind, request.count, request.seed, request.side,
                                               request.threads);
                !made)
                return made.error();
        }
        for (const auto& [windows, file] :
             {std::pair{"random", kRandomWindowsFile}, {"bottom-right", kBottomRightWindowsFile}}) {
            Result<std::vector<BenchImage>> images = readSeedWindows(dir, file, side);
            if (!images)
                return images.error();
            const QString description =
                request.side > 0
                    ? QStringLiteral("%1 (side %2)").arg(QLatin1String(spec.description)).arg(side)
                    : QLatin1String(spec.description);
            cases.push_back({QStringLiteral("%1 / %2").arg(QLatin1String(spec.name), QLatin1String(windows)),
                             description,
                             std::move(*images),
                             {},
                             {}});
        }
    }
    return cases;
}

Result<BenchCase> annotatedSetCase(const QString& images, const QString& annotations, int threads) {
    BatchRequest request;
    request.images = images;
    request.annotations = annotations;
    request.threads = threads;
    Result<PreparedBatch> prepared = prepareBatch(request, PrepareFor::DryRun);
    if (!prepared)
        return prepared.error();
    BenchCase benchCase{QFileInfo(annotations).fileName(),
                        QStringLiteral("%1 (%2)").arg(annotations, prepared->annotations.format),
                        {},
                        {},
                        {}};
    const CropSettings& settings = prepared->options.settings;
    QString firstProblem;
    for (const PlannedImage& planned : prepared->plan.images) {
        if (!planned.problem.isEmpty() && firstProblem.isEmpty())
            firstProblem = planned.problem;
        if (!planned.problem.isEmpty() || planned.windows.isEmpty())
            continue;
        Result<ImageInfo> info = probeStored(planned.absolutePath);
        if (!info && firstProblem.isEmpty())
            firstProblem = info.error().message;
        if (!info)
            continue; // --validate names unreadable images; the benchmark times the readable ones
        const QSize stored(info->width, info->height);
        BenchImage image{planned.absolutePath, stored, {}};
        for (const CropWindow& window : planned.windows) {
            Result<WindowPlan> plan = planWindow(window, stored, info->orientation,
                                                 prepared->annotations.coordinatesOnStoredPixels, settings);
            if (plan && plan->bounds.cuts()) {
                const QRect inside = plan->storedSource & QRect(QPoint(0, 0), stored);
                if (!inside.isEmpty())
                    image.windows.push_back(inside);
            }
        }
        if (!image.windows.empty())
            benchCase.images.push_back(std::move(image));
    }
    if (benchCase.images.empty())
        return makeError(ErrorKind::NotFound,
                         QStringLiteral("%1: no readable image with a window inside it").arg(annotations));
    return benchCase;
}

Result<BenchCase> randomWindowsCase(const QString& images, int windowsPerImage, quint64 seed) {
    Result<AnnotationInput> input = resolveImages(images);
    if (!input)
        return input.error();
    QStringList paths = input->imageList;
    if (!input->imageRoot.isEmpty()) {
        Result<QStringList> listed = listImagesInFolder(input->imageRoot, true);
        if (!listed)
            return listed.error();
        paths = *listed;
    }
    BenchCase benchCase{
        QFileInfo(images).fileName(),
        QStringLiteral("%1, %2 random windows per image, seed %3").arg(images).arg(windowsPerImage).arg(seed),
        {},
        {},
        {}};
    for (const QString& path : paths) {
        Result<ImageInfo> info = probeStored(path);
        if (!info)
            continue;
        const QSize stored(info->width, info->height);
        const int index = int(benchCase.images.size());
        BenchImage image{path, stored, {}};
        for (int w = 0; w < windowsPerImage; ++w) {
            const int side = randomSide(stored, seed, index, w);
            image.windows.push_back(randomCrop(stored, QSize(side, side), seed, index, w) &
                                    QRect(QPoint(0, 0), stored));
        }
        benchCase.images.push_back(std::move(image));
    }
    if (benchCase.images.empty())
        return makeError(ErrorKind::NotFound, QStringLiteral("%1: no readable image").arg(images));
    return benchCase;
}

} // namespace cropdeck::bench
