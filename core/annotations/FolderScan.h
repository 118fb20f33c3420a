// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the folder-based readers (VOC, YOLO, LabelMe): bounded recursive listings.

#include "Result.h"

#include <QStringList>

namespace cropdeck {

// Files under `folder` (recursively, symlinked folders not followed) whose suffix, lower-cased, is in
// `suffixes` (without dots), as absolute paths sorted by path. TooLarge when more than maxFiles match.
Result<QStringList> listFilesRecursively(const QString& folder, const QStringList& suffixes, int maxFiles);

} // namespace cropdeck
