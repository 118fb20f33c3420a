// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/AnnotationInput.h"

#include "annotations/CsvColumns.h"
#include "engine/ImageListing.h"

#include <QFileInfo>

namespace cropdeck {
namespace {

Result<ReadOptions> readOptionsFor(const BatchRequest& request) {
    ReadOptions options;
    options.format = request.annotationFormat;
    if (!request.csvColumns.isEmpty()) {
        Result<CsvColumns> columns = CsvColumns::parse(request.csvColumns);
        if (!columns)
            return makeSettingError(
                "input.csv_columns",
                QStringLiteral("CSV columns \"%1\": %2").arg(request.csvColumns, columns.error().message));
        options.csvColumns = *columns;
    }
    options.normalizedWindowSize = request.settings.normalizedWindowSize;
    options.normalizedMaxFraction = request.settings.normalizedMaxFraction;
    return options;
}

} // namespace

Result<AnnotationInput> resolveImages(const QString& images) {
    AnnotationInput input;
    if (images.isEmpty())
        return input;
    const QFileInfo info(images);
    if (info.isDir()) {
        input.imageRoot = info.absoluteFilePath();
        return input;
    }
    if (!info.exists()) {
        Error error = makeError(ErrorKind::NotFound,
                                QStringLiteral("images %1: no such folder or list file").arg(images));
        error.setting = QStringLiteral("input.images");
        return error;
    }
    Result<QStringList> list = readImageList(images);
    if (!list)
        return list.error();
    input.imageList = *list;
    return input;
}

Result<AnnotationInput> readAnnotationInput(const BatchRequest& request, const ImageSizeProvider& sizes,
                                            QList<AnnotationIssue>& issues) {
    Result<AnnotationInput> resolved = resolveImages(request.images);
    if (!resolved)
        return resolved.error();
    AnnotationInput input = std::move(resolved.value());
    Result<ReadOptions> options = readOptionsFor(request);
    if (!options)
        return options.error();
    options->imageRoot = input.imageRoot;
    options->imageSize = sizes;
    Result<AnnotationSet> set = readAnnotations(request.annotations, *options, &issues);
    if (!set)
        return set.error();
    input.set = std::move(set.value());
    return input;
}

} // namespace cropdeck
