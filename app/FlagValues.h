// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A flag's text as a value, with errors that name the flag and the text ("--quality \"x\": expected an
// integer from 1 to 100"): one wording for every mode's flags (Options.cpp, BenchOptions.cpp).

#include "Result.h"

#include <QString>

namespace cropdeck::app {

// Through one of core's SettingNames parsers; its message follows the flag and the text.
template <typename T, typename Parse>
Result<T> parseFlag(const char* flag, const QString& text, Parse parse) {
    Result<T> parsed = parse(text);
    if (!parsed)
        return makeError(
            ErrorKind::Invalid,
            QStringLiteral("--%1 \"%2\": %3").arg(QLatin1String(flag), text, parsed.error().message));
    return parsed;
}

Result<double> parseNumber(const QString& flag, const QString& text, double low, double high);
Result<int> parseInt(const QString& flag, const QString& text, int low, int high);

} // namespace cropdeck::app
