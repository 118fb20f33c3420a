// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Grows the process's table of file descriptors ahead of a batch that will hold many files open.
//
// Why: Linux grows the table by doubling it as descriptors are opened (64, 128, ... entries), and when
// the table is shared by several threads each growth waits for an RCU grace period, in uninterruptible
// sleep, while every other thread that opens a file waits for it too. A dense batch holds some 2,000
// unnamed outputs open (io/AtomicFileGroup): measured on 10,000 windows of one image, its workers spent
// 30 ms of a 0.27 s run waiting in those growths. Grown once, before the threads start (an unshared
// table grows without the wait), the table stays that size: the kernel never shrinks it.

namespace cropdeck {

// Makes room for descriptors numbered below `descriptors` (at most the process's descriptor limit)
// without a later growth. Best effort: does nothing where the OS has no such table or no room.
void reserveDescriptorTable(int descriptors);

} // namespace cropdeck
