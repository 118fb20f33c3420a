// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/PrepareBatch.h"

#include "annotations/MinBoxSize.h"
#include "batch/AnnotationInput.h"
#include "batch/WindowGeneration.h"
#include "engine/CropSettingsCheck.h"
#include "engine/ImageListing.h"
#include "validation/ValidationConvention.h"
#include "validation/ValidationProbes.h"

#include <QDir>
#include <QSet>

namespace cropdeck {
namespace {

constexpr int kSmallBoxesListed = 20;

// Drops the boxes narrower or lower than `minSide` pixels and says which, naming file and box.
void skipSmallBoxes(AnnotationSet& set, int minSide, QList<BatchWarning>& warnings) {
    if (minSide <= 0)
        return;
    int skipped = 0;
    for (ImageEntry& image : set.images) {
        for (qsizetype w = image.windows.size() - 1; w >= 0; --w) {
            const CropWindow& window = image.windows[w];
            if (!isBelowMinBoxSize(window, minSide))
                continue;
            if (++skipped <= kSmallBoxesListed)
                warnings.append({BatchWarningKind::SmallBox,
                                 QStringLiteral("%1: box %2 (%3x%4 at %5,%6) is smaller than the minimum box "
                                                "size %7 px: skipped")
                                     .arg(image.path, window.id.isEmpty() ? QString::number(w) : window.id)
                                     .arg(window.box.width())
                                     .arg(window.box.height())
                                     .arg(window.box.x())
                                     .arg(window.box.y())
                                     .arg(minSide)});
            image.windows.removeAt(w);
        }
    }
    if (skipped > kSmallBoxesListed)
        warnings.append(
            {BatchWarningKind::SmallBox, QStringLiteral("%1 more boxes smaller than %2 px skipped")
                                             .arg(skipped - kSmallBoxesListed)
                                             .arg(minSide)});
}

// Browsing an image set without annotations: every image of the folder (sub-folders included) or list.
Result<AnnotationInput> imagesWithoutWindows(const BatchRequest& request) {
    Result<AnnotationInput> images = resolveImages(request.images);
    if (!images)
        return images.error();
    Result<QStringList> paths = images->imageRoot.isEmpty() ? Result<QStringList>(images->imageList)
                                                            : listImagesInFolder(images->imageRoot, true);
    if (!paths)
        return paths.error();
    images->set = annotationSetForImages(*paths, images->imageRoot);
    images->imageList.clear(); // the set already lists exactly these images
    return images;
}

Result<AnnotationInput> readInput(const BatchRequest& request, const ImageSizeProvider& sizes,
                                  QList<AnnotationIssue>& issues, PrepareFor purpose) {
    const bool generated = request.generated.kind != GeneratedWindows::Kind::None;
    if (purpose == PrepareFor::Browse && request.annotations.isEmpty() && !generated)
        return imagesWithoutWindows(request);
    if (!generated)
        return readAnnotationInput(request, sizes, issues);
    Result<AnnotationInput> images = resolveImages(request.images);
    if (!images)
        return images.error();
    Result<AnnotationSet> set =
        generateWindows(request.generated, *images, request.images, request.outputDir, sizes);
    if (!set)
        return set.error();
    images->set = std::move(set.value());
    images->imageList.clear(); // the generated set already lists exactly these images
    return images;
}

// Declared sizes that fit the other EXIF convention mean the boxes would cut the wrong pixels.
void addConventionWarning(const PreparedBatch& batch, QList<BatchWarning>& warnings) {
    QStringList plannedPaths(batch.annotations.images.size());
    for (const PlannedImage& image : batch.plan.images)
        plannedPaths[image.imageIndex] = image.problem.isEmpty() ? image.absolutePath : QString();
    const CropSettings& s = batch.options.settings;
    if (const std::optional<QString> hint = exifConventionWarning(
            batch.annotations, plannedPaths, !s.orientationFromExif, s.maxPixels, batch.options.threads))
        warnings.append({BatchWarningKind::ExifConvention, *hint});
}

// The images of the --images folder or list that no annotation names, as entries without windows,
// for the GUI to list beside the annotated ones (a dataset tool shows every image of the set).
QList<ImageEntry> unannotatedImages(const BatchRequest& request, const BatchPlan& plan,
                                    const QString& imageRoot, const QStringList& imageList) {
    Result<QStringList> paths = !imageList.isEmpty() ? Result<QStringList>(imageList)
                                : imageRoot.isEmpty() || request.images.isEmpty()
                                    ? Result<QStringList>(QStringList())
                                    : listImagesInFolder(imageRoot, true);
    if (!paths)
        return {}; // the folder was readable while the set was read; nothing more to list now
    QSet<QString> annotated;
    for (const PlannedImage& image : plan.images)
        annotated.insert(pathKey(image.absolutePath));
    QList<ImageEntry> entries;
    const QDir root(imageRoot);
    for (const QString& path : *paths)
        if (!annotated.contains(pathKey(path)))
            entries.append(
                ImageEntry{imageRoot.isEmpty() ? path : root.relativeFilePath(path), QSize(), {}, {}});
    return entries;
}

} // namespace

Status checkBatchRequest(const BatchRequest& request, PrepareFor purpose) {
    const bool generated = request.generated.kind != GeneratedWindows::Kind::None;
    if (request.outputDir.isEmpty() && purpose == PrepareFor::Run)
        return makeSettingError("output.folder", QStringLiteral("the batch needs an output folder"));
    if (purpose == PrepareFor::Browse && request.annotations.isEmpty() && !generated &&
        request.images.isEmpty())
        return makeSettingError("input.images",
                                QStringLiteral("nothing to open: give an images folder or list, "
                                               "or an annotation file"));
    if (request.annotations.isEmpty() && !generated && purpose != PrepareFor::Browse)
        return makeSettingError("input.annotations",
                                QStringLiteral("the batch needs an annotation file, or generated windows "
                                               "(centre or random crops) over an images folder or list"));
    if (!request.annotations.isEmpty() && generated)
        return makeSettingError("input.generated", QStringLiteral("generated windows replace the annotation "
                                                                  "file: give one or the other"));
    if (generated && request.images.isEmpty())
        return makeSettingError("input.images",
                                QStringLiteral("generated windows need an images folder or list"));
    if (generated && (request.generated.size.width() < 1 || request.generated.size.height() < 1))
        return makeSettingError("input.generated.size", QStringLiteral("generated windows need a size WxH"));
    if (request.shardCount < 1 || request.shardIndex < 0 || request.shardIndex >= request.shardCount)
        return makeSettingError("run.shard",
                                QStringLiteral("shard %1/%2 is not a valid shard (i/N with 0 <= i < N)")
                                    .arg(request.shardIndex)
                                    .arg(request.shardCount));
    return checkCropSettings(request.settings);
}

BatchOptions batchOptionsFor(const BatchRequest& request, const QString& imageRoot,
                             const QStringList& imageList) {
    BatchOptions options;
    options.imageRoot = imageRoot;
    options.imageList = imageList;
    options.outputDir = request.outputDir;
    options.nameTemplate = request.nameTemplate;
    options.settings = request.settings;
    options.threads = request.threads;
    options.resume = request.resume;
    options.shardIndex = request.shardIndex;
    options.shardCount = request.shardCount;
    options.memoryBudgetBytes = request.memoryBudgetBytes;
    return options;
}

namespace {

// From the annotations in hand (read, generated or edited) to the plan: the part every way in shares.
Result<PreparedBatch> planPrepared(const BatchRequest& request, AnnotationInput input, PrepareFor purpose,
                                   PreparedBatch batch) {
    batch.annotations = std::move(input.set);
    if (purpose != PrepareFor::Browse)
        skipSmallBoxes(batch.annotations, request.minBoxSize, batch.warnings);

    batch.options = batchOptionsFor(
        request, input.imageRoot.isEmpty() ? batch.annotations.imageRoot : input.imageRoot, input.imageList);
    adoptAnnotationSettings(batch.annotations, batch.options.settings);
    Result<BatchPlan> plan = planBatch(batch.annotations, batch.options);
    if (!plan)
        return plan.error();
    if (purpose == PrepareFor::Browse && !request.annotations.isEmpty() && !request.images.isEmpty()) {
        const QList<ImageEntry> more =
            unannotatedImages(request, *plan, batch.options.imageRoot, batch.options.imageList);
        if (!more.isEmpty()) {
            for (qsizetype i = 0; i < more.size(); ++i)
                batch.unannotatedImages.append(int(batch.annotations.images.size() + i));
            batch.annotations.images.append(more);
            plan = planBatch(batch.annotations, batch.options);
            if (!plan)
                return plan.error();
        }
    }
    batch.plan = std::move(plan.value());
    for (const QString& warning : batch.plan.warnings)
        batch.warnings.append({BatchWarningKind::Plan, warning});
    addConventionWarning(batch, batch.warnings);
    batch.readerDropped = hasErrors(batch.readerIssues);
    if (batch.readerDropped)
        batch.warnings.append({BatchWarningKind::ReaderDropped,
                               QStringLiteral("the annotation reader dropped lines or boxes (listed above): "
                                              "their crops are missing, so the batch counts as having "
                                              "failures")});
    return batch;
}

} // namespace

Result<PreparedBatch> prepareBatch(const BatchRequest& request, PrepareFor purpose,
                                   QList<AnnotationIssue>* issues) {
    if (Status checked = checkBatchRequest(request, purpose); !checked)
        return checked.error();
    PreparedBatch batch;
    // Sizes in the convention the boxes use: YOLO fractions and generated windows depend on it.
    ImageProbeCache probes(request.settings.maxPixels);
    Result<AnnotationInput> input = readInput(
        request, probes.sizeProvider(!request.settings.orientationFromExif), batch.readerIssues, purpose);
    if (issues)
        issues->append(batch.readerIssues);
    if (!input)
        return input.error();
    return planPrepared(request, std::move(input.value()), purpose, std::move(batch));
}

Result<PreparedBatch> prepareBatch(const BatchRequest& request, AnnotationSet annotations,
                                   PrepareFor purpose) {
    // The input rules (an annotation file or generated windows) do not apply: the windows are given.
    BatchRequest withGivenWindows = request;
    withGivenWindows.generated = {};
    if (withGivenWindows.annotations.isEmpty())
        withGivenWindows.annotations =
            annotations.sourceFile.isEmpty() ? QStringLiteral("(edited windows)") : annotations.sourceFile;
    if (Status checked = checkBatchRequest(withGivenWindows, purpose); !checked)
        return checked.error();
    Result<AnnotationInput> input = resolveImages(request.images);
    if (!input)
        return input.error();
    // Sets made from an image folder or list (generated windows, images opened without annotations)
    // already name exactly their images: as when they were made, the list does not filter them again.
    if (request.annotations.isEmpty())
        input->imageList.clear();
    input->set = std::move(annotations);
    return planPrepared(request, std::move(input.value()), purpose, PreparedBatch());
}

} // namespace cropdeck
