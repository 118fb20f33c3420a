// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What one output depends on, recorded in its manifest line so that --resume reuses an output only when
// the same inputs would make it again (same settings, same box, same source file).
//
// The settings digest covers every CropSettings field that changes an output's pixels or bytes, in this
// fixed order (canonicalSettingsText() is the exact text that is hashed):
//   bounds, pad mode, pad colour (B,G,R), margin (value, percent), aspect, fixed size, resize mode,
//   resize size, gray, orientation from EXIF, normalized window size, normalized max fraction,
//   fail-on, lossless, format, JPEG quality, PNG level, WebP quality.
// Deliberately NOT covered (they never change an output): thread count, memory budget, maxPixels (an
// image over the limit makes no output at all), the output folder and the name template (they decide
// where an output goes: a different path is a different output anyway).
// Numbers are written in a locale-independent form (integers in decimal, doubles with 17 significant
// digits), so the digest is the same on every run and machine. The text starts with a version line;
// bump it when an engine change makes the same settings give different outputs.
//
// Reentrant: pure functions, except sourceStampOf() which stats a file.

#include "annotations/Annotation.h"
#include "engine/CropSettings.h"

#include <QByteArray>
#include <QString>

namespace cropdeck {

// The text that cropSettingsDigest() hashes: one "name=value" line per field, in the order above.
QByteArray canonicalSettingsText(const CropSettings& settings);

// SHA-256 of canonicalSettingsText(), first 128 bits as 32 lowercase hex digits.
QString cropSettingsDigest(const CropSettings& settings);

// The window's geometry as the annotation gives it, e.g. "box 10,20.5,100,50" (x,y,w,h) or
// "square 0.5,0.25,0.1" (x,y,scale). Label and id are not part of it: they only name the output.
QString windowGeometryText(const CropWindow& window);

// Size and modification time of a source file: a changed source (edited, replaced, re-exported) gets
// new crops. Copying a dataset without keeping times (cp without -p) also counts as a change.
struct SourceStamp {
    qint64 bytes = -1;      // -1: the file could not be read
    qint64 modifiedMs = -1; // milliseconds since the epoch (UTC)
    bool operator==(const SourceStamp&) const = default;
};
SourceStamp sourceStampOf(const QString& path);

// Everything an output was made from. Empty settingsDigest: unknown (a manifest from an older CropDeck).
struct OutputInputs {
    QString settingsDigest;
    QString window;
    SourceStamp source;

    bool isKnown() const { return !settingsDigest.isEmpty(); }
    bool operator==(const OutputInputs&) const = default;
};

} // namespace cropdeck
