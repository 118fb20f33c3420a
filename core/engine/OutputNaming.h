// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Output file names from a template such as "{stem}_{index}_{label}.{ext}".
//
// Placeholders: {stem} source file name without extension, {name} source file name, {ext} output
// extension, {index} window index within its image (0-based), {id} window id from the annotation file,
// {label} window label ("unlabeled" when empty), {image} image index in the batch, {dir} the source's
// folder relative to the image root ("" when flat). Unknown placeholders are an error. Values are
// sanitised so that a label can never add folders or characters a file system refuses.

#include "Result.h"

#include <QString>

namespace cropdeck {

struct OutputNameFields {
    QString sourceRelativePath; // as in the annotation file, '/' separated
    QString label;
    QString windowId;
    int windowIndex = 0;
    int imageIndex = 0;
    QString extension; // without dot
};

inline constexpr const char* kDefaultNameTemplate = "{stem}_{index}_{label}.{ext}";

// Checks a template once, before a batch starts: known placeholders, balanced braces, not empty,
// no absolute path.
Status validateNameTemplate(const QString& nameTemplate);

// Expands a validated template into a relative path ('/' separated).
QString expandNameTemplate(const QString& nameTemplate, const OutputNameFields& fields);

// Makes one path component safe on every OS: no separators, control or reserved characters, no
// leading/trailing dots or spaces, not a reserved Windows device name, not empty.
QString sanitizeFileNameComponent(const QString& text);

} // namespace cropdeck
