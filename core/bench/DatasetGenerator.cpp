// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/DatasetGenerator.h"

#include "bench/BenchJpegWriter.h"
#include "bench/DatasetFiles.h"
#include "bench/SceneRenderer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <opencv2/core.hpp>

#include <mutex>
#include <numeric>
#include <vector>

namespace cropdeck {

namespace {

constexpr int kGeneratorVersion = 1; // bump when the pictures change, so stale workloads are rebuilt

const QList<SeedWorkloadSpec> kWorkloads = {
    {SeedWorkload::GrayJpeg, "gray-jpeg", 4000, 1, "jpg", "4000x4000 gray JPEG q90"},
    {SeedWorkload::GrayPng, "gray-png", 4000, 1, "png", "4000x4000 gray PNG, zlib level 6"},
    {SeedWorkload::GrayBmp, "gray-bmp", 4000, 1, "bmp", "4000x4000 gray BMP"},
    {SeedWorkload::ColorJpeg512, "color-jpeg-512", 512, 3, "jpg", "512x512 colour JPEG q90 4:2:0"},
    {SeedWorkload::ColorPng512, "color-png-512", 512, 3, "png", "512x512 colour PNG, zlib level 6"},
    {SeedWorkload::GrayJpegRestart, "gray-jpeg-rst", 4000, 1, "jpg",
     "4000x4000 gray JPEG q90, RST every MCU row"},
    {SeedWorkload::ColorJpegRestart, "color-jpeg-rst", 4000, 3, "jpg",
     "4000x4000 colour JPEG q90 4:2:0, RST every MCU row"},
    {SeedWorkload::ColorJpeg, "color-jpeg", 4000, 3, "jpg", "4000x4000 colour JPEG q90 4:2:0"},
    {SeedWorkload::GrayJpegProgressive, "gray-jpeg-prog", 4000, 1, "jpg",
     "4000x4000 gray JPEG q90, progressive"},
};

Result<QByteArray> encodeSeedPicture(const cv::Mat& pixels, SeedWorkload kind) {
    bench::JpegWriteOptions jpeg; // q90, 4:2:0
    switch (kind) {
    case SeedWorkload::GrayPng:
    case SeedWorkload::ColorPng512:
        return bench::encodeDefaultPng(pixels);
    case SeedWorkload::GrayBmp:
        return bench::encodeBmp(pixels);
    case SeedWorkload::GrayJpegRestart:
    case SeedWorkload::ColorJpegRestart:
        jpeg.restartRows = 1;
        break;
    case SeedWorkload::GrayJpegProgressive:
        jpeg.progressive = true;
        break;
    case SeedWorkload::GrayJpeg:
    case SeedWorkload::ColorJpeg512:
    case SeedWorkload::ColorJpeg:
        break;
    }
    return bench::encodeBenchJpeg(pixels, jpeg);
}

QString pictureName(const SeedWorkloadSpec& spec, int index) {
    return QStringLiteral("img_%1.%2").arg(index, 3, 10, QLatin1Char('0')).arg(QLatin1String(spec.extension));
}

QByteArray stampText(const SeedWorkloadSpec& spec, int count, quint64 seed, int side) {
    return QStringLiteral("workload=%1\ncount=%2\nseed=%3\nside=%4\ngenerator=%5\n")
        .arg(QLatin1String(spec.name))
        .arg(count)
        .arg(seed)
        .arg(side)
        .arg(kGeneratorVersion)
        .toUtf8();
}

// One seeded window per picture. The bottom-right list keeps each picture's scale, so the two lists
// differ only in where the window sits.
QByteArray windowList(const SeedWorkloadSpec& spec, int count, quint64 seed, bool bottomRight) {
    QByteArray csv("path,x,y,scale\n");
    cv::RNG rng(bench::mixSeed(seed, 0x817D0));
    for (int i = 0; i < count; ++i) {
        const double x = rng.uniform(0.0, 1.0), y = rng.uniform(0.0, 1.0), scale = rng.uniform(0.05, 0.3);
        csv += QStringLiteral("%1,%2,%3,%4\n")
                   .arg(pictureName(spec, i))
                   .arg(bottomRight ? 1.0 : x, 0, 'f', 6)
                   .arg(bottomRight ? 1.0 : y, 0, 'f', 6)
                   .arg(scale, 0, 'f', 6)
                   .toUtf8();
    }
    return csv;
}

Status writePicture(const QString& dir, const SeedWorkloadSpec& spec, int index, quint64 seed, int side) {
    const bench::Scene scene =
        bench::renderScene(side, side, spec.channels, bench::mixSeed(seed, quint64(index)));
    const Result<QByteArray> bytes = encodeSeedPicture(scene.pixels, spec.kind);
    if (!bytes)
        return bytes.error();
    return writeFileAtomically(QDir(dir).filePath(pictureName(spec, index)), bytes.value());
}

Status checkSeedArguments(const QString& dir, int count, int side) {
    if (dir.isEmpty())
        return makeError(ErrorKind::Invalid, QStringLiteral("seed workload: no folder given"));
    if (count < 1 || count > 100000)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("seed workload: count must be 1..100000, got %1").arg(count));
    if (side != 0 && (side < 16 || side > 20000))
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("seed workload: side must be 16..20000, got %1").arg(side));
    if (!QDir().mkpath(dir))
        return makeError(ErrorKind::Io, QStringLiteral("%1: cannot create the folder").arg(dir));
    return Status::success();
}

} // namespace

const QList<SeedWorkloadSpec>& seedWorkloads() {
    return kWorkloads;
}

const SeedWorkloadSpec& seedWorkloadSpec(SeedWorkload kind) {
    for (const SeedWorkloadSpec& spec : kWorkloads)
        if (spec.kind == kind)
            return spec;
    return kWorkloads.front(); // unreachable: every enumerator has a row
}

std::optional<SeedWorkload> seedWorkloadFromName(const QString& name) {
    for (const SeedWorkloadSpec& spec : kWorkloads)
        if (name == QLatin1String(spec.name))
            return spec.kind;
    return std::nullopt;
}

Status makeSeedWorkload(const QString& dir, SeedWorkload kind, int count, quint64 seed, int side,
                        int threads) {
    if (Status valid = checkSeedArguments(dir, count, side); !valid)
        return valid;
    const SeedWorkloadSpec& spec = seedWorkloadSpec(kind);
    const int pictureSide = side > 0 ? side : spec.side;
    QFile::remove(QDir(dir).filePath(QLatin1String(kSeedStampFile))); // stale until everything is written

    QThreadPool pool;
    pool.setMaxThreadCount(threads > 0 ? threads : QThread::idealThreadCount());
    std::vector<int> indices(static_cast<size_t>(count));
    std::iota(indices.begin(), indices.end(), 0);
    std::mutex mutex;
    std::optional<Error> firstError;
    QtConcurrent::blockingMap(&pool, indices, [&](int index) {
        Status written = writePicture(dir, spec, index, seed, pictureSide);
        const std::lock_guard lock(mutex);
        if (!written && !firstError)
            firstError = written.error();
    });
    if (firstError)
        return *firstError;

    const QDir folder(dir);
    for (const auto& [name, bottomRight] :
         {std::pair{kRandomWindowsFile, false}, {kBottomRightWindowsFile, true}})
        if (Status s = writeFileAtomically(folder.filePath(QLatin1String(name)),
                                           windowList(spec, count, seed, bottomRight));
            !s)
            return s;
    return writeFileAtomically(folder.filePath(QLatin1String(kSeedStampFile)),
                               stampText(spec, count, seed, pictureSide));
}

bool seedWorkloadIsCurrent(const QString& dir, SeedWorkload kind, int count, quint64 seed, int side) {
    const SeedWorkloadSpec& spec = seedWorkloadSpec(kind);
    const QDir folder(dir);
    QFile stamp(folder.filePath(QLatin1String(kSeedStampFile)));
    if (!stamp.open(QIODevice::ReadOnly) ||
        stamp.readAll() != stampText(spec, count, seed, side > 0 ? side : spec.side))
        return false;
    for (int i = 0; i < count; ++i)
        if (QFileInfo(folder.filePath(pictureName(spec, i))).size() <= 0)
            return false;
    return QFileInfo::exists(folder.filePath(QLatin1String(kRandomWindowsFile))) &&
           QFileInfo::exists(folder.filePath(QLatin1String(kBottomRightWindowsFile)));
}

} // namespace cropdeck
