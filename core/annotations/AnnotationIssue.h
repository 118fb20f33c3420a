// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Problems a reader found but could work around. A reader returns an Error (and no set) when nothing
// sensible can be read; everything else becomes an AnnotationIssue so that one bad line among thousands
// does not hide the rest:
//   Warning  the data was kept under a stated assumption (a polygon turned into its box, an unknown
//            class id kept as its number, a foreign absolute <path> ignored).
//   Error    something was dropped (a line, a box, a whole file of a folder) and the message says what.
// ReadOptions::strict turns any issue into a failed read.

#include <QList>
#include <QString>

namespace cropdeck {

enum class IssueSeverity { Warning, Error };

struct AnnotationIssue {
    IssueSeverity severity = IssueSeverity::Error;
    QString file;    // the annotation file it was found in, as the caller named it
    int line = 0;    // 1-based line, 0 when the problem has no line (a folder, a JSON value)
    QString element; // XML element, JSON path or CSV column, empty when the line says it all
    QString message;

    // "file:line: element: message", with "warning: " before the element of warnings unless
    // `markWarnings` is false (for callers that print every issue under their own "warning:").
    QString toString(bool markWarnings = true) const;
};

bool hasErrors(const QList<AnnotationIssue>& issues);

} // namespace cropdeck
