// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/CaseShapes.h"

#include "batch/SettingNames.h"
#include "geometry/WindowShaping.h"

#include <QFileInfo>

namespace cropdeck::bench {

namespace {

QString sizeText(QSize size) {
    return QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
}

// The images' part of a case name: "gray-jpeg / random" gives "gray-jpeg".
QString imagesName(const BenchCase& benchCase) {
    return benchCase.name.section(QStringLiteral(" / "), 0, 0);
}

Result<QRect> windowFor(const WindowShape& shape, const BenchImage& image, int imageIndex) {
    const QRect bounds(QPoint(0, 0), image.storedSize);
    QRect window;
    switch (shape.kind) {
    case WindowShape::Kind::Fixed:
        window = QRect(shape.at, shape.size);
        break;
    case WindowShape::Kind::Centre:
        window = centreCrop(image.storedSize, shape.size);
        break;
    case WindowShape::Kind::Random:
        window = randomCrop(image.storedSize, shape.size, shape.seed, imageIndex, 0);
        break;
    case WindowShape::Kind::Whole:
        return bounds;
    }
    if (!bounds.contains(window))
        return makeError(ErrorKind::Invalid, QStringLiteral("%1: a %2 window does not fit in this %3 image")
                                                 .arg(image.path, shape.name(), sizeText(image.storedSize)));
    return window;
}

} // namespace

QString WindowShape::name() const {
    const QString resized = resizeTo.isValid() ? QStringLiteral(" → %1").arg(sizeText(resizeTo)) : QString();
    switch (kind) {
    case Kind::Fixed:
        return QStringLiteral("fixed %1 at (%2, %3)").arg(sizeText(size)).arg(at.x()).arg(at.y()) + resized;
    case Kind::Centre:
        return QStringLiteral("centre %1").arg(sizeText(size)) + resized;
    case Kind::Random:
        return QStringLiteral("random %1").arg(sizeText(size)) + resized;
    case Kind::Whole:
        break;
    }
    return QStringLiteral("whole image") + resized;
}

Result<std::vector<BenchCase>> reshapeCases(const std::vector<BenchCase>& cases,
                                            const std::vector<WindowShape>& shapes) {
    std::vector<const BenchCase*> distinct;
    for (const BenchCase& benchCase : cases) {
        const auto sameImages = [&](const BenchCase* seen) {
            if (seen->images.size() != benchCase.images.size())
                return false;
            for (size_t i = 0; i < seen->images.size(); ++i)
                if (seen->images[i].path != benchCase.images[i].path)
                    return false;
            return true;
        };
        if (std::none_of(distinct.begin(), distinct.end(), sameImages))
            distinct.push_back(&benchCase);
    }
    std::vector<BenchCase> shaped;
    for (const BenchCase* source : distinct)
        for (const WindowShape& shape : shapes) {
            BenchCase benchCase{QStringLiteral("%1 / %2").arg(imagesName(*source), shape.name()),
                                source->description,
                                {},
                                source->output,
                                shape.resizeTo};
            for (size_t i = 0; i < source->images.size(); ++i) {
                const BenchImage& image = source->images[i];
                Result<QRect> window = windowFor(shape, image, int(i));
                if (!window)
                    return window.error();
                benchCase.images.push_back({image.path, image.storedSize, {*window}});
            }
            shaped.push_back(std::move(benchCase));
        }
    return shaped;
}

std::vector<BenchCase> casesPerOutput(const std::vector<BenchCase>& cases,
                                      const std::vector<OutputSpec>& outputs) {
    std::vector<BenchCase> all;
    for (const BenchCase& benchCase : cases)
        for (const OutputSpec& output : outputs) {
            BenchCase copy = benchCase;
            copy.output = output;
            const QString format = formatOutputFormat(output.effectiveFormat());
            copy.name =
                QStringLiteral("%1 → %2 %3").arg(benchCase.name, outputTargetName(output.target), format);
            all.push_back(std::move(copy));
        }
    return all;
}

} // namespace cropdeck::bench
