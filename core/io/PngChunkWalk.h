// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One pass over the chunks of a PNG file held in memory, for the whole-image inflate path
// (PngDeflateDecoder.h): the header, the palette, the transparency and the zlib stream of the
// concatenated IDAT chunks.
//
// It accepts only intact, ordinary files, the ones on which it can promise libpng's exact result: every
// chunk up to the last IDAT is complete and has a correct CRC, no unknown critical chunk, PLTE and tRNS as
// libpng accepts them without a warning, chunk lengths within libpng's limits. Anything else gives nullopt
// and the caller lets libpng decode the file, so damaged files get libpng's errors and failOn handling.
// Chunks after the last IDAT are not read (as libpng's row decoder, which stops early, never reads them).

#include <QtGlobal>

#include <array>
#include <cstddef>
#include <optional>

namespace cropdeck {

struct PngLayout {
    int width = 0;
    int height = 0;
    int bitDepth = 8;
    int colorType = 0; // as in IHDR: 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA
    bool interlaced = false;

    // Palette as RGB triples; entries past paletteSize stay black, as libpng leaves them.
    std::array<uchar, std::size_t(3) * 256> palette{};
    int paletteSize = 0;
    // tRNS: palette alphas (255 past the chunk's entries), or the gray ([0]) or RGB transparent colour.
    bool hasTrns = false;
    std::array<uchar, 256> paletteAlpha{};
    std::array<quint16, 3> transparentColor{};

    // The zlib stream (IDAT data put end to end), inside the file buffer that was walked.
    const uchar* zlib = nullptr;
    size_t zlibSize = 0;

    int samplesPerPixel() const;
    // Bytes of one whole pixel, at least 1: the distance PNG's filters look back.
    int filterStride() const;
    // Bytes of one row's samples, without its filter-type byte.
    size_t rowBytes() const;
    // Bytes of the inflated image: every row with its filter-type byte.
    size_t rawBytes() const;
};

// True for the bit depths IHDR allows with `colorType` (the PNG specification's IHDR rules).
bool isValidPngBitDepth(int colorType, int bitDepth);

// Samples per pixel of a PNG colour type as stored (a palette index is one sample).
int pngSamplesPerPixel(int colorType);

// Walks the PNG file in `file` (size bytes, from its signature). IDAT payloads are moved together in place,
// so the buffer is modified; the returned layout points into it.
std::optional<PngLayout> walkPngChunks(uchar* file, size_t size);

} // namespace cropdeck
