// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Turns an annotation set and the batch options into the list of jobs (one per source image) with every
// output path decided up front, before any pixel is decoded. Deciding names for the whole batch at once
// makes them deterministic (so --resume and --shard agree between runs and machines), collision-free,
// and lets --dry-run list them.

#include "Result.h"
#include "annotations/Annotation.h"
#include "engine/CropSettings.h"
#include "engine/OutputDigest.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace cropdeck {

struct BatchOptions {
    QString imageRoot;     // folder that annotation paths are relative to
    QStringList imageList; // when not empty: only these images (absolute paths) are processed
    QString outputDir;
    QString nameTemplate; // empty = kDefaultNameTemplate
    CropSettings settings;
    int threads = 0; // 0 = one per core
    bool resume = false;
    int shardIndex = 0; // this machine's shard, 0-based
    int shardCount = 1;
    qint64 memoryBudgetBytes = 0; // 0 = automatic
};

struct PlannedOutput {
    int windowIndex = 0;
    QString relativePath;     // inside BatchOptions::outputDir, '/' separated
    bool alreadyDone = false; // --resume found it finished with the same inputs
    OutputInputs inputs;      // what this run makes it from: recorded in its manifest line
};

struct PlannedImage {
    int imageIndex = 0;   // index in the annotation set
    QString relativePath; // as in the annotation file
    QString absolutePath;
    QList<CropWindow> windows;
    QList<PlannedOutput> outputs; // one per window, same order
    QString problem;              // set when the image cannot be processed (e.g. not in the --images list)
};

struct BatchPlan {
    QList<PlannedImage> images;
    int windowsTotal = 0;
    int windowsAlreadyDone = 0;
    int imagesInOtherShards = 0;
    // --resume: outputs the manifest records as finished but from other inputs (settings, box or source
    // changed) or without recorded inputs (older CropDeck): all cropped again, never reused.
    int windowsMadeFromOtherInputs = 0;
    int windowsWithUnknownInputs = 0;
    QStringList warnings;
};

// Settings an annotation set implies: centre/scale lists resize to their window size (unless the user
// asked for another resize) and carry their max fraction; boxes on stored pixels switch off EXIF mapping.
void adoptAnnotationSettings(const AnnotationSet& annotations, CropSettings& settings);

// The number of worker threads a batch runs with: options.threads, or one per core when that is 0.
int workerThreads(const BatchOptions& options);

// Errors are configuration errors (bad template, output overwriting a source, unreadable manifest).
Result<BatchPlan> planBatch(const AnnotationSet& annotations, const BatchOptions& options);

// Extension (without dot) of the output for a source path under `format`.
QString outputExtensionFor(const QString& sourcePath, const CropSettings& settings);

// Deterministic shard of an image: FNV-1a of its relative path, modulo count.
int shardOf(const QString& relativePath, int shardCount);

} // namespace cropdeck
