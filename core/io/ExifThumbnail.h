// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The small JPEG that cameras and phones embed in EXIF (IFD1, tags JPEGInterchangeFormat and
// JPEGInterchangeFormatLength): a ready-made preview, often 160×120 or larger, that a thumbnail grid can
// show without decoding the photo. Bounds-checked and total: anything malformed gives "none".
// The thumbnail is in the stored orientation, like the photo's own pixels.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>
#include <utility>

namespace cropdeck {

// Offset and length of the embedded JPEG inside a TIFF-structured EXIF blob; nullopt when there is none or
// it does not lie inside the blob or does not start with a JPEG SOI marker.
std::optional<std::pair<qsizetype, qsizetype>> exifThumbnailRange(QByteArrayView tiffBlob);

// The embedded JPEG of the first EXIF APP1 segment of the JPEG file at `path`, reading only the file's
// first segments (at most 256 KiB); empty when the file has none (or is not a JPEG, or cannot be read).
QByteArray readJpegExifThumbnail(const QString& path);

} // namespace cropdeck
