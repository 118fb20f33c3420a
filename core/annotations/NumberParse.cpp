// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/NumberParse.h"

#include <cmath>

namespace cropdeck {

std::optional<double> parsePlainDecimal(QStringView text) {
    static constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                              1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    qsizetype i = 0;
    const bool negative = !text.isEmpty() && text.front() == u'-';
    if (negative)
        ++i;
    quint64 mantissa = 0;
    int digits = 0;
    int integerDigits = -1; // digits before the point, once there is one
    for (; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= u'0' && c <= u'9') {
            if (++digits > kPlainDecimalDigits)
                return std::nullopt;
            mantissa = mantissa * 10 + (c - u'0');
        } else if (c == u'.' && integerDigits < 0) {
            integerDigits = digits;
        } else {
            return std::nullopt;
        }
    }
    if (integerDigits == 0 || integerDigits == digits || digits == 0)
        return std::nullopt; // ".5", "5.", "-" and "": left to the full parser
    const int fractionDigits = integerDigits < 0 ? 0 : digits - integerDigits;
    const double value = double(mantissa) / kPowersOfTen[fractionDigits];
    return negative ? -value : value;
}

std::optional<double> parseNumber(QStringView text, double maxMagnitude, QString* why) {
    const QStringView trimmed = text.trimmed();
    bool ok = false;
    // Nearly every coordinate is plain ("120", "35.5"): parsed without Qt's locale machinery, which took
    // most of the time of reading a large CSV.
    const std::optional<double> plain = parsePlainDecimal(trimmed);
    ok = plain.has_value();
    const double value = ok ? *plain : trimmed.toDouble(&ok);
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
