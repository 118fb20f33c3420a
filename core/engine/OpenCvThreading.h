// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace cropdeck {

// Turns off OpenCV's own worker threads for the whole process, once. The engine runs one task per image
// on its own pool, which already fills every core; OpenCV's pool inside those tasks only adds
// contention.
//
// Call it from the thread that starts the work, before any worker runs: OpenCV's thread count is
// process-wide, and setting it rebuilds its TBB arena without a lock, so workers that each set it
// raced and crashed about one batch in a hundred. Later calls do nothing.
void useSingleThreadedOpenCv();

} // namespace cropdeck
