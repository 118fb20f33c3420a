// SPDX-License-Identifier: GPL-3.0-or-later
#include "validation/ValidationReport.h"

#include <algorithm>

namespace cropdeck {

const char* findingKindName(FindingKind kind) {
    switch (kind) {
    case FindingKind::AnnotationFile:
        return "annotation-file";
    case FindingKind::ImageNotFound:
        return "image-not-found";
    case FindingKind::ImageUnreadable:
        return "image-unreadable";
    case FindingKind::SizeMismatch:
        return "size-mismatch";
    case FindingKind::ExifConvention:
        return "exif-convention";
    case FindingKind::BoxOutside:
        return "box-outside";
    case FindingKind::EmptyBox:
        return "empty-box";
    case FindingKind::DuplicateBox:
        return "duplicate-box";
    case FindingKind::UnknownLabel:
        return "unknown-label";
    case FindingKind::AmbiguousImage:
        return "image-ambiguous";
    case FindingKind::SmallBox:
        return "small-box";
    }
    return "unknown";
}

QString ValidationFinding::toString() const {
    QString text = severity == IssueSeverity::Error ? QStringLiteral("error: ") : QStringLiteral("warning: ");
    if (kind == FindingKind::AnnotationFile) {
        text += file;
        if (line > 0)
            text += u':' + QString::number(line);
        text += QStringLiteral(": ");
        if (!element.isEmpty())
            text += element + QStringLiteral(": ");
    } else if (!image.isEmpty()) {
        text += image + QStringLiteral(": ");
    }
    if (windowIndex >= 0) {
        text += QStringLiteral("box %1").arg(windowIndex);
        if (windowId != QString::number(windowIndex))
            text += QStringLiteral(" (id %1)").arg(windowId);
        text += QStringLiteral(": ");
    }
    return text + message + QStringLiteral(" [") + QLatin1String(findingKindName(kind)) + u']';
}

void ValidationReport::add(ValidationFinding finding) {
    ++counts[size_t(finding.kind)];
    findings.append(std::move(finding));
}

int ValidationReport::errorCount() const {
    return int(std::count_if(findings.cbegin(), findings.cend(), [](const ValidationFinding& finding) {
        return finding.severity == IssueSeverity::Error;
    }));
}

int ValidationReport::warningCount() const {
    return int(findings.size()) - errorCount();
}

QString ValidationReport::summary() const {
    QStringList kinds;
    for (int k = 0; k < kFindingKindCount; ++k)
        if (counts[size_t(k)] > 0)
            kinds << QStringLiteral("%1 %2")
                         .arg(QLatin1String(findingKindName(FindingKind(k))))
                         .arg(counts[size_t(k)]);
    QString text = QStringLiteral("%1 images, %2 boxes: %3 errors, %4 warnings")
                       .arg(images)
                       .arg(windows)
                       .arg(errorCount())
                       .arg(warningCount());
    if (!kinds.isEmpty())
        text += QStringLiteral(" (") + kinds.join(QStringLiteral(", ")) + u')';
    return text;
}

} // namespace cropdeck
