// SPDX-License-Identifier: GPL-3.0-or-later
#include "ValidateCommand.h"

#include "ExitCodes.h"
#include "ReportError.h"
#include "batch/AnnotationInput.h"
#include "batch/SetValidation.h"
#include "validation/Validation.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace cropdeck::app {
namespace {

const char* severityName(IssueSeverity severity) {
    return severity == IssueSeverity::Error ? "error" : "warning";
}

QJsonObject findingObject(const ValidationFinding& finding) {
    QJsonObject object{{"severity", severityName(finding.severity)},
                       {"kind", findingKindName(finding.kind)},
                       {"message", finding.message}};
    if (finding.kind == FindingKind::AnnotationFile) {
        object.insert("file", finding.file);
        if (finding.line > 0)
            object.insert("line", finding.line);
        if (!finding.element.isEmpty())
            object.insert("element", finding.element);
    }
    if (finding.imageIndex >= 0) {
        object.insert("image", finding.image);
        object.insert("image_index", finding.imageIndex);
    }
    if (finding.windowIndex >= 0) {
        object.insert("box_index", finding.windowIndex);
        object.insert("box_id", finding.windowId);
    }
    if (!finding.closestMatch.isEmpty())
        object.insert("closest", finding.closestMatch);
    return object;
}

QString outcomeOf(const ValidationReport& report) {
    if (report.errorCount() > 0)
        return QStringLiteral("errors");
    return report.warningCount() > 0 ? QStringLiteral("warnings") : QStringLiteral("clean");
}

void printJson(const ValidationReport& report) {
    QJsonArray findings;
    for (const ValidationFinding& finding : report.findings)
        findings.append(findingObject(finding));
    QJsonObject counts;
    for (int k = 0; k < kFindingKindCount; ++k)
        counts.insert(findingKindName(FindingKind(k)), report.count(FindingKind(k)));
    const QJsonObject document{{"annotations", report.annotationFile},
                               {"format", report.format},
                               {"image_root", report.imageRoot},
                               {"images", report.images},
                               {"boxes", report.windows},
                               {"images_readable", report.imagesReadable},
                               {"errors", report.errorCount()},
                               {"warnings", report.warningCount()},
                               {"outcome", outcomeOf(report)},
                               {"counts", counts},
                               {"findings", findings},
                               {"notes", QJsonArray::fromStringList(report.notes)}};
    std::printf("%s\n", QJsonDocument(document).toJson(QJsonDocument::Compact).constData());
}

void printText(const ValidationReport& report, bool quiet) {
    for (const ValidationFinding& finding : report.findings)
        if (!quiet || finding.severity == IssueSeverity::Error)
            std::printf("%s\n", qPrintable(finding.toString()));
    for (const QString& note : report.notes)
        std::printf("note: %s\n", qPrintable(note));
    std::printf("validated %s (%s, images under %s): %s%s\n", qPrintable(report.annotationFile),
                qPrintable(report.format), qPrintable(QDir::toNativeSeparators(report.imageRoot)),
                qPrintable(report.summary()), report.findings.isEmpty() ? ": no problems found" : "");
}

} // namespace

int runValidateCommand(const CommandLine& line) {
    const bool storedPixels = !line.request.settings.orientationFromExif;
    // One probe per image: the reader's size look-ups (YOLO) and the validation share the cache.
    ImageProbeCache probes(line.request.settings.maxPixels);
    QList<AnnotationIssue> issues;
    Result<AnnotationInput> input =
        readAnnotationInput(line.request, probes.sizeProvider(storedPixels), issues);
    if (!input) {
        for (const AnnotationIssue& issue : issues)
            std::fprintf(stderr, "%s\n", qPrintable(issue.toString()));
        return reportInputError(input.error());
    }
    const ValidationOptions options = validationOptionsFor(line.request, input->imageRoot, input->imageList,
                                                           line.minBoxSize.value_or(kDefaultMinBoxSize));
    const ValidationReport report = validateAnnotations(input->set, issues, options, &probes);
    if (line.json)
        printJson(report);
    else
        printText(report, line.quiet);
    std::fflush(stdout);
    return report.errorCount() > 0 ? ExitSomeFailed : ExitOk;
}

} // namespace cropdeck::app
