// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Every option of one crop batch, as a plain value. It is copied into each job: worker threads never
// read shared settings.

#include "io/DecodeTypes.h"

#include <QSize>
#include <QString>

#include <optional>

namespace cropdeck {

enum class BoundsPolicy { Clip, Shift, Pad, Skip, Error };
enum class PadMode { Constant, Edge };
enum class ResizeMode { None, Exact, Fit, Fill };
enum class OutputFormat { SameAsInput, Jpeg, Png, WebP, Tiff, Bmp };

struct Margin {
    double value = 0;       // added on every side
    bool percent = false;   // value is % of the box's width (left/right) and height (top/bottom)
};

struct CropSettings {
    // Geometry
    BoundsPolicy bounds = BoundsPolicy::Clip;
    PadMode padMode = PadMode::Constant;
    int padBgr[3] = {0, 0, 0};         // constant pad colour, B G R (gray outputs use the mean)
    Margin margin;
    double aspect = 0;                 // > 0: widen the box around its centre to width/height == aspect
    QSize fixedSize;                   // valid: every window becomes this size around the box centre
    ResizeMode resize = ResizeMode::None;
    QSize resizeTo;                    // for Exact/Fit/Fill
    bool grayscale = false;
    bool orientationFromExif = true;   // boxes refer to the upright image (false: stored pixels)
    int normalizedWindowSize = 0;      // centre/scale lists: output side (0 = from the annotation set)
    double normalizedMaxFraction = 1.0;

    // Decoding
    FailOn failOn = FailOn::Error;
    qint64 maxPixels = 180'000'000;
    bool lossless = false;             // JPEG → JPEG without re-encoding, MCU-aligned edges

    // Encoding
    OutputFormat format = OutputFormat::SameAsInput;
    int jpegQuality = 90;
    int pngCompression = 1;            // fast: PNG encoding dominates once decoding is fast
    int webpQuality = 90;
};

} // namespace cropdeck
