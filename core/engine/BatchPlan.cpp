// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/BatchPlan.h"

#include "annotations/ImageListIndex.h"
#include "annotations/ImagePaths.h"
#include "engine/Manifest.h"
#include "engine/OutputNaming.h"
#include "io/Encoder.h"
#include "io/FileIdentity.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QThread>

#include <algorithm>

namespace cropdeck {
namespace {

QString withSuffix(const QString& relativePath, int n) {
    const qsizetype slash = relativePath.lastIndexOf(u'/');
    const qsizetype dot = relativePath.lastIndexOf(u'.');
    const QString suffix = QStringLiteral("-%1").arg(n);
    if (dot > slash + 1)
        return relativePath.left(dot) + suffix + relativePath.mid(dot);
    return relativePath + suffix;
}

// Adds `key` to `set`; false when it was there already. One hash per output instead of a lookup and an
// insert: planning a dense image hashes 10,000 names.
bool insertedNew(QSet<QString>& set, const QString& key) {
    const qsizetype before = set.size();
    set.insert(key);
    return set.size() != before;
}

// Whether --resume may keep `relative`; counts the outputs it must redo and why.
bool finishedWithSameInputs(const FinishedOutputs& finished, const QString& relative,
                            const OutputInputs& planned, BatchPlan& plan) {
    const auto it = finished.outputs.constFind(relative);
    if (it == finished.outputs.cend())
        return false;
    if (!it->isKnown()) {
        ++plan.windowsWithUnknownInputs;
        return false;
    }
    if (*it != planned) {
        ++plan.windowsMadeFromOtherInputs;
        return false;
    }
    return true;
}

void addResumeWarnings(BatchPlan& plan, const QString& manifestPath) {
    if (plan.windowsMadeFromOtherInputs > 0)
        plan.warnings << QStringLiteral(
                             "%1: %2 output(s) were made with other settings, for another box or from a "
                             "changed source: they will be cropped again")
                             .arg(manifestPath)
                             .arg(plan.windowsMadeFromOtherInputs);
    if (plan.windowsWithUnknownInputs > 0)
        plan.warnings << QStringLiteral(
                             "%1: %2 output(s) were recorded by an older CropDeck that did not note their "
                             "settings and source: they will be cropped again")
                             .arg(manifestPath)
                             .arg(plan.windowsWithUnknownInputs);
}

} // namespace

int workerThreads(const BatchOptions& options) {
    return options.threads > 0 ? options.threads : std::max(1, QThread::idealThreadCount());
}

int shardOf(const QString& relativePath, int shardCount) {
    if (shardCount <= 1)
        return 0;
    quint64 hash = 1469598103934665603ull;
    for (const char byte : relativePath.toUtf8()) {
        hash ^= quint8(byte);
        hash *= 1099511628211ull;
    }
    return int(hash % quint64(shardCount));
}

QString outputExtensionFor(const QString& sourcePath, const CropSettings& settings) {
    OutputFormat format = settings.format;
    if (format == OutputFormat::SameAsInput)
        format = formatFromExtension(QFileInfo(sourcePath).suffix());
    // Formats we do not write (PNM, GIF, ...) become lossless PNG.
    return format == OutputFormat::SameAsInput ? QStringLiteral("png") : extensionFor(format);
}

void adoptAnnotationSettings(const AnnotationSet& annotations, CropSettings& settings) {
    if (annotations.coordinatesOnStoredPixels)
        settings.orientationFromExif = false;
    if (annotations.format != u"centre-scale")
        return;
    if (settings.normalizedWindowSize <= 0)
        settings.normalizedWindowSize =
            annotations.normalizedWindowSize > 0 ? annotations.normalizedWindowSize : 224;
    if (annotations.normalizedMaxFraction < settings.normalizedMaxFraction)
        settings.normalizedMaxFraction = annotations.normalizedMaxFraction;
    if (settings.resize == ResizeMode::None) {
        settings.resize = ResizeMode::Exact;
        settings.resizeTo = QSize(settings.normalizedWindowSize, settings.normalizedWindowSize);
    }
}

Result<BatchPlan> planBatch(const AnnotationSet& annotations, const BatchOptions& options) {
    const QString nameTemplate =
        options.nameTemplate.isEmpty() ? QString::fromLatin1(kDefaultNameTemplate) : options.nameTemplate;
    if (Status status = validateNameTemplate(nameTemplate); !status)
        return status.error();
    if (options.shardCount < 1 || options.shardIndex < 0 || options.shardIndex >= options.shardCount)
        return makeError(ErrorKind::Invalid, QStringLiteral("shard %1/%2 is not a valid shard (use i/N with "
                                                            "0 <= i < N)")
                                                 .arg(options.shardIndex)
                                                 .arg(options.shardCount));

    const QDir root(options.imageRoot.isEmpty() ? annotations.imageRoot : options.imageRoot);
    const QDir outDir(options.outputDir);
    const ImageListIndex listIndex(options.imageList);
    const QString manifestPath = outDir.filePath(kManifestFileName);
    const QString settingsDigest = cropSettingsDigest(options.settings);

    FinishedOutputs finished;
    if (options.resume) {
        Result<FinishedOutputs> read = readFinishedOutputs(manifestPath, outDir.path());
        if (!read)
            return read.error();
        finished = std::move(read.value());
    }

    BatchPlan plan;
    if (finished.malformedLines > 0)
        plan.warnings << QStringLiteral(
                             "%1: %2 torn or malformed manifest line(s) ignored; those windows will be "
                             "cropped again")
                             .arg(manifestPath)
                             .arg(finished.malformedLines);

    // Sources are compared by identity (links resolved, device + inode), not by spelling.
    ProtectedFiles sources;
    for (const ImageEntry& image : annotations.images)
        sources.insert(root.absoluteFilePath(image.path));
    for (const QString& listed : options.imageList)
        sources.insert(listed);

    QSet<QString> usedOutputs;
    OutputNamer namer(nameTemplate);
    for (int i = 0; i < annotations.images.size(); ++i) {
        const ImageEntry& image = annotations.images[i];
        if (shardOf(image.path, options.shardCount) != options.shardIndex) {
            ++plan.imagesInOtherShards;
            continue;
        }
        PlannedImage planned;
        planned.imageIndex = i;
        planned.relativePath = image.path;
        planned.absolutePath = QDir::cleanPath(root.absoluteFilePath(image.path));
        planned.windows = image.windows;
        if (!options.imageList.isEmpty()) {
            const ImageListMatch listed = listIndex.find(planned.absolutePath);
            if (listed.found())
                planned.absolutePath = listed.path;
            else
                planned.problem = image.path + QStringLiteral(": ") + listed.problem(image.path);
        }
        namer.setImage(image.path, i, outputExtensionFor(image.path, options.settings));
        const SourceStamp stamp =
            planned.problem.isEmpty() ? sourceStampOf(planned.absolutePath) : SourceStamp{};
        planned.outputs.reserve(image.windows.size());
        usedOutputs.reserve(usedOutputs.size() + image.windows.size());
        for (int w = 0; w < image.windows.size(); ++w) {
            const CropWindow& window = image.windows[w];
            const QString expanded = namer.name(window.label, window.id, w);
            QString relative = expanded;
            for (int n = 1; !insertedNew(usedOutputs, pathKey(relative)); ++n)
                relative = withSuffix(expanded, n);
            const QString absoluteOutput = outDir.absoluteFilePath(relative);
            if (sources.contains(absoluteOutput))
                return makeError(ErrorKind::Invalid,
                                 QStringLiteral("output %1 would overwrite a source image; choose another "
                                                "output folder or name template")
                                     .arg(absoluteOutput));
            const OutputInputs inputs{settingsDigest, windowGeometryText(window), stamp};
            const bool done = finishedWithSameInputs(finished, relative, inputs, plan);
            planned.outputs.append({w, relative, done, inputs});
            plan.windowsAlreadyDone += done ? 1 : 0;
        }
        plan.windowsTotal += image.windows.size();
        plan.images.append(std::move(planned));
    }
    addResumeWarnings(plan, manifestPath);
    return plan;
}

} // namespace cropdeck
