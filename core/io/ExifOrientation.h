// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// EXIF orientation (tag 274, values 1..8) from the places image containers keep it. Every function is
// bounds-checked and total: malformed or missing data gives 1 (as viewers do), never an error, because
// a broken EXIF block must not make an otherwise good image unusable.

#include "io/TiffIfd.h"

#include <QByteArrayView>

#include <optional>

namespace cropdeck {

// Orientation from a TIFF-structured EXIF blob ("II*\0" or "MM\0*" header, IFD0). Values outside 1..8,
// a wrong field type or a blob too short to hold the entry give 1.
int parseExifOrientation(QByteArrayView tiffBlob);

// Orientation from the payload of a JPEG APP1 segment (after the length field); nullopt when the
// segment is not EXIF ("Exif\0\0" prefix absent, e.g. XMP), so that the caller can honour the first
// EXIF segment only, as libjpeg-based readers do.
std::optional<int> orientationFromJpegApp1(QByteArrayView app1Payload);

// Orientation from a PNG eXIf chunk or a WebP EXIF chunk: a TIFF blob, which some writers prefix with
// "Exif\0\0" anyway.
int orientationFromExifChunk(QByteArrayView chunkData);

// Orientation from a TIFF file's own tag 274 as found in its first IFD (the entry's type and inline
// value); used by the TIFF probe.
int orientationFromTiffEntry(const TiffEntry& entry, const TiffHeader& header);

} // namespace cropdeck
