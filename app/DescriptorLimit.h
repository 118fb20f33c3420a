// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace cropdeck::app {

// Raises the process's soft limit on open files toward its hard limit (to at most 16,384). A batch
// holds each worker's group of finished crops open, as unnamed files, until the group is made durable
// with one sync (io/AtomicFileGroup); the usual soft limit of 1,024 would send most of a dense image's
// crops down the slower path of named temporaries. Nothing is raised where the OS has no such limit.
void raiseDescriptorLimit();

} // namespace cropdeck::app
