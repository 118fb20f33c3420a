// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/WindowGeneration.h"

#include "engine/ImageListing.h"
#include "engine/Manifest.h"
#include "geometry/WindowShaping.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace cropdeck {
namespace {

bool isInside(const QString& path, const QString& folder) {
    return path.startsWith(folder + u'/');
}

// The images of `root` that are not outputs of a batch writing to `outputDir`.
Result<QStringList> imagesInFolder(const QString& root, const QString& outputDir) {
    Result<QStringList> listed = listImagesInFolder(root, true);
    if (!listed)
        return listed.error();
    const QString out = QDir::cleanPath(QDir(outputDir).absolutePath());
    const QString images = QDir::cleanPath(QDir(root).absolutePath());
    QSet<QString> recordedOutputs;
    if (!outputDir.isEmpty() && (out == images || isInside(images, out))) {
        // The outputs land among the images: only the manifest tells them apart.
        Result<FinishedOutputs> finished = readFinishedOutputs(QDir(out).filePath(kManifestFileName), out);
        if (finished)
            for (auto it = finished->outputs.cbegin(); it != finished->outputs.cend(); ++it)
                recordedOutputs.insert(QDir::cleanPath(QDir(out).absoluteFilePath(it.key())));
    }
    QStringList paths;
    for (const QString& path : *listed) {
        const QString clean = QDir::cleanPath(path);
        const bool earlierOutput = (!outputDir.isEmpty() && out != images && isInside(clean, out)) ||
                                   recordedOutputs.contains(clean);
        if (!earlierOutput)
            paths.append(path);
    }
    return paths;
}

QRect generatedRect(const GeneratedWindows& generated, QSize image, int imageIndex, int windowIndex) {
    return generated.kind == GeneratedWindows::Kind::Centre
               ? centreCrop(image, generated.size)
               : randomCrop(image, generated.size, generated.seed, imageIndex, windowIndex);
}

} // namespace

Result<AnnotationSet> generateWindows(const GeneratedWindows& generated, const AnnotationInput& images,
                                      const QString& imagesSetting, const QString& outputDir,
                                      const ImageSizeProvider& sizes) {
    QStringList paths = images.imageList;
    QString root = images.imageRoot;
    if (!root.isEmpty()) {
        Result<QStringList> inFolder = imagesInFolder(root, outputDir);
        if (!inFolder)
            return inFolder.error();
        paths = *inFolder;
    } else {
        root = QFileInfo(imagesSetting).absolutePath();
    }
    if (paths.isEmpty()) {
        Error error = makeError(ErrorKind::NotFound,
                                QStringLiteral("images %1: no images to crop (earlier outputs of this batch "
                                               "are not counted)")
                                    .arg(imagesSetting));
        error.setting = QStringLiteral("input.images");
        return error;
    }
    const bool centre = generated.kind == GeneratedWindows::Kind::Centre;
    const int count = centre ? 1 : generated.count;
    AnnotationSet set = annotationSetForImages(paths, root);
    for (int i = 0; i < set.images.size(); ++i) {
        // Unreadable images get windows too: the run reports them, one failure each.
        const QSize image = sizes(paths[i]).value_or(generated.size);
        for (int w = 0; w < count; ++w) {
            CropWindow window;
            window.id = QString::number(w);
            window.box = QRectF(generatedRect(generated, image, i, w));
            window.label = centre ? QStringLiteral("centre") : QStringLiteral("random");
            set.images[i].windows.append(window);
        }
    }
    return set;
}

} // namespace cropdeck
