// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Header-only image probe: format, stored size, samples, bit depth, EXIF orientation and the format
// details the decoders and the planner need, read from a few kilobytes of the file without decoding
// pixels. JPEG, PNG, BMP, TIFF (first IFD), WebP and PNM (P1..P6) are recognised by their content, not
// their extension; anything else is Unsupported.
//
// Errors (each message names the file): NotFound, Io (unreadable), Unsupported (other formats, animated
// WebP, hierarchical JPEG...), Corrupt (malformed header, naming the field), Truncated (the file ends
// inside its header), TooLarge (width × height above `maxPixels`, refused before anything is
// allocated). A `maxPixels` of 0 or less means no limit.
//
// Reentrant; reads through its own file handle.

#include "Result.h"
#include "io/ImageInfo.h"

#include <QIODevice>
#include <QString>

namespace cropdeck {

Result<ImageInfo> probeImage(const QString& path, qint64 maxPixels);

// The same on an open, random-access device (a file or an in-memory buffer); `name` is used in messages.
Result<ImageInfo> probeImage(QIODevice& device, const QString& name, qint64 maxPixels);

} // namespace cropdeck
