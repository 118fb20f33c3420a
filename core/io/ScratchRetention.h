// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to io: how much decode scratch a thread may keep between images. Decoders keep their large
// buffers per thread (PNG: the file and the inflated image; JPEG: a row band, a restart-interval stream)
// so that the next image does not map and page-fault them afresh, but only up to kRetainedScratchBytes
// each: a larger buffer is released when its decode ends. While a decode runs, its buffers are counted
// against the batch's memory budget (io/DecodeCost.h); between decodes a worker thread holds at most its
// four buffers × kRetainedScratchBytes (16 MiB) outside it, so that 16 threads add at most 256 MiB
// whatever the images (with 64 MiB kept per buffer they could add 4 GiB). The JPEG encoder keeps 1 MiB
// more per thread (io/jpeg/JpegCompressor.cpp).

#include <cstddef>

namespace cropdeck {

inline constexpr std::size_t kRetainedScratchBytes = std::size_t(4) << 20;

} // namespace cropdeck
