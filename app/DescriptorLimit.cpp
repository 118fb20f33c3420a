// SPDX-License-Identifier: GPL-3.0-or-later
#include "DescriptorLimit.h"

#include <QtGlobal>

#ifdef Q_OS_UNIX
#include <algorithm>
#include <sys/resource.h>
#endif

namespace cropdeck::app {

void raiseDescriptorLimit() {
#ifdef Q_OS_UNIX
    constexpr rlim_t kWanted = 16384;
    struct rlimit limit;
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY ||
        limit.rlim_cur >= kWanted)
        return;
    limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? kWanted : std::min(limit.rlim_max, kWanted);
    ::setrlimit(RLIMIT_NOFILE, &limit); // best effort: the group falls back to named temporaries
#endif
}

} // namespace cropdeck::app
