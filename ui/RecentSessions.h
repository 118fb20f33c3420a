// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The sets the user opened lately, for File → Open Recent: a project file, or an images folder/list with
// its annotation source. Kept in QSettings (newest first, no duplicates, at most kMaxRecent); entries
// whose files are gone are left out when listed, so the menu never offers what cannot open.

#include "Result.h"
#include "ui/OpenRequest.h"

#include <QList>
#include <QString>

class QSettings;

namespace cropdeck::ui {

struct RecentSession {
    QString project;     // a .cropdeck file; when set, the other two are not used
    QString images;      // folder or list file
    QString annotations; // file or folder

    // What the menu shows: "poles.cropdeck", "train.json — images", "photos".
    QString label() const;
    bool operator==(const RecentSession&) const = default;
};

// The session that reopens what `request` opened (its project, or its images and annotations).
[[nodiscard]] RecentSession recentSessionFor(const OpenRequest& request);
// And back: what to open for `session`. Errors name the missing path.
[[nodiscard]] Result<OpenRequest> openRequestFor(const RecentSession& session);

class RecentSessions {
public:
    static constexpr int kMaxRecent = 10;

    explicit RecentSessions(QSettings& settings);

    QList<RecentSession> sessions() const; // newest first, only those that still exist
    void add(const RecentSession& session);
    void clear();

private:
    QList<RecentSession> stored() const;
    void store(const QList<RecentSession>& sessions);

    QSettings& m_settings;
};

} // namespace cropdeck::ui
