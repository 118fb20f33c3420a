// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the readers: numbers from text with the checks every format needs (finite, within a
// sane magnitude), and a message that says what was wrong with the text.

#include <QString>
#include <QStringView>

#include <optional>

namespace cropdeck {

// Pixel coordinates and sizes beyond this are absurd (no image format goes past ~2^31 pixels a side
// and such a box could not be cropped); refusing them keeps later integer conversions safe.
inline constexpr double kMaxPixelCoordinate = 1e8;
// Largest image side accepted as a declared size.
inline constexpr int kMaxDeclaredSide = 10'000'000;
// Fractions (YOLO, centre/scale) must stay within this of [0, 1] to be considered at all.
inline constexpr double kMaxFraction = 1e3;

// Parses a decimal number (C locale, surrounding spaces allowed). On failure returns nullopt and sets
// *why to e.g. "'abc' is not a number" (also for "nan"), or "'1e300' is out of range (limit 1e+08)".
std::optional<double> parseNumber(QStringView text, double maxMagnitude, QString* why);

// The plain decimals parseNumber() reads without the full parser: an optional '-', 1 to
// kPlainDecimalDigits digits, optionally a '.' with digits on both sides ("120", "-35.25"). The value is
// the digits as an integer (exact in a double) divided by an exact power of ten: IEEE division rounds
// once, so it is the correctly rounded value, the one QString::toDouble() gives. nullopt for any other text.
inline constexpr int kPlainDecimalDigits = 15;
std::optional<double> parsePlainDecimal(QStringView text);

// A non-negative whole number ("3", "3.0") up to maxValue.
std::optional<int> parseCount(QStringView text, int maxValue, QString* why);

} // namespace cropdeck
