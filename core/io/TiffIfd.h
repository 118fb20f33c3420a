// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Bounds-checked reading of TIFF structure (classic and BigTIFF, both byte orders) from memory. Shared
// by the EXIF parser (an EXIF blob is a TIFF file in miniature) and the TIFF header probe.

#include <QByteArrayView>

#include <optional>
#include <vector>

namespace cropdeck {

struct TiffHeader {
    bool littleEndian = true;
    bool bigTiff = false;
    quint64 firstIfdOffset = 0;

    int offsetSize() const { return bigTiff ? 8 : 4; }
    int countFieldSize() const { return bigTiff ? 8 : 2; } // the entry count that opens an IFD
    int entrySize() const { return bigTiff ? 20 : 12; }
};

// One IFD entry. `valueField` holds the 4 (classic) or 8 (BigTIFF) bytes that carry the values when
// they fit, otherwise their offset.
struct TiffEntry {
    quint16 tag = 0;
    quint16 type = 0;
    quint64 count = 0;
    QByteArrayView valueField;
};

enum TiffTag : quint16 {
    TiffImageWidth = 256,
    TiffImageLength = 257,
    TiffBitsPerSample = 258,
    TiffCompression = 259,
    TiffPhotometric = 262,
    TiffOrientation = 274,
    TiffSamplesPerPixel = 277,
    TiffRowsPerStrip = 278,
    TiffPlanarConfiguration = 284,
    TiffTileWidth = 322,
    TiffTileLength = 323,
};

// The 8-byte (classic) or 16-byte (BigTIFF) header at the start of `data`; nullopt when it is not one.
std::optional<TiffHeader> parseTiffHeader(QByteArrayView data);

// The entries of the IFD whose entry count sits at `ifdOffset` in `data`. Entries that do not fit in
// `data` are dropped, and at most `maxEntries` are returned, so garbage cannot make it loop or overread.
std::vector<TiffEntry> parseTiffIfd(QByteArrayView data, quint64 ifdOffset, const TiffHeader& header,
                                    int maxEntries = 4096);

// The offset of the IFD that follows the one at `ifdOffset` (EXIF's IFD1, the thumbnail's); nullopt when
// the link does not fit in `data` or is 0 (the last IFD).
std::optional<quint64> tiffNextIfdOffset(QByteArrayView data, quint64 ifdOffset, const TiffHeader& header);

// Size of one value of a TIFF field type, 0 for unknown types.
int tiffTypeSize(quint16 type);

// The `index`-th value of an unsigned or signed integer entry whose values are stored inline;
// nullopt for other types, out-of-line values or an index past `count`.
std::optional<qint64> tiffInlineInteger(const TiffEntry& entry, const TiffHeader& header, int index = 0);

// Whether the entry's values are stored elsewhere (valueField then holds their offset).
bool tiffValuesOutOfLine(const TiffEntry& entry, const TiffHeader& header);
quint64 tiffValueOffset(const TiffEntry& entry, const TiffHeader& header);

// Reads one integer of `type` from `bytes` (at least tiffTypeSize(type) long); nullopt for non-integers.
std::optional<qint64> tiffReadInteger(const uchar* bytes, quint16 type, bool littleEndian);

} // namespace cropdeck
