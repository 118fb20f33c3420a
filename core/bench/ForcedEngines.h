// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// CropDeck's decode strategies one at a time: each engine runs CropDeck's own code (cropImageForced(),
// ForcedStrategy.h) with one choice forced instead of planned, so that a report shows what each strategy
// costs and what the planner gains by choosing. An engine applies to a case only when every image
// qualifies (a header probe decides); otherwise the case reports it as not applicable, with the first
// image that does not and why, and it never runs there.
//
//   cropdeck-full-decode   any image: the reader's decoder reads the whole image once, every window is
//                          cut from it
//   cropdeck-each-window   any image: one read per window (no union, no row bands)
//   cropdeck-jpeg-region   JPEG (the libjpeg DCT path: not CMYK, 12-bit or lossless): jpeg_crop_scanline
//                          + jpeg_skip_scanlines once per window, never restart-marker access
//   cropdeck-row-bands     the same JPEGs: the windows' row bands in one pass (readRowBands)
//   cropdeck-restart       baseline JPEG with restart markers: restart-marker random access per window
//                          (a window no restart interval helps is a plain region decode, as the
//                          decoder documents; the plan in the detail counts both)
//   cropdeck-dct-scaled    the same JPEGs as jpeg-region: each window decoded at 1/2 in the DCT domain
//                          (the batch's path when a resize halves it), output at that scale
//   cropdeck-lossless      JPEG: the batch's lossless path (TurboJPEG crop, MCU-aligned, no decode);
//                          timed to the output bytes
//   cropdeck-png-row-stop  PNG: libpng's row decode of the windows' union, stopping after its last row
//   cropdeck-png-inflate   PNG, not interlaced: one libdeflate inflate of the whole image, the union's
//                          rows converted
//   cropdeck-bmp-rows      BMP (BI_RGB, bit fields): only the needed rows, one read per window
//
// Verification (CropVerifier.h): every engine but two gives the stored pixels and is held to them (the
// tolerance rule). cropdeck-dct-scaled is lossy by design: compared with the reference downscaled 1/2
// with INTER_AREA at the window's scaled rectangle, right when PSNR >= kDctScaledMinimumPsnr.
// cropdeck-lossless: each output is decoded (OpenCV) and the window cut from the rectangle it holds
// (CroppedWindow::writtenRect); gray is identical, colour differs only where chroma upsampling meets
// the output's own edges, so it is right when PSNR >= kLosslessMinimumPsnr. A crop in the wrong place
// falls far below either.

#include "bench/BenchEngine.h"

#include <memory>
#include <vector>

namespace cropdeck::bench {

// Measured on the seed workloads at side 256: the DCT-scaled crops give 50-56 dB against the area
// downscale, the lossless ones are identical; the same crops one pixel off (at the output's scale) give
// 29-36 dB.
inline constexpr double kDctScaledMinimumPsnr = 40;
inline constexpr double kLosslessMinimumPsnr = 40;

std::vector<std::unique_ptr<BenchEngine>> makeForcedEngines();

} // namespace cropdeck::bench
