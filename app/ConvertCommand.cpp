// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConvertCommand.h"

#include "ExitCodes.h"
#include "ReportError.h"
#include "batch/AnnotationExport.h"

#include <cstdio>

namespace cropdeck::app {
namespace {

// "error: file:line: element: message", warnings alike, as --validate prints them.
void printIssues(const QList<AnnotationIssue>& issues, bool quiet) {
    for (const AnnotationIssue& issue : issues) {
        const bool error = issue.severity == IssueSeverity::Error;
        if (quiet && !error)
            continue;
        QString where = issue.file;
        if (issue.line > 0)
            where += u':' + QString::number(issue.line);
        if (!issue.element.isEmpty())
            where += QStringLiteral(": ") + issue.element;
        std::fprintf(stderr, "%s: %s: %s\n", error ? "error" : "warning", qPrintable(where),
                     qPrintable(issue.message));
    }
}

} // namespace

int runConvertCommand(const CommandLine& line) {
    Result<AnnotationFormat> format = exportFormatNamed(line.convertTo);
    if (!format)
        return reportInputError(format.error());
    QList<AnnotationIssue> issues;
    Result<AnnotationExport> exported = exportAnnotations(line.request, line.convertOut, *format, &issues);
    printIssues(issues, line.quiet);
    if (!exported)
        return reportInputError(exported.error());
    for (const QString& loss : exported->losses)
        std::fprintf(stderr, "warning: %s\n", qPrintable(loss));
    const bool dropped = hasErrors(issues);
    std::printf("converted %s (%s, %lld images, %lld boxes) to %s: %s%s\n",
                qPrintable(line.request.annotations), qPrintable(exported->sourceFormat),
                qlonglong(exported->imageCount), qlonglong(exported->boxCount),
                qPrintable(annotationFormatName(*format)), qPrintable(line.convertOut),
                dropped                      ? "; the reader dropped some boxes or lines (errors above)"
                : exported->losses.isEmpty() ? ""
                                             : "; see the warnings for what the format cannot hold");
    std::fflush(stdout);
    return dropped ? ExitSomeFailed : ExitOk;
}

} // namespace cropdeck::app
