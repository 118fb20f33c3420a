// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Everything that describes one crop batch, as a plain value: where the images and windows come from,
// how every window is cut, where and how outputs are written, and how the run is spread over threads
// and machines. Every shell builds one (the CLI from its flags, the GUI from its panels, a saved
// request or project file from JSON: BatchRequestJson.h) and hands it to prepareBatch()
// (PrepareBatch.h), so the same value always gives the same job.
//
// Paths are as the user gave them; prepareBatch() resolves relative ones against the working folder.

#include "annotations/AnnotationFormat.h"
#include "engine/CropSettings.h"

#include <QSize>
#include <QString>

namespace cropdeck {

// Windows made from each image's size when there is no annotation file.
struct GeneratedWindows {
    enum class Kind { None, Centre, Random };
    Kind kind = Kind::None;
    QSize size;       // the window, WxH
    int count = 1;    // Random: windows per image
    quint64 seed = 0; // Random: the same seed gives the same windows

    bool operator==(const GeneratedWindows&) const = default;
};

struct BatchRequest {
    // Input
    QString images;      // folder (sub-folders included) or list file; empty = the annotation file's folder
    QString annotations; // annotation file or folder; empty when `generated` makes the windows
    AnnotationFormat annotationFormat = AnnotationFormat::Auto;
    QString csvColumns; // CSV layout spec (CsvColumns::parse); empty = from the header
    GeneratedWindows generated;
    int minBoxSize = 0; // > 0: boxes narrower or lower than this (pixels) are skipped and reported

    // Cutting, encoding
    CropSettings settings;

    // Output
    QString outputDir;
    QString nameTemplate; // empty = kDefaultNameTemplate (OutputNaming.h)

    // Run
    int threads = 0;              // 0 = one per core
    qint64 memoryBudgetBytes = 0; // 0 = automatic (a quarter of RAM, 512 MiB to 8 GiB)
    bool resume = false;
    int shardIndex = 0; // this machine's shard, 0-based
    int shardCount = 1;

    bool operator==(const BatchRequest& other) const;
};

} // namespace cropdeck
