// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/RecentSessions.h"

#include <QFileInfo>
#include <QSettings>

namespace cropdeck::ui {
namespace {

constexpr char kGroup[] = "recentSessions";

bool exists(const QString& path) {
    return path.isEmpty() || QFileInfo::exists(path);
}

} // namespace

QString RecentSession::label() const {
    if (!project.isEmpty())
        return QFileInfo(project).fileName();
    QString imagesName = QFileInfo(images).fileName();
    if (annotations.isEmpty())
        return imagesName;
    const QString annotationsName = QFileInfo(annotations).fileName();
    return images.isEmpty() ? annotationsName : QStringLiteral("%1 — %2").arg(annotationsName, imagesName);
}

RecentSession recentSessionFor(const OpenRequest& request) {
    if (!request.projectPath.isEmpty())
        return {request.projectPath, {}, {}};
    return {{}, request.request.images, request.request.annotations};
}

Result<OpenRequest> openRequestFor(const RecentSession& session) {
    if (!session.project.isEmpty())
        return openRequestFor(QStringList{session.project}, {});
    for (const QString& path : {session.images, session.annotations})
        if (!exists(path))
            return makeError(ErrorKind::NotFound, QStringLiteral("%1: no such file or folder").arg(path));
    OpenRequest request;
    request.request.images = session.images;
    request.request.annotations = session.annotations;
    return request;
}

RecentSessions::RecentSessions(QSettings& settings)
    : m_settings(settings) {}

QList<RecentSession> RecentSessions::stored() const {
    QList<RecentSession> sessions;
    const int count = m_settings.beginReadArray(QLatin1String(kGroup));
    for (int i = 0; i < count; ++i) {
        m_settings.setArrayIndex(i);
        sessions.append({m_settings.value("project").toString(), m_settings.value("images").toString(),
                         m_settings.value("annotations").toString()});
    }
    m_settings.endArray();
    return sessions;
}

void RecentSessions::store(const QList<RecentSession>& sessions) {
    m_settings.remove(QLatin1String(kGroup)); // a shorter list must not keep the old tail
    m_settings.beginWriteArray(QLatin1String(kGroup), int(sessions.size()));
    for (int i = 0; i < sessions.size(); ++i) {
        m_settings.setArrayIndex(i);
        m_settings.setValue("project", sessions[i].project);
        m_settings.setValue("images", sessions[i].images);
        m_settings.setValue("annotations", sessions[i].annotations);
    }
    m_settings.endArray();
}

QList<RecentSession> RecentSessions::sessions() const {
    QList<RecentSession> present;
    for (const RecentSession& session : stored())
        if (exists(session.project) && exists(session.images) && exists(session.annotations))
            present.append(session);
    return present;
}

void RecentSessions::add(const RecentSession& session) {
    if (session.project.isEmpty() && session.images.isEmpty() && session.annotations.isEmpty())
        return;
    QList<RecentSession> sessions = stored();
    sessions.removeAll(session);
    sessions.prepend(session);
    while (sessions.size() > kMaxRecent)
        sessions.removeLast();
    store(sessions);
}

void RecentSessions::clear() {
    store({});
}

} // namespace cropdeck::ui
