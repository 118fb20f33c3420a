// SPDX-License-Identifier: GPL-3.0-or-later
#include "validation/Validation.h"

#include "annotations/FolderScan.h"
#include "annotations/ImageListIndex.h"
#include "annotations/ImagePaths.h"
#include "validation/ValidationBoxes.h"
#include "validation/ValidationConvention.h"
#include "validation/ValidationNames.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <optional>

namespace cropdeck {
namespace {

constexpr int kMaxListedImages = 10'000'000;

QString sizeText(QSize size) {
    return QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
}

// Where each image of the set is: under the root, or (with an image list) the listed file that
// ImageListIndex finds, as the batch planner does. Without a list every image is found (probed later).
QList<ImageListMatch> resolvePaths(const AnnotationSet& set, const QString& root, const QStringList& list) {
    const QDir rootDir(root);
    const ImageListIndex index(list);
    QList<ImageListMatch> matches;
    matches.reserve(set.images.size());
    for (const ImageEntry& image : set.images) {
        const QString absolute = QDir::cleanPath(rootDir.absoluteFilePath(image.path));
        matches << (list.isEmpty() ? ImageListMatch{absolute, {}} : index.find(absolute));
    }
    return matches;
}

ValidationFinding imageFinding(const ImageEntry& image, int index, IssueSeverity severity, FindingKind kind,
                               QString message) {
    ValidationFinding finding;
    finding.severity = severity;
    finding.kind = kind;
    finding.image = image.path;
    finding.imageIndex = index;
    finding.message = std::move(message);
    return finding;
}

ValidationFinding readerFinding(const AnnotationIssue& issue) {
    ValidationFinding finding;
    finding.severity = issue.severity;
    finding.kind = FindingKind::AnnotationFile;
    finding.file = issue.file;
    finding.line = issue.line;
    finding.element = issue.element;
    finding.message = issue.message;
    return finding;
}

// Closest existing names for the missing images (by index in the set), searched in parallel.
QHash<int, QString> closestNames(const AnnotationSet& set, const QList<int>& missing, const QString& root,
                                 const ValidationOptions& options) {
    QStringList candidates = options.imageList;
    if (candidates.isEmpty() && QFileInfo(root).isDir()) {
        Result<QStringList> listed = listFilesRecursively(root, knownImageExtensions(), kMaxListedImages);
        if (listed)
            candidates = *listed;
    }
    QHash<int, QString> closest;
    if (candidates.isEmpty())
        return closest;
    const ClosestImageNames names(candidates, root);
    struct Search {
        int image;
        bool editDistance;
        QString found;
    };
    QList<Search> searches;
    for (int i = 0; i < missing.size(); ++i)
        searches.append({missing[i], i < options.maxEditDistanceSearches, QString()});
    QThreadPool pool;
    pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
    QtConcurrent::blockingMap(&pool, searches, [&](Search& search) {
        search.found = names.closestTo(set.images[search.image].path, search.editDistance);
    });
    for (const Search& search : searches)
        if (!search.found.isEmpty())
            closest.insert(search.image, search.found);
    return closest;
}

QString notFoundMessage(const QString& absolutePath, const QString& closest, bool inList) {
    QString text = inList || absolutePath.isEmpty()
                       ? QStringLiteral("image not in the image list")
                       : QStringLiteral("image not found (%1)").arg(absolutePath);
    if (!closest.isEmpty())
        text += QStringLiteral("; closest existing name: %1").arg(closest);
    return text;
}

QString sizeMismatchMessage(QSize declared, const ImageInfo& info, bool storedPixels) {
    QString text = QStringLiteral("declared size %1 is not the image's size %2")
                       .arg(sizeText(declared), sizeText(referenceSize(info, storedPixels)));
    if (info.orientation >= 5)
        text += storedPixels ? QStringLiteral(" (stored pixels; %1 as displayed with EXIF orientation %2)")
                                   .arg(sizeText(referenceSize(info, false)))
                                   .arg(info.orientation)
                             : QStringLiteral(" (as displayed; stored %1 with EXIF orientation %2)")
                                   .arg(sizeText(referenceSize(info, true)))
                                   .arg(info.orientation);
    return text;
}

// The image-level findings of one readable image (its declared size), feeding the convention evidence.
void checkDeclaredSize(const ImageEntry& image, int index, const ImageInfo& info, bool storedPixels,
                       ValidationReport& report, ConventionEvidence& evidence) {
    evidence.add(image.path, image.declaredSize, info, storedPixels);
    switch (matchDeclaredSize(image.declaredSize, info, storedPixels)) {
    case DeclaredSizeMatch::NotChecked:
    case DeclaredSizeMatch::Agrees:
        return;
    case DeclaredSizeMatch::OtherConvention:
        return report.add(imageFinding(image, index, IssueSeverity::Warning, FindingKind::ExifConvention,
                                       otherConventionMessage(image.declaredSize, info, storedPixels)));
    case DeclaredSizeMatch::Disagrees:
        return report.add(imageFinding(image, index, IssueSeverity::Error, FindingKind::SizeMismatch,
                                       sizeMismatchMessage(image.declaredSize, info, storedPixels)));
    }
}

} // namespace

ValidationReport validateAnnotations(const AnnotationSet& set, const QList<AnnotationIssue>& readerIssues,
                                     const ValidationOptions& options, ImageProbeCache* probes) {
    ImageProbeCache ownProbes(options.maxPixels);
    ImageProbeCache& cache = probes ? *probes : ownProbes;
    const bool storedPixels = options.boxesOnStoredPixels || set.coordinatesOnStoredPixels;
    const QString root = options.imageRoot.isEmpty() ? set.imageRoot : options.imageRoot;

    ValidationReport report;
    report.annotationFile = set.sourceFile;
    report.format = set.format;
    report.imageRoot = root;
    report.images = int(set.images.size());
    report.windows = int(set.windowCount());
    for (const AnnotationIssue& issue : readerIssues)
        report.add(readerFinding(issue));

    const QList<ImageListMatch> matches = resolvePaths(set, root, options.imageList);
    QStringList paths;
    for (const ImageListMatch& match : matches)
        paths << match.path;
    cache.probeAll(paths, options.threads);
    QList<std::optional<Result<ImageInfo>>> probed;
    QList<int> missing; // not found, ambiguous names excepted (they need no closest name)
    for (int i = 0; i < paths.size(); ++i) {
        probed.append(paths[i].isEmpty() ? std::nullopt : std::optional(cache.probe(paths[i])));
        if (matches[i].isAmbiguous())
            continue;
        if (!probed[i] || (!*probed[i] && probed[i]->error().kind == ErrorKind::NotFound))
            missing << i;
    }
    const QHash<int, QString> closest =
        missing.isEmpty() ? QHash<int, QString>() : closestNames(set, missing, root, options);

    const QSet<QString> classes(set.classes.cbegin(), set.classes.cend());
    const bool checkSizes = declaresImageSizes(set);
    ConventionEvidence evidence;
    for (int i = 0; i < set.images.size(); ++i) {
        const ImageEntry& image = set.images[i];
        QSize size; // the size boxes are checked against; invalid when the image cannot be read
        if (matches[i].isAmbiguous()) {
            report.add(imageFinding(image, i, IssueSeverity::Error, FindingKind::AmbiguousImage,
                                    matches[i].problem(image.path)));
        } else if (!probed[i] || (!*probed[i] && probed[i]->error().kind == ErrorKind::NotFound)) {
            ValidationFinding finding =
                imageFinding(image, i, IssueSeverity::Error, FindingKind::ImageNotFound,
                             notFoundMessage(paths[i], closest.value(i), !probed[i]));
            finding.closestMatch = closest.value(i);
            report.add(std::move(finding));
        } else if (!*probed[i]) {
            const Error& error = probed[i]->error();
            report.add(imageFinding(image, i, IssueSeverity::Error, FindingKind::ImageUnreadable,
                                    QStringLiteral("image header cannot be used (%1): %2")
                                        .arg(QLatin1String(errorKindName(error.kind)), error.message)));
        } else {
            const ImageInfo& info = probed[i]->value();
            ++report.imagesReadable;
            size = referenceSize(info, storedPixels);
            if (checkSizes)
                checkDeclaredSize(image, i, info, storedPixels, report, evidence);
        }
        QList<ValidationFinding> boxFindings;
        checkWindows(image, i, size, classes, options.minBoxSize, boxFindings);
        for (ValidationFinding& finding : boxFindings)
            report.add(std::move(finding));
    }

    if (const std::optional<QString> warning = conventionWarning(evidence, storedPixels))
        report.notes << *warning;
    if (missing.size() == set.images.size() && set.images.size() > 1)
        report.notes << QStringLiteral("none of the %1 images was found under %2: is the image folder right "
                                       "(--images)?")
                            .arg(set.images.size())
                            .arg(QDir::toNativeSeparators(root));
    if (missing.size() > options.maxEditDistanceSearches)
        report.notes << QStringLiteral("%1 images are missing; closest names were searched by edit distance "
                                       "for the first %2 only")
                            .arg(missing.size())
                            .arg(options.maxEditDistanceSearches);
    return report;
}

} // namespace cropdeck
