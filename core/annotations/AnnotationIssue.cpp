// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations/AnnotationIssue.h"

#include <algorithm>

namespace cropdeck {

QString AnnotationIssue::toString(bool markWarnings) const {
    QString text = file;
    if (line > 0)
        text += u':' + QString::number(line);
    text += QStringLiteral(": ");
    if (markWarnings && severity == IssueSeverity::Warning)
        text += QStringLiteral("warning: ");
    if (!element.isEmpty())
        text += element + QStringLiteral(": ");
    return text + message;
}

bool hasErrors(const QList<AnnotationIssue>& issues) {
    return std::any_of(issues.cbegin(), issues.cend(),
                       [](const AnnotationIssue& issue) { return issue.severity == IssueSeverity::Error; });
}

} // namespace cropdeck
