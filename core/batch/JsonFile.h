// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Reading and recognising CropDeck's own JSON files (saved requests, projects). Internal to core/batch.

#include "Result.h"

#include <QJsonObject>
#include <QString>

namespace cropdeck {

// The top-level object of the JSON file at `path`. Only a regular file is opened (a FIFO would block);
// errors name the path and say what is wrong ("no such request file", "not valid JSON at byte 12: …").
// `what` names the kind of file in messages ("request file", "project file").
Result<QJsonObject> readJsonObjectFile(const QString& path, const QString& what, qint64 maxBytes);

// True when the file's first 4 KiB are the start of a JSON object holding `versionKey`. Our writers
// sort keys, and each file type's version key sorts before any bulky member, so it is near the top.
bool jsonFileStartsWithKey(const QString& path, const char* versionKey);

// `path` made absolute against `folder` when relative; empty stays empty.
QString resolvedAgainst(const QString& folder, const QString& path);

} // namespace cropdeck
