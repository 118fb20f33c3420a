// SPDX-License-Identifier: GPL-3.0-or-later
#include "Result.h"

namespace cropdeck {

const char* errorKindName(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::NotFound:
        return "not-found";
    case ErrorKind::Io:
        return "io";
    case ErrorKind::Unsupported:
        return "unsupported";
    case ErrorKind::Corrupt:
        return "corrupt";
    case ErrorKind::Truncated:
        return "truncated";
    case ErrorKind::TooLarge:
        return "too-large";
    case ErrorKind::OutOfBounds:
        return "out-of-bounds";
    case ErrorKind::Invalid:
        return "invalid";
    case ErrorKind::Cancelled:
        return "cancelled";
    }
    return "unknown";
}

} // namespace cropdeck
