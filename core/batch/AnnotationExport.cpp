// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/AnnotationExport.h"

#include "annotations/AnnotationIO.h"
#include "batch/AnnotationInput.h"
#include "io/FileIdentity.h"
#include "validation/ValidationProbes.h"

#include <QFileInfo>

namespace cropdeck {
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

} // namespace

Result<AnnotationFormat> exportFormatNamed(const QString& name) {
    const std::optional<AnnotationFormat> format = parseAnnotationFormat(name);
    if (!format || *format == AnnotationFormat::Auto || *format == AnnotationFormat::Unknown)
        return makeSettingError("export.format", QStringLiteral("target format \"%1\": expected one of %2")
                                                     .arg(name, annotationFormatNames().join(", ")));
    return *format;
}

Status checkExportTarget(const QString& input, const QString& output, AnnotationFormat format) {
    const QString in = comparablePathKey(input), out = comparablePathKey(output);
    const auto refuse = [&](const QString& why) {
        return makeSettingError(
            "export.output",
            QStringLiteral("%1 %2 the input %3; choose another output").arg(output, why, input));
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

namespace {

Result<AnnotationExport> writeExport(const AnnotationSet& set, const QString& imageRoot,
                                     const ImageSizeProvider& sizes, const QString& output,
                                     AnnotationFormat format, AnnotationExport result) {
    WriteOptions options;
    options.imageSize = sizes;
    // Paths relative to the images folder: the output then runs with the same images setting.
    options.imageFolder = imageRoot;
    if (Status written = writeAnnotations(set, output, format, options, &result.losses); !written)
        return written.error();
    result.sourceFormat = set.format;
    result.imageCount = set.images.size();
    result.boxCount = set.windowCount();
    return result;
}

} // namespace

Result<AnnotationExport> exportAnnotations(const BatchRequest& request, const QString& output,
                                           AnnotationFormat format, QList<AnnotationIssue>* issues) {
    if (Status safe = checkExportTarget(request.annotations, output, format); !safe)
        return safe.error();

    // YOLO input turns fractions into pixels, YOLO/VOC/COCO/LabelMe output writes image sizes: both come
    // from the image headers, in the convention the boxes use.
    ImageProbeCache probes(request.settings.maxPixels);
    const ImageSizeProvider sizes = probes.sizeProvider(!request.settings.orientationFromExif);
    AnnotationExport result;
    Result<AnnotationInput> input = readAnnotationInput(request, sizes, result.issues);
    if (issues)
        *issues = result.issues;
    if (!input)
        return input.error();
    return writeExport(input->set, input->imageRoot, sizes, output, format, std::move(result));
}

Result<AnnotationExport> exportAnnotationSet(const AnnotationSet& set, const BatchRequest& request,
                                             const QString& output, AnnotationFormat format) {
    // Never over the file the set was read from, nor over the annotation source the request names.
    for (const QString& input : {set.sourceFile, request.annotations})
        if (!input.isEmpty())
            if (Status safe = checkExportTarget(input, output, format); !safe)
                return safe.error();
    ImageProbeCache probes(request.settings.maxPixels);
    // The same convention as exportAnnotations(), so an unedited set exports to the very same file.
    const ImageSizeProvider sizes = probes.sizeProvider(!request.settings.orientationFromExif);
    Result<AnnotationInput> images = resolveImages(request.images);
    if (!images)
        return images.error();
    const QString root = images->imageRoot.isEmpty() ? set.imageRoot : images->imageRoot;
    return writeExport(set, root, sizes, output, format, AnnotationExport());
}

} // namespace cropdeck
