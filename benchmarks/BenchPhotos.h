// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The generated photos the GUI benchmarks time, written once and kept for later runs.

#include "Result.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace cropdeck::benchmark {

// `path` when it exists already; otherwise the bytes `encode` makes, written to PATH.part and renamed (an
// interrupted run leaves no half photo under the real name). Empty when encoding or writing fails.
QString keepPhoto(const QString& path, const std::function<Result<QByteArray>()>& encode);

} // namespace cropdeck::benchmark
