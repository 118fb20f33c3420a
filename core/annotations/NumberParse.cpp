// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/NumberParse.h"

#include <cmath>

namespace cropdeck {

std::optional<double> parseNumber(QStringView text, double maxMagnitude, QString* why) {
    const QStringView trimmed = text.trimmed();
    bool ok = false;
    const double value = trimmed.toDouble(&ok);
    // toDouble() also reports overflow (1e400) as !ok; tell that apart from text that is no number.
    const bool looksNumeric = !trimmed.isEmpty() && (trimmed.front().isDigit() || trimmed.front() == u'-' ||
                                                     trimmed.front() == u'+' || trimmed.front() == u'.');
    if (!ok && !(looksNumeric && std::isinf(value))) {
        if (why)
            *why = trimmed.isEmpty() ? QStringLiteral("empty where a number is expected")
                                     : QStringLiteral("'%1' is not a number").arg(trimmed.left(40));
        return std::nullopt;
    }
    if (std::isnan(value)) { // toDouble() takes "nan": a number type, but no coordinate
        if (why)
            *why = QStringLiteral("'%1' is not a number").arg(trimmed.left(40));
        return std::nullopt;
    }
    if (!std::isfinite(value) || std::abs(value) > maxMagnitude) {
        if (why)
            *why = QStringLiteral("'%1' is out of range (limit %2)").arg(trimmed.left(40)).arg(maxMagnitude);
        return std::nullopt;
    }
    return value;
}

std::optional<int> parseCount(QStringView text, int maxValue, QString* why) {
    const std::optional<double> value = parseNumber(text, double(maxValue), why);
    if (!value)
        return std::nullopt;
    if (*value < 0 || std::floor(*value) != *value) {
        if (why)
            *why = QStringLiteral("'%1' is not a whole number >= 0").arg(text.trimmed().left(40));
        return std::nullopt;
    }
    return int(*value);
}

} // namespace cropdeck
