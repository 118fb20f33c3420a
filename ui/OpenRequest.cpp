// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/OpenRequest.h"

#include "annotations/ImagePaths.h"
#include "batch/BatchRequestJson.h"
#include "batch/ProjectFile.h"

#include <QDir>
#include <QFileInfo>

namespace cropdeck::ui {
namespace {

bool isImageFile(const QFileInfo& file) {
    return readableImageExtensions().contains(file.suffix().toLower());
}

bool holdsImages(const QString& folder) {
    const QDir dir(folder);
    for (const QFileInfo& entry : dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot))
        if (entry.isFile() ? isImageFile(entry) : false)
            return true;
    // A dataset root often holds only sub-folders of images (JPEGImages/, train/...): look one level down.
    for (const QFileInfo& sub : dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
        for (const QFileInfo& entry : QDir(sub.filePath()).entryInfoList(QDir::Files))
            if (isImageFile(entry))
                return true;
    return false;
}

} // namespace

Result<OpenRequest> openRequestFor(const QStringList& paths, BatchRequest base) {
    OpenRequest open;
    open.request = std::move(base);
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (!info.exists())
            return makeError(ErrorKind::NotFound, QStringLiteral("%1: no such file or folder").arg(path));
        const QString absolute = info.absoluteFilePath();
        if (info.isDir()) {
            (holdsImages(absolute) ? open.request.images : open.request.annotations) = absolute;
        } else if (isImageFile(info)) {
            open.request.images = info.absolutePath();
            open.selectPath = absolute;
        } else if (isProjectFile(absolute)) {
            Result<CropProject> project = loadProject(absolute);
            if (!project)
                return project.error();
            open.request = std::move(project->request);
            open.editedAnnotations = std::move(project->editedAnnotations);
            open.projectPath = absolute;
            open.settingsGiven = true;
        } else if (info.suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0 &&
                   isBatchRequestFile(absolute)) {
            Result<BatchRequest> saved = loadBatchRequest(absolute);
            if (!saved)
                return saved.error();
            open.request = std::move(saved.value());
            open.settingsGiven = true;
        } else {
            open.request.annotations = absolute;
        }
    }
    return open;
}

} // namespace cropdeck::ui
