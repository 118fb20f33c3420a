// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the JSON readers (COCO, LabelMe): a bounded parse whose errors name the line, and checked
// numbers.

#include "Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QVariantMap>

#include <initializer_list>
#include <optional>

namespace cropdeck {

// The top-level object of a JSON file. Errors: those of readBoundedFile(), Corrupt with "file:line:" for
// malformed JSON (Qt's parser also refuses nesting deeper than 1024), Corrupt when the top is no object.
Result<QJsonObject> readJsonObject(const QString& path, qint64 maxBytes);

// A JSON number within ±maxMagnitude; nullopt with *why set otherwise (a string, null, 1e300, ...).
std::optional<double> jsonNumber(const QJsonValue& value, double maxMagnitude, QString* why);

// The members of `object` not named in `known`, keyed `prefix` + name: the fields a reader keeps for
// round trips (COCO "coco.", LabelMe "labelme.").
QVariantMap extrasExcept(const QString& prefix, const QJsonObject& object,
                         std::initializer_list<const char*> known);

// A JSON id (number or string) as text; empty when it is neither.
QString jsonId(const QJsonValue& value);

} // namespace cropdeck
