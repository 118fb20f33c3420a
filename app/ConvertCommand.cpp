// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConvertCommand.h"

#include "ExitCodes.h"
#include "ReportError.h"
#include "annotations/ValidationProbes.h"
#include "batch/AnnotationInput.h"
#include "io/FileIdentity.h"

#include <QDir>
#include <QFileInfo>

#include <cstdio>

namespace cropdeck::app {
namespace {

bool writesFolder(AnnotationFormat format) {
    return format == AnnotationFormat::Voc || format == AnnotationFormat::Yolo ||
           format == AnnotationFormat::LabelMe;
}

// Suffixes of the files a folder format writes: an input with one of them inside the output folder
// could be replaced.
QStringList writtenSuffixes(AnnotationFormat format) {
    switch (format) {
    case AnnotationFormat::Voc:
        return {QStringLiteral("xml")};
    case AnnotationFormat::Yolo:
        return {QStringLiteral("txt"), QStringLiteral("yaml")};
    case AnnotationFormat::LabelMe:
        return {QStringLiteral("json")};
    default:
        return {};
    }
}

bool isInside(const QString& key, const QString& folderKey) {
    return key.startsWith(folderKey + u'/');
}

Status checkNotOverwritingInput(const QString& input, const QString& output, AnnotationFormat format) {
    const QString in = comparablePathKey(input), out = comparablePathKey(output);
    const auto refuse = [&](const QString& why) {
        return makeError(
            ErrorKind::Invalid,
            QStringLiteral("--out %1 %2 the input %3; choose another --out").arg(output, why, input));
    };
    if (in == out)
        return refuse(QStringLiteral("is"));
    if (!writesFolder(format))
        return {};
    if (QFileInfo(input).isDir() && (isInside(out, in) || isInside(in, out)))
        return refuse(isInside(out, in) ? QStringLiteral("is inside") : QStringLiteral("holds"));
    if (isInside(in, out) && writtenSuffixes(format).contains(QFileInfo(input).suffix().toLower()))
        return refuse(QStringLiteral("would hold files like"));
    return {};
}

Result<AnnotationFormat> targetFormat(const QString& name) {
    const std::optional<AnnotationFormat> format = parseAnnotationFormat(name);
    if (!format || *format == AnnotationFormat::Auto || *format == AnnotationFormat::Unknown)
        return makeError(
            ErrorKind::Invalid,
            QStringLiteral("--to \"%1\": expected one of %2").arg(name, annotationFormatNames().join(", ")));
    return *format;
}

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
    Result<AnnotationFormat> format = targetFormat(line.convertTo);
    if (!format)
        return reportInputError(format.error());
    if (Status safe = checkNotOverwritingInput(line.request.annotations, line.convertOut, *format); !safe)
        return reportInputError(safe.error());

    // YOLO input turns fractions into pixels, YOLO/VOC/COCO/LabelMe output writes image sizes: both come
    // from the image headers, in the convention the boxes use.
    ImageProbeCache probes(line.request.settings.maxPixels);
    const ImageSizeProvider sizes = probes.sizeProvider(!line.request.settings.orientationFromExif);
    QList<AnnotationIssue> issues;
    Result<AnnotationInput> input = readAnnotationInput(line.request, sizes, issues);
    printIssues(issues, line.quiet);
    if (!input)
        return reportInputError(input.error());

    WriteOptions options;
    options.imageSize = sizes;
    // Paths relative to the --images folder: the output then runs with the same --images.
    options.imageFolder = input->imageRoot;
    QStringList losses;
    const Status written = writeAnnotations(input->set, line.convertOut, *format, options, &losses);
    for (const QString& loss : losses)
        std::fprintf(stderr, "warning: %s\n", qPrintable(loss));
    if (!written) {
        std::fprintf(stderr, "cropdeck: %s\n", qPrintable(written.error().message));
        return written.error().kind == ErrorKind::Invalid ? ExitUsage : ExitFatal;
    }
    const bool dropped = hasErrors(issues);
    std::printf("converted %s (%s, %lld images, %lld boxes) to %s: %s%s\n",
                qPrintable(line.request.annotations), qPrintable(input->set.format),
                qlonglong(input->set.images.size()), qlonglong(input->set.windowCount()),
                qPrintable(annotationFormatName(*format)), qPrintable(line.convertOut),
                dropped            ? "; the reader dropped some boxes or lines (errors above)"
                : losses.isEmpty() ? ""
                                   : "; see the warnings for what the format cannot hold");
    std::fflush(stdout);
    return dropped ? ExitSomeFailed : ExitOk;
}

} // namespace cropdeck::app
