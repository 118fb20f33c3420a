// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Generated image sets: the demo set behind `cropdeck --make-demo` and the benchmark's seed workloads.
// Pictures come from bench/SceneRenderer (natural-looking, deterministic from a seed), so the same seed
// gives byte-identical files on every run. Every file is written atomically (temporary + rename).

#include "Result.h"

#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace cropdeck {

// ---- Demo set ----------------------------------------------------------------------------------------

// Writes about a dozen pictures (JPEG of mixed sizes, one PNG, one BMP, one JPEG with EXIF orientation 6,
// one with restart markers) under DIR/images/, DIR/annotations.csv (`path,x,y,w,h,label`, paths relative
// to DIR, boxes on the upright picture) and DIR/README.txt. DIR may be missing, empty or an earlier demo
// set (which is overwritten; a DIR/crops/ folder of its crops is left alone); any other content is
// refused. Returns the annotation file's path.
Result<QString> makeDemoDataset(const QString& dir);

inline constexpr char kDemoAnnotationsFile[] = "annotations.csv";
inline constexpr char kDemoReadmeFile[] = "README.txt";
inline constexpr char kDemoImagesFolder[] = "images";
inline constexpr char kDemoCropsFolder[] = "crops"; // where the suggested batch command writes

// ---- Seed workloads ----------------------------------------------------------------------------------

enum class SeedWorkload {
    GrayJpeg,            // 4000² gray JPEG q90
    GrayPng,             // 4000² gray PNG, zlib level 6 with adaptive filters (what libpng and Pillow write)
    GrayBmp,             // 4000² gray BMP (8-bit, gray palette)
    ColorJpeg512,        // 512² colour JPEG q90 4:2:0
    ColorPng512,         // 512² colour PNG, level 6
    GrayJpegRestart,     // 4000² gray JPEG q90, a restart marker every MCU row
    ColorJpegRestart,    // 4000² colour JPEG q90 4:2:0, a restart marker every MCU row
    ColorJpeg,           // 4000² colour JPEG q90 4:2:0, no restart markers
    GrayJpegProgressive, // 4000² gray JPEG q90, progressive (every scan must be read to the end)
};

struct SeedWorkloadSpec {
    SeedWorkload kind;
    const char* name;      // command-line and folder name, e.g. "gray-jpeg"
    int side;              // square pictures of side × side
    int channels;          // 1 gray, 3 colour
    const char* extension; // "jpg", "png", "bmp"
    const char* description;
};

const QList<SeedWorkloadSpec>& seedWorkloads();
const SeedWorkloadSpec& seedWorkloadSpec(SeedWorkload kind);
std::optional<SeedWorkload> seedWorkloadFromName(const QString& name);

// Centre/scale window lists written beside the pictures (`path,x,y,scale`, see NormalizedSquare):
// one seeded random window per picture, and the same scales pinned to the bottom-right corner, the worst
// case for decoders that must read every row above a window.
inline constexpr char kRandomWindowsFile[] = "windows.csv";
inline constexpr char kBottomRightWindowsFile[] = "windows_bottom_right.csv";
inline constexpr char kSeedStampFile[] = "workload.txt";

// Writes `count` pictures img_000.<ext>… into DIR (created if needed) plus both window lists and a stamp
// recording the parameters. `side` > 0 overrides the workload's size (tests use small pictures);
// `threads` ≤ 0 uses every core.
Status makeSeedWorkload(const QString& dir, SeedWorkload kind, int count, quint64 seed, int side = 0,
                        int threads = 0);

// True when DIR holds a complete workload written with exactly these parameters (so it can be reused).
bool seedWorkloadIsCurrent(const QString& dir, SeedWorkload kind, int count, quint64 seed, int side = 0);

} // namespace cropdeck
