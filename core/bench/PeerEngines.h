// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Other programs, run the way their users run them, each either available or unavailable with the
// reason (never faked):
//   pillow-threads, pillow-processes, opencv-python  Python scripts (embedded in CropDeck, written to a
//       scratch folder) that time themselves, so the interpreter's start-up is not counted: one process
//       per trial, which warms up and then times one pass.
//   vips        cropdeck_vips_crop, a small program on libvips' C API (benchmarks/peers/vips_crop.c),
//               self-timed like the Python peers; found through PeerSetup::vipsPeer or PATH.
//   vips-cli, imagemagick, graphicsmagick  their command-line tools, one process per window (see
//       CommandEngines.h), start-up included, as a shell loop over the windows would run them.

#include "bench/BenchEngine.h"

#include <QString>

#include <memory>
#include <vector>

namespace cropdeck::bench {

struct PeerSetup {
    QString python;   // interpreter; empty: `python3` on PATH
    QString vipsPeer; // cropdeck_vips_crop; empty: looked up on PATH
};

std::vector<std::unique_ptr<BenchEngine>> makePeerEngines(const PeerSetup& setup);

} // namespace cropdeck::bench
