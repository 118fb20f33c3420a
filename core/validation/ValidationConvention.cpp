// SPDX-License-Identifier: GPL-3.0-or-later
#include "validation/ValidationConvention.h"

#include "validation/ValidationProbes.h"

namespace cropdeck {
namespace {

QString sizeText(QSize size) {
    return QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
}

QSize storedSize(const ImageInfo& info) {
    return {info.width, info.height};
}
QSize uprightSize(const ImageInfo& info) {
    return {info.uprightWidth(), info.uprightHeight()};
}

// What the file seems to use and what to do about it, for both messages.
QString advice(bool boxesOnStoredPixels) {
    return boxesOnStoredPixels
               ? QStringLiteral(
                     "the annotation file seems to give boxes on the upright image (as displayed); "
                     "if so, drop --stored-coordinates")
               : QStringLiteral("the annotation file seems to give boxes on the stored pixels (EXIF "
                                "orientation ignored); if so, pass --stored-coordinates");
}

} // namespace

bool declaresImageSizes(const AnnotationSet& set) {
    return set.format != u"yolo";
}

QSize referenceSize(const ImageInfo& info, bool boxesOnStoredPixels) {
    return boxesOnStoredPixels ? storedSize(info) : uprightSize(info);
}

DeclaredSizeMatch matchDeclaredSize(QSize declared, const ImageInfo& info, bool boxesOnStoredPixels) {
    if (!declared.isValid() || declared.isEmpty())
        return DeclaredSizeMatch::NotChecked;
    if (declared == referenceSize(info, boxesOnStoredPixels))
        return DeclaredSizeMatch::Agrees;
    if (declared == referenceSize(info, !boxesOnStoredPixels))
        return DeclaredSizeMatch::OtherConvention;
    return DeclaredSizeMatch::Disagrees;
}

QString otherConventionMessage(QSize declared, const ImageInfo& info, bool boxesOnStoredPixels) {
    const QString kind =
        boxesOnStoredPixels ? QStringLiteral("the size as displayed") : QStringLiteral("the stored size");
    const QString used = boxesOnStoredPixels
                             ? QStringLiteral("stored pixels %1").arg(sizeText(storedSize(info)))
                             : QStringLiteral("upright image %1").arg(sizeText(uprightSize(info)));
    return QStringLiteral("declared size %1 is %2 (EXIF orientation %3 swaps the axes), but boxes are read "
                          "on the %4: %5")
        .arg(sizeText(declared), kind)
        .arg(info.orientation)
        .arg(used, advice(boxesOnStoredPixels));
}

void ConventionEvidence::add(const QString& image, QSize declared, const ImageInfo& info,
                             bool boxesOnStoredPixels) {
    if (info.orientation < 5 || info.width == info.height)
        return; // the size cannot tell the conventions apart
    switch (matchDeclaredSize(declared, info, boxesOnStoredPixels)) {
    case DeclaredSizeMatch::Agrees:
        ++agrees;
        break;
    case DeclaredSizeMatch::OtherConvention:
        if (otherConvention++ == 0) {
            example = image;
            exampleDeclared = declared;
            exampleInfo = info;
        }
        break;
    case DeclaredSizeMatch::NotChecked:
    case DeclaredSizeMatch::Disagrees:
        break;
    }
}

std::optional<QString> conventionWarning(const ConventionEvidence& evidence, bool boxesOnStoredPixels) {
    if (evidence.otherConvention == 0)
        return std::nullopt;
    QString text =
        QStringLiteral("%1 of %2 images with an axis-swapping EXIF orientation (5-8) declare %3 "
                       "(e.g. %4: declared %5, stored %6, orientation %7): %8")
            .arg(evidence.otherConvention)
            .arg(evidence.agrees + evidence.otherConvention)
            .arg(boxesOnStoredPixels ? QStringLiteral("their size as displayed, not as stored")
                                     : QStringLiteral("their stored size, not their size as displayed"))
            .arg(evidence.example, sizeText(evidence.exampleDeclared),
                 sizeText(storedSize(evidence.exampleInfo)))
            .arg(evidence.exampleInfo.orientation)
            .arg(advice(boxesOnStoredPixels));
    if (evidence.agrees > 0)
        text += QStringLiteral(" (the other %1 agree with the convention in use: check the file)")
                    .arg(evidence.agrees);
    return text;
}

std::optional<QString> exifConventionWarning(const AnnotationSet& set, const QStringList& absolutePaths,
                                             bool boxesOnStoredPixels, qint64 maxPixels, int threads) {
    if (!declaresImageSizes(set))
        return std::nullopt;
    QStringList toProbe;
    for (qsizetype i = 0; i < set.images.size() && i < absolutePaths.size(); ++i)
        if (!absolutePaths[i].isEmpty() && set.images[i].declaredSize.isValid())
            toProbe << absolutePaths[i];
    if (toProbe.isEmpty())
        return std::nullopt;
    ImageProbeCache probes(maxPixels);
    probes.probeAll(toProbe, threads);
    ConventionEvidence evidence;
    for (qsizetype i = 0; i < set.images.size() && i < absolutePaths.size(); ++i) {
        const ImageEntry& image = set.images[i];
        if (absolutePaths[i].isEmpty() || !image.declaredSize.isValid())
            continue;
        if (Result<ImageInfo> info = probes.probe(absolutePaths[i]))
            evidence.add(image.path, image.declaredSize, *info, boxesOnStoredPixels);
    }
    return conventionWarning(evidence, boxesOnStoredPixels);
}

} // namespace cropdeck
