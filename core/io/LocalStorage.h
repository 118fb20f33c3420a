// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Whether a file lives on local storage, where reading it through a memory map is safe enough: on
// network and user-space file systems (NFS, SMB/CIFS, FUSE, 9P, Ceph...) a server hiccup under a
// mapping ends the process with SIGBUS, where read() would have failed one image with an error.

#include <QString>

namespace cropdeck {

// True when `path` is on a local file system. False for network and FUSE file systems, and wherever
// the platform cannot tell (the caller then reads instead of mapping).
bool isOnLocalStorage(const QString& path);

} // namespace cropdeck
