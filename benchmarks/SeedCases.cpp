// SPDX-License-Identifier: GPL-3.0-or-later
#include "SeedCases.h"

#include "geometry/WindowShaping.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

namespace cropdeck::benchmark {

namespace {

// Reads a `path,x,y,scale` list written by makeSeedWorkload and resolves each square on a side × side
// picture with the same rule as the engine (geometry/WindowShaping).
Result<std::vector<CropItem>> readWindows(const QString& dir, const char* fileName, int side) {
    const QString path = QDir(dir).filePath(QLatin1String(fileName));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return makeError(ErrorKind::NotFound, QStringLiteral("%1: cannot read").arg(path));
    std::vector<CropItem> items;
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
        items.push_back({QDir(dir).filePath(QString::fromUtf8(f[0])),
                         cv::Rect(rect->x(), rect->y(), rect->width(), rect->height())});
    }
    return items;
}

} // namespace

Result<std::vector<CropCase>> prepareSeedCases(const SeedWorkloadSpec& spec, const SeedSetup& setup,
                                               QTextStream& log) {
    const QString dir = QDir(setup.root).filePath(QLatin1String(spec.name));
    const int side = setup.side > 0 ? setup.side : spec.side;
    if (!seedWorkloadIsCurrent(dir, spec.kind, setup.count, setup.seed, setup.side)) {
        log << "generating " << spec.name << " (" << setup.count << " x " << side << "x" << side << ") in "
            << dir << " ..." << Qt::endl;
        QElapsedTimer timer;
        timer.start();
        if (Status made =
                makeSeedWorkload(dir, spec.kind, setup.count, setup.seed, setup.side, setup.threads);
            !made)
            return made.error();
        log << "  done in " << QString::number(timer.elapsed() / 1000.0, 'f', 1) << " s" << Qt::endl;
    }
    std::vector<CropCase> cases;
    for (const auto& [name, file] :
         {std::pair{"random", kRandomWindowsFile}, {"bottom-right", kBottomRightWindowsFile}}) {
        Result<std::vector<CropItem>> items = readWindows(dir, file, side);
        if (!items)
            return items.error();
        cases.push_back({QLatin1String(spec.name), QLatin1String(spec.description), QLatin1String(name),
                         std::move(items.value())});
    }
    return cases;
}

} // namespace cropdeck::benchmark
