// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch/ProjectFile.h"

#include "batch/AnnotationSetJson.h"
#include "batch/BatchRequestJson.h"
#include "batch/JsonFile.h"
#include "batch/JsonObjectReader.h"
#include "io/AtomicFileWriter.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

namespace cropdeck {
namespace {

constexpr qint64 kMaxProjectBytes = qint64(2) << 30; // edited sets of millions of boxes still load

QString relativeTo(const QString& folder, const QString& path) {
    return path.isEmpty() ? path : QDir(folder).relativeFilePath(path);
}

BatchRequest withPathsRelativeTo(BatchRequest request, const QString& folder) {
    request.images = relativeTo(folder, request.images);
    request.annotations = relativeTo(folder, request.annotations);
    request.outputDir = relativeTo(folder, request.outputDir);
    return request;
}

} // namespace

QJsonObject projectToJson(const CropProject& project, const QString& folder) {
    QJsonObject json{{"cropdeck_project", kProjectVersion},
                     {"request", batchRequestToJson(withPathsRelativeTo(project.request, folder))}};
    if (project.editedAnnotations) {
        AnnotationSet set = *project.editedAnnotations;
        set.imageRoot = relativeTo(folder, set.imageRoot);
        set.sourceFile = relativeTo(folder, set.sourceFile);
        json.insert("edited_annotations", annotationSetToJson(set));
    }
    return json;
}

Result<CropProject> projectFromJson(const QJsonObject& json, const QString& folder) {
    JsonObjectReader root(json, QString());
    if (!root.has("cropdeck_project"))
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("not a CropDeck project: key \"cropdeck_project\" "
                                        "(the format version) is missing"));
    int version = 0;
    if (Status read = root.integer("cropdeck_project", 1, 1 << 20, version); !read)
        return read.error();
    if (version > kProjectVersion)
        return makeError(ErrorKind::Unsupported,
                         QStringLiteral("project format version %1 is newer than this CropDeck reads (%2): "
                                        "update CropDeck")
                             .arg(version)
                             .arg(kProjectVersion));
    CropProject project;
    QJsonObject request;
    if (Status read = root.rawObject("request", request); !read)
        return read.error();
    if (!root.has("request"))
        return root.invalid("request", QStringLiteral("a project needs its batch request"));
    Result<BatchRequest> parsed = batchRequestFromJson(request);
    if (!parsed)
        return makeError(parsed.error().kind, QStringLiteral("request: %1").arg(parsed.error().message));
    project.request = withPathsResolvedAgainst(std::move(parsed.value()), folder);
    if (root.has("edited_annotations")) {
        QJsonObject edited;
        if (Status read = root.rawObject("edited_annotations", edited); !read)
            return read.error();
        Result<AnnotationSet> set = annotationSetFromJson(edited, QStringLiteral("edited_annotations"));
        if (!set)
            return set.error();
        set->imageRoot = resolvedAgainst(folder, set->imageRoot);
        set->sourceFile = resolvedAgainst(folder, set->sourceFile);
        project.editedAnnotations = std::move(set.value());
    }
    if (Status finished = root.finish(); !finished)
        return finished.error();
    return project;
}

Result<CropProject> loadProject(const QString& path) {
    Result<QJsonObject> json = readJsonObjectFile(path, QStringLiteral("project file"), kMaxProjectBytes);
    if (!json)
        return json.error();
    Result<CropProject> project = projectFromJson(*json, QFileInfo(path).absolutePath());
    if (!project)
        return makeError(project.error().kind, QStringLiteral("%1: %2").arg(path, project.error().message));
    return project;
}

Status saveProject(const CropProject& project, const QString& path) {
    const QString folder = QFileInfo(path).absolutePath();
    const QByteArray json = QJsonDocument(projectToJson(project, folder)).toJson(QJsonDocument::Indented);
    return writeFileAtomically(path, json);
}

bool isProjectFile(const QString& path) {
    // Keys are written sorted: the version key comes before "edited_annotations" and "request".
    return QFileInfo(path).suffix().compare(QLatin1String(kProjectSuffix), Qt::CaseInsensitive) == 0 ||
           jsonFileStartsWithKey(path, "cropdeck_project");
}

Result<PreparedBatch> prepareProject(const CropProject& project, PrepareFor purpose,
                                     QList<AnnotationIssue>* issues) {
    if (project.editedAnnotations)
        return prepareBatch(project.request, *project.editedAnnotations, purpose);
    return prepareBatch(project.request, purpose, issues);
}

} // namespace cropdeck
