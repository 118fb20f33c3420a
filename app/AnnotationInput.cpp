// SPDX-License-Identifier: GPL-3.0-or-later
#include "AnnotationInput.h"

#include "ExitCodes.h"
#include "annotations/CsvColumns.h"
#include "engine/ImageListing.h"

#include <QFileInfo>

#include <cstdio>

namespace cropdeck::app {
namespace {

Result<ReadOptions> readOptionsFor(const CommandLine& line) {
    ReadOptions options;
    if (!line.annotationFormat.isEmpty()) {
        const std::optional<AnnotationFormat> format = parseAnnotationFormat(line.annotationFormat);
        if (!format)
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("--annotation-format \"%1\": expected one of %2")
                                 .arg(line.annotationFormat, annotationFormatNames().join(", ")));
        options.format = *format;
    }
    if (!line.csvColumns.isEmpty()) {
        Result<CsvColumns> columns = CsvColumns::parse(line.csvColumns);
        if (!columns)
            return makeError(
                ErrorKind::Invalid,
                QStringLiteral("--csv-columns \"%1\": %2").arg(line.csvColumns, columns.error().message));
        options.csvColumns = *columns;
    }
    options.normalizedWindowSize = line.batch.settings.normalizedWindowSize;
    options.normalizedMaxFraction = line.batch.settings.normalizedMaxFraction;
    return options;
}

} // namespace

Result<AnnotationInput> resolveImagesArgument(const QString& images) {
    AnnotationInput input;
    if (images.isEmpty())
        return input;
    const QFileInfo info(images);
    if (info.isDir()) {
        input.imageRoot = info.absoluteFilePath();
        return input;
    }
    if (!info.exists())
        return makeError(ErrorKind::NotFound,
                         QStringLiteral("--images %1: no such folder or list file").arg(images));
    Result<QStringList> list = readImageList(images);
    if (!list)
        return list.error();
    input.imageList = *list;
    return input;
}

Result<AnnotationInput> readAnnotationInput(const CommandLine& line, const ImageSizeProvider& sizes,
                                            QList<AnnotationIssue>& issues) {
    Result<AnnotationInput> resolved = resolveImagesArgument(line.images);
    if (!resolved)
        return resolved.error();
    AnnotationInput input = std::move(resolved.value());
    Result<ReadOptions> options = readOptionsFor(line);
    if (!options)
        return options.error();
    options->imageRoot = input.imageRoot;
    options->imageSize = sizes;
    Result<AnnotationSet> set = readAnnotations(line.annotations, *options, &issues);
    if (!set)
        return set.error();
    input.set = std::move(set.value());
    return input;
}

int reportInputError(const Error& error) {
    std::fprintf(stderr, "cropdeck: %s\n", qPrintable(error.message));
    return error.kind == ErrorKind::Io ? int(ExitFatal) : int(ExitUsage);
}

} // namespace cropdeck::app
