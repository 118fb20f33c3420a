// SPDX-License-Identifier: GPL-3.0-or-later
#include "FlagValues.h"

#include <cmath>

namespace cropdeck::app {

Result<double> parseNumber(const QString& flag, const QString& text, double low, double high) {
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return makeError(ErrorKind::Invalid, QStringLiteral("--%1 \"%2\": not a number (expected %3 to %4)")
                                                 .arg(flag, text)
                                                 .arg(low)
                                                 .arg(high));
    if (value < low || value > high)
        return makeError(ErrorKind::Invalid, QStringLiteral("--%1 \"%2\": expected a number from %3 to %4")
                                                 .arg(flag, text)
                                                 .arg(low)
                                                 .arg(high));
    return value;
}

Result<int> parseInt(const QString& flag, const QString& text, int low, int high) {
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < low || value > high)
        return makeError(ErrorKind::Invalid, QStringLiteral("--%1 \"%2\": expected an integer from %3 to %4")
                                                 .arg(flag, text)
                                                 .arg(low)
                                                 .arg(high));
    return value;
}

} // namespace cropdeck::app
