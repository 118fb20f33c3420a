// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/DescriptorTable.h"

#include <QtGlobal>

#if defined(Q_OS_UNIX)
#include <algorithm>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace cropdeck {

void reserveDescriptorTable(int descriptors) {
#if defined(Q_OS_UNIX)
    struct rlimit limit {};
    if (descriptors <= 0 || ::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return;
    rlim_t highest = rlim_t(descriptors) - 1;
    if (limit.rlim_cur != RLIM_INFINITY)
        highest = std::min(highest, limit.rlim_cur - 1);
    // F_DUPFD places a copy at the lowest free descriptor >= `highest`: the table grows to hold it.
    const int anchor = ::open("/", O_RDONLY | O_CLOEXEC);
    if (anchor < 0)
        return;
    const int copy = ::fcntl(anchor, F_DUPFD_CLOEXEC, int(highest));
    if (copy >= 0)
        ::close(copy);
    ::close(anchor);
#else
    Q_UNUSED(descriptors);
#endif
}

} // namespace cropdeck
