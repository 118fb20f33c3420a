// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// An override of the planner's choices, so that a benchmark or a test can measure or check one decode
// strategy alone, with the engine's own code. Nothing in the batch, the GUI or the preview sets one: the
// default (Auto everywhere) is the planner, and cropImage() without a ForcedStrategy is that default.
//
// A forced decoder never falls back to OpenCV: when it cannot read the image (a CMYK JPEG for the JPEG
// decoders, an RLE BMP...) the read fails, so that a figure never belongs to another decoder than the
// one named. The decoders' own documented hand-overs remain (the restart decoder reads a window that no
// restart interval helps with as a plain region decode, "jpeg-region"; the whole-inflate PNG decoder
// hands a damaged file to the row decoder, "png-rows"): RegionReader::plan() names what really ran.

#include "io/ImageInfo.h"

#include <QString>

namespace cropdeck {

enum class ForcedDecoder {
    Auto,            // RegionReader's rule (RegionReader.h)
    JpegRegion,      // jpeg_crop_scanline + jpeg_skip_scanlines, never restart-marker access
    JpegRestart,     // restart-marker random access (JpegRestartDecoder.h)
    PngRows,         // libpng row decode stopping after the last needed row
    PngWholeInflate, // one libdeflate inflate of the whole image ("png-deflate")
    BmpRows,         // a read of the needed rows only
};

enum class ForcedReads {
    Auto,       // planReads() (ReadPlanning.h)
    EachWindow, // one read per window
    Union,      // one read of the rectangle holding every window
    RowBands,   // RegionReader::readRowBands() of the windows' rows (one pass for JPEG)
    WholeImage, // one read of the whole image, every window cut from it
};

struct ForcedStrategy {
    ForcedDecoder decoder = ForcedDecoder::Auto;
    ForcedReads reads = ForcedReads::Auto;
    // 0: as the settings decide (a resize may allow DCT scaling). 2, 4 or 8: every window of a JPEG is
    // decoded at 1/dctScale in the DCT domain and, with no resize asked, output at that scale: the pixels
    // of DecodedRegion::scaledRegion. Implies one read per window (DCT scaling is per window).
    int dctScale = 0;

    bool isAuto() const {
        return decoder == ForcedDecoder::Auto && reads == ForcedReads::Auto && dctScale == 0;
    }
};

// The decoder names RegionReader::plan() uses ("jpeg-region", "png-deflate", ...; "auto" for Auto).
QString forcedDecoderName(ForcedDecoder decoder);

// Empty when `forced` can run on the image `info` describes; otherwise why not, e.g. "a PNG, not a
// JPEG" or "no restart markers". Decided from the header probe alone.
QString forcedStrategyNotApplicable(const ImageInfo& info, const ForcedStrategy& forced);

} // namespace cropdeck
