// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The names of every batch setting's values, one table each, so that a value means the same on the
// command line, in a saved request, in a project file and in the GUI.
//
// parseX() accepts what formatX() prints (and, where noted, a few common spellings); formatX() prints
// the canonical name. A parse error's message says what was expected, without naming the setting:
// the caller prefixes the flag (`--bounds "x": …`) or the JSON key (`key "bounds": …`).

#include "Result.h"
#include "annotations/AnnotationFormat.h"
#include "batch/BatchRequest.h"
#include "engine/CropSettings.h"

#include <QSize>
#include <QString>
#include <QStringList>

namespace cropdeck {

Result<OutputFormat> parseOutputFormat(const QString& text); // same jpeg|jpg png webp tiff|tif bmp
QString formatOutputFormat(OutputFormat format);

Result<BoundsPolicy> parseBoundsPolicy(const QString& text); // clip shift pad skip error
QString formatBoundsPolicy(BoundsPolicy policy);

// The resize mode of a --resize (None is the absence of one, never parsed).
Result<ResizeMode> parseResizeMode(const QString& text); // exact fit fill
QString formatResizeMode(ResizeMode mode);               // "none" for None

Result<FailOn> parseFailOn(const QString& text); // error truncated none
QString formatFailOn(FailOn level);

Result<AnnotationFormat> parseAnnotationFormatSetting(const QString& text); // auto or a format name
QString formatAnnotationFormatSetting(AnnotationFormat format);             // "auto" for Auto

Result<GeneratedWindows::Kind> parseGeneratedKind(const QString& text); // none centre random
QString formatGeneratedKind(GeneratedWindows::Kind kind);

// Pad: "edge", or a constant colour as #rrggbb or r,g,b (0-255). Sets padMode and padBgr.
struct PadSetting {
    PadMode mode = PadMode::Constant;
    int bgr[3] = {0, 0, 0};
};
Result<PadSetting> parsePad(const QString& text);
QString formatPad(PadMode mode, const int bgr[3]); // "edge" or "#rrggbb"

// Margin: "N" pixels or "N%" of the box size, N a finite number.
Result<Margin> parseMargin(const QString& text);
QString formatMargin(const Margin& margin);

// Aspect ratio: "W:H" or one positive number (width / height).
Result<double> parseAspect(const QString& text);

// Size: "WxH" with positive integers up to 999999 (also "W×H"); formatSize of an invalid size is "".
Result<QSize> parseSize(const QString& text);
QString formatSize(QSize size);

// Shard: "i/N" with 0 <= i < N.
struct ShardSetting {
    int index = 0;
    int count = 1;
};
Result<ShardSetting> parseShard(const QString& text);
QString formatShard(int index, int count);

} // namespace cropdeck
